import type { ContentIndex } from '../content/content-index';
import type { Person } from '../domain/person';
import { roleOf, type RoleDirectory } from '../domain/roles';
import type { Access, AccessResolver } from '../leadership/access';
import type { PersonReader, PulseListing, TeamDirectory } from '../storage/ports';
import type { DashboardIdentity } from './token-verifier';

/** Who is looking, what they may do, and which teams' views they may open. */
export interface Viewer {
  person: Person;
  access: Access;
  /** Team ids whose view they may open (none for an employee); read on first use, then kept for the request. */
  teams(): Promise<string[]>;
}

export interface ViewersDeps {
  index: ContentIndex;
  directory: RoleDirectory;
  accessOf: AccessResolver;
  persons: PersonReader;
  pulses: PulseListing;
  teams: TeamDirectory;
}

/** The most teams a view lists. */
export const MAX_TEAMS = 200;
/** Pulses a manager's teams are taken from: their newest ones. */
const PULSES_LOOKED_AT = 100;

/**
 * The access rules of the chat, for the dashboard: a leader (or admin) sees the organisation and its teams; a manager
 * the teams they count towards or sent pulses to; everyone else only their own strategy.
 */
export class Viewers {
  constructor(private readonly deps: ViewersDeps) {}

  async of(identity: DashboardIdentity): Promise<Viewer> {
    const { tenantId, userId } = identity;
    const person: Person = { tenantId, userId, role: roleOf(this.deps.directory, userId) };
    const access = await this.deps.accessOf(person);
    let teams: Promise<string[]> | undefined;
    return { person, access, teams: () => (teams ??= this.teamsOf(person, access)) };
  }

  private async teamsOf({ tenantId, userId }: Person, access: Access): Promise<string[]> {
    if (access.leader) {
      const first = this.deps.index.allQuestions()[0]?.question.id;
      return first ? this.deps.teams.teamsWithCounters(tenantId, first, MAX_TEAMS) : [];
    }
    return access.manager ? managedTeams(this.deps, { tenantId, userId }, true) : [];
  }
}

/**
 * The teams a person looks after as a manager: those they sent pulses to (their newest 100) and, with manager access,
 * those their answers count towards. A leader's teams() are every team; this is the narrower set.
 */
export async function managedTeams(
  deps: { persons: PersonReader; pulses: Pick<PulseListing, 'teamsSentTo'> },
  { tenantId, userId }: Pick<Person, 'tenantId' | 'userId'>,
  manager: boolean,
): Promise<string[]> {
  const [own, sentTo] = await Promise.all([
    manager ? deps.persons.read(tenantId, userId).then((state) => state.teamIds) : [],
    deps.pulses.teamsSentTo(tenantId, userId, PULSES_LOOKED_AT),
  ]);
  return [...new Set([...own, ...sentTo])].sort().slice(0, MAX_TEAMS);
}
