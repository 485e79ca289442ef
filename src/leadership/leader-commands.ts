import { normalizeTyped } from '../strategy/commands';
import { isRecord, type UserInput } from '../strategy/submit';
import type { GrantedRole } from '../storage/ports';

/** What a leader, admin or team member can ask of the leadership summaries. */
export type LeaderCommand =
  | { kind: 'summary' }
  | { kind: 'my summary' }
  | { kind: 'team summary' }
  | { kind: 'organisation summary' }
  | { kind: 'export summary' }
  | { kind: 'rebuild summary'; write: boolean }
  | { kind: 'digest'; frequency: 'weekly' | 'monthly' | 'off' }
  | { kind: 'role'; role: GrantedRole; userId: string; granted: boolean }
  | { kind: 'roles' }
  | { kind: 'audit log' }
  | { kind: 'strategy document' }
  | { kind: 'my strategy document' }
  | PortfolioCommand;

/** The use-case portfolio: a page of it, a group's edit card, or that card's Save (checked by the portfolio service). */
export type PortfolioCommand =
  | { kind: 'portfolio'; page: number }
  | { kind: 'portfolio edit'; group: unknown }
  | { kind: 'portfolio save'; value: Record<string, unknown> };

export function isPortfolioCommand(command: { kind: string }): command is PortfolioCommand {
  return command.kind === 'portfolio' || command.kind === 'portfolio edit' || command.kind === 'portfolio save';
}

const TYPED: Record<string, LeaderCommand> = {
  summary: { kind: 'summary' },
  'my summary': { kind: 'my summary' },
  'team summary': { kind: 'team summary' },
  'organisation summary': { kind: 'organisation summary' },
  'organization summary': { kind: 'organisation summary' },
  'org summary': { kind: 'organisation summary' },
  'export summary': { kind: 'export summary' },
  'check summary': { kind: 'rebuild summary', write: false },
  'rebuild summary': { kind: 'rebuild summary', write: true },
  'digest weekly': { kind: 'digest', frequency: 'weekly' },
  'digest monthly': { kind: 'digest', frequency: 'monthly' },
  'digest off': { kind: 'digest', frequency: 'off' },
  'list roles': { kind: 'roles' },
  'audit log': { kind: 'audit log' },
  'strategy document': { kind: 'strategy document' },
  'my strategy document': { kind: 'my strategy document' },
  portfolio: { kind: 'portfolio', page: 1 },
  // The rest of the portfolio after the first page, which `portfolio` shows.
  'portfolio all': { kind: 'portfolio', page: 2 },
};

/** The highest page a Next button may ask for (a forged one beyond the last shows the last). */
const MAX_PAGE = 10_000;

/** An Entra object id (GUID). */
const OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ROLE_COMMAND = /^(grant|revoke) (leader|admin|manager) (\S+)$/;

/** Typed words as in the command list (exact, ignoring a mention, case and end punctuation), or a leadership card button. */
export function recognizeLeaderCommand(input: UserInput): LeaderCommand | { kind: 'invalid role command' } | undefined {
  if (input.value !== undefined) {
    const { value } = input;
    if (!isRecord(value) || value.sg !== 'leader') return undefined;
    if (value.action === 'export') return { kind: 'export summary' };
    if (value.action === 'portfolio') return { kind: 'portfolio', page: pageOf(value.page) };
    if (value.action === 'portfolio-edit') return { kind: 'portfolio edit', group: value.group };
    if (value.action === 'portfolio-save') return { kind: 'portfolio save', value };
    return undefined;
  }
  const typed = normalizeTyped(input.text ?? '');
  const fixed = TYPED[typed];
  if (fixed) return fixed;
  const role = ROLE_COMMAND.exec(typed);
  if (!role) return undefined;
  if (!OBJECT_ID.test(role[3])) return { kind: 'invalid role command' };
  return { kind: 'role', role: role[2] as GrantedRole, userId: role[3], granted: role[1] === 'grant' };
}

/** A page number from a button, as a whole number from 1 (anything else: the first page). */
function pageOf(raw: unknown): number {
  const page = typeof raw === 'string' && /^\d{1,6}$/.test(raw) ? Number(raw) : raw;
  return typeof page === 'number' && Number.isInteger(page) && page >= 1 ? Math.min(page, MAX_PAGE) : 1;
}
