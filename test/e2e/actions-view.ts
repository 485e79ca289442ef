/**
 * The Actions view in the browser tests: action plans seeded through the real stores into the demo organisation, and
 * the rows the page must show for an API answer (src/dashboard/web/views/actions-view.tsx).
 */
import type { Page } from 'playwright-core';
import type { DashboardAction, DashboardActions, DashboardMyAction } from '../../src/dashboard/api-types';
import type { EmbeddedCosmos } from '../../src/local/embedded-cosmos';
import { openCosmos } from '../../src/storage/cosmos';
import { ActionSeed } from '../dashboard/action-seed';
import { rowsOf } from './dashboard-browser';

const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * A pulse the leader sent to `managed` with two actions (one the leader owns, one overdue and noted), two actions of
 * `other` (one owned by `employee`, one done) and one organisation action.
 */
export async function seedActions(
  cosmos: EmbeddedCosmos,
  database: string,
  tenantId: string,
  people: { leader: string; employee: string },
  teams: { managed: { id: string; name: string }; other: { id: string; name: string } },
): Promise<void> {
  const { client, containers } = await openCosmos({
    endpoint: cosmos.endpoint,
    key: cosmos.key,
    database,
    local: true,
  });
  try {
    const seed = new ActionSeed(containers.pulses, tenantId);
    const { leader, employee } = people;
    const { managed, other } = teams;
    const pulse = await seed.pulse('Quarterly AI check-in', leader, managed.id);
    const fromLeader = { createdBy: leader, teamName: managed.name };
    await seed.action(
      'Run a prompt clinic',
      { ...fromLeader, ownerId: leader, ownerName: 'Alex Wilber', dueDate: day(14) },
      pulse,
    );
    await seed.action(
      'Collect three use cases',
      {
        ...fromLeader,
        ownerId: 'owner-1',
        ownerName: 'Adele Vance',
        dueDate: day(-3),
        updates: [{ at: new Date().toISOString(), by: 'owner-1', kind: 'note', note: 'Two found so far' }],
      },
      pulse,
    );
    const otherPulse = await seed.pulse('Tooling check', 'someone-else', other.id);
    const fromOther = { createdBy: 'someone-else', teamName: other.name };
    await seed.action(
      'Try Copilot in Excel',
      { ...fromOther, ownerId: employee, ownerName: 'Sam Simulated', dueDate: day(7) },
      otherPulse,
    );
    await seed.action(
      'Clean up the shared drive',
      { ...fromOther, ownerId: 'owner-2', ownerName: 'Lee Gu', dueDate: day(-20), status: 'done' },
      otherPulse,
    );
    await seed.action(
      'Publish the AI policy',
      { createdBy: leader, ownerId: 'owner-3', ownerName: 'Megan Bowen', dueDate: day(30) },
      { scope: 'organisation', rosterId: '' },
    );
  } finally {
    client.dispose();
  }
}

const STATUS = { open: 'Open', overdue: 'Overdue', done: 'Done' };
const team = (action: DashboardAction) =>
  action.teamId === '' ? 'Organisation' : (action.teamName ?? 'A team or group chat');
const cells = (action: DashboardAction) => [
  action.what,
  action.source,
  action.dueText,
  STATUS[action.status],
  action.ownerName,
  action.latestNote ?? '–',
];

/** The rows of every table of the Actions view, by caption. */
export async function actionTables(page: Page): Promise<Record<string, string[][]>> {
  const tables: Record<string, string[][]> = {};
  for (const table of await page.getByRole('main').getByRole('table').all())
    tables[(await table.locator('caption').innerText()).trim()] = await rowsOf(table);
  return tables;
}

/** The tables the page should show for `body`, as actionTables reads them. */
export function expectedTables(body: DashboardActions): Record<string, string[][]> {
  const tables: Record<string, string[][]> = {};
  const role = (action: DashboardMyAction) => (action.role === 'owner' ? 'Owner' : 'Planned by me');
  const mine = (action: DashboardMyAction) => [...cells(action).slice(0, 2), team(action), ...cells(action).slice(2)];
  if (body.mine.length > 0) tables['Actions I own or planned'] = body.mine.map((a) => [...mine(a), role(a)]);
  for (const { teamName, counts, actions } of body.teams ?? [])
    tables[
      `${teamName ?? 'A team or group chat'}: ${counts.open} open, ${counts.overdue} overdue, ${counts.done} done`
    ] = actions.map(cells);
  if (body.organisation?.length)
    tables['Actions planned from the organisation’s summary'] = body.organisation.map(cells);
  if (body.otherTeams?.length)
    tables[`Actions of other teams, among the latest ${body.limits.counted}`] = body.otherTeams.map((other) => [
      other.teamName ?? 'A team or group chat',
      String(other.counts.open),
      String(other.counts.overdue),
      String(other.counts.done),
    ]);
  return tables;
}
