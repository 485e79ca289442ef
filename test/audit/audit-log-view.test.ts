import { auditLogText } from '../../src/audit/audit-log-view';
import type { AuditEntry } from '../../src/storage/ports';

const entry = (fields: Partial<AuditEntry>): AuditEntry => ({
  id: 'audit|x',
  tenantId: 'tenant',
  at: '2026-11-28T10:32:05.123Z',
  action: 'summary.viewed',
  ...fields,
});

describe('the audit log table', () => {
  it('keeps a team name (set by team owners) on one plain line inside its code block', () => {
    const text = auditLogText(
      [
        entry({
          actor: 'a1',
          scope: 'team',
          teamId: '19:t',
          teamName: 'Red```\n**bold** <at>Boss</at>\u202Ex',
        }),
      ],
      50,
    );
    const block = /```text\n([\s\S]*)\n```$/.exec(text)?.[1] ?? '';
    const [, row] = block.split('\n');
    expect(block.split('\n')).toHaveLength(2);
    expect(row).toMatch(/^2026-11-28 10:32 {2}summary viewed +a1 +team Red''' \*\*bold\*\* Boss x$/);
    expect(text.match(/```/g)).toHaveLength(2);
  });

  it('says when nothing was recorded, and names an erase that left figures with what to do', () => {
    expect(auditLogText([], 50)).toMatch(/nothing has been recorded/);
    const text = auditLogText([entry({ action: 'data.erase-incomplete', detail: 'summary figures' })], 50);
    expect(text).toMatch(/erase incomplete +— +summary figures left after a deletion: run rebuild summary/);
  });
});
