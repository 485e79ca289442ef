import { neutralise } from '../cards/safe-text';
import type { AuditAction, AuditEntry } from '../storage/ports';

const LABELS: Record<AuditAction, string> = {
  'role.granted': 'role granted',
  'role.revoked': 'role revoked',
  'role.refused': 'role refused',
  'summary.viewed': 'summary viewed',
  'summary.exported': 'summary exported',
  'summary.check': 'summary check',
  'summary.rebuild': 'summary rebuild',
  'audit.viewed': 'audit viewed',
  'portfolio.viewed': 'portfolio viewed',
  'portfolio.edited': 'portfolio edited',
  'data.erase-incomplete': 'erase incomplete',
  'data.erase-failed': 'erase failed',
  'action.planned': 'action planned',
  'action.updated': 'action updated',
};
const WHAT_WIDTH = Math.max(...Object.values(LABELS).map((label) => label.length));
const WHO_WIDTH = 36;

/**
 * The `audit log` reply: a compact table in a code block (when in UTC, what, who, whom or detail), newest first.
 * Everything in it is ids and fixed words except team names, which are neutralised and kept on one line.
 */
export function auditLogText(entries: readonly AuditEntry[], limit: number): string {
  if (entries.length === 0) return '**Audit log**: nothing has been recorded in the last 400 days.';
  const heading = `**Audit log**: the ${entries.length === limit ? `${limit} most recent entries` : `${entries.length} entries`}, newest first (each is kept 400 days).`;
  const header = `${'when (UTC)'.padEnd(16)}  ${'what'.padEnd(WHAT_WIDTH)}  ${'who'.padEnd(WHO_WIDTH)}  whom / detail`;
  const rows = entries.map((entry) =>
    [
      entry.at.slice(0, 16).replace('T', ' '),
      LABELS[entry.action].padEnd(WHAT_WIDTH),
      (entry.actor ?? '—').padEnd(WHO_WIDTH),
      detailOf(entry),
    ].join('  '),
  );
  return `${heading}\n\n\`\`\`text\n${[header, ...rows].join('\n')}\n\`\`\``;
}

function detailOf(entry: AuditEntry): string {
  switch (entry.action) {
    case 'role.granted':
    case 'role.revoked':
      return `${entry.role} → ${entry.target}`;
    case 'role.refused':
      return `${entry.role} → ${entry.target} (only ADMIN_IDS admins may grant or revoke admin)`;
    case 'summary.viewed':
    case 'summary.exported':
    case 'portfolio.viewed':
      return entry.scope === 'team' ? `team ${teamLabel(entry)}` : 'organisation';
    case 'summary.check':
    case 'summary.rebuild':
    case 'portfolio.edited':
      return entry.detail ?? '';
    case 'data.erase-incomplete':
      return `${entry.detail} left after a deletion: run rebuild summary`;
    case 'data.erase-failed':
      return `${entry.detail} not removed; the person was asked to try again (check summary finds any figures left)`;
    case 'audit.viewed':
      return '';
    case 'action.planned':
      return `owner ${entry.target}`;
    case 'action.updated':
      return entry.detail ?? '';
  }
}

/** A team's name as one plain line that cannot end the code block; its id when it has none. */
function teamLabel(entry: AuditEntry): string {
  const name = neutralise(entry.teamName ?? '')
    .replace(/`/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
  return name || (entry.teamId ?? '');
}
