import type { PulsePolicy } from '../config';
import type { LocalRole } from '../domain/local-roles';
import { PLAYGROUND_DEFAULTS } from './playground-defaults';

/** What `npm run dev` started, for the banner it prints. */
export interface DevRun {
  botEndpoint: string;
  /** The embedded server's endpoint, or undefined when COSMOS_ENDPOINT is used. */
  embeddedCosmos?: string;
  cosmosEndpoint: string;
  /** Undefined with --no-playground. */
  playgroundPort?: number;
  localRoles: readonly LocalRole[];
  pulsePolicy: PulsePolicy;
  /** With --demo: the simulated organisation. */
  demo?: { people: number; teams: readonly { name: string }[]; examplePersonId: string };
}

const { user, bot, team } = PLAYGROUND_DEFAULTS;
const MENTION = `@${bot.name}`;

/** The start-up banner of `npm run dev`: where things run, which roles the local user has, and how to try each persona. */
export function devBanner(run: DevRun): string {
  const lines = [
    '',
    '  Strategy Guide is running in local mode (authentication off).',
    `  Bot endpoint:      ${run.botEndpoint}`,
    `  Dashboard:         ${dashboardLink(run.botEndpoint)}  (as ${user.name}; local mode only)`,
    `  Cosmos DB:         ${run.embeddedCosmos ? `embedded, in memory (${run.embeddedCosmos}) — data is lost when you stop` : run.cosmosEndpoint}`,
    run.demo
      ? `  Demo data:         ${run.demo.people} simulated people in ${run.demo.teams.length} teams (${run.demo.teams.map(({ name }) => name).join(', ')})`
      : '  Demo data:         none (npm run dev -- --demo fills the embedded store with a simulated organisation)',
  ];
  if (run.playgroundPort === undefined) {
    lines.push(
      '  Agents Playground: not started (--no-playground)',
      `  Local roles:       ${rolesText(run.localRoles)} — for the Playground's user only (${user.name})`,
    );
  } else {
    lines.push(
      `  Agents Playground: http://localhost:${run.playgroundPort}  ← open this`,
      '',
      `  You are ${user.name}, the Playground's user: ${rolesText(run.localRoles)} (LOCAL_ROLES${run.localRoles.length > 0 ? '; LOCAL_ROLES=none for an employee only' : ''}).`,
      '  Try each persona:',
      ...personaLines(run).map((line) => `    ${line}`),
    );
  }
  lines.push('  Stop with Ctrl+C.', '');
  return `${lines.join('\n')}\n`;
}

/** The dashboard for the Playground's default user: in local mode its identity comes from the query string. */
export function dashboardLink(botEndpoint: string): string {
  const query = new URLSearchParams({ tenant: PLAYGROUND_DEFAULTS.tenantId, user: user.aadObjectId });
  return `${new URL(botEndpoint).origin}/dashboard?${query.toString()}`;
}

function rolesText(roles: readonly LocalRole[]): string {
  return roles.length === 0 ? 'employee only' : `employee, ${roles.join(', ')}`;
}

function personaLines(run: DevRun): string[] {
  const has = (role: LocalRole) => run.localRoles.includes(role) || run.localRoles.includes('admin');
  const channel = `in ${team.name}'s General channel`;
  const grantee = run.demo?.examplePersonId ?? '<Entra object id>';
  const notYours = (role: LocalRole) => `not yours: add ${role} to LOCAL_ROLES to try it`;
  return [
    'employee  Personal Chat: "start" walks through the questions; "my summary" shows your own card',
    run.pulsePolicy === 'anyone' || has('manager')
      ? `manager   ${channel}: "${MENTION} pulse" opens the pulse set-up card`
      : `manager   ${notYours('manager')}`,
    has('leader')
      ? `leader    Personal Chat: "summary" (the organisation's card), "digest weekly"; ${channel}: "${MENTION} team summary"`
      : `leader    ${notYours('leader')}`,
    has('admin')
      ? `admin     Personal Chat: "grant leader ${grantee}", "list roles", "audit log", "check summary"`
      : `admin     ${notYours('admin')}`,
  ];
}
