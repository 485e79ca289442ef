/**
 * The dashboard's pulse detail and a team's action plans (with a FAKE pulse store and results service: the plans'
 * own flow runs over the real bot in test/actions). Owners and the actions' words are for the team's own eyes, not
 * for leaders browsing every team's pulses.
 */
import type { PulseResultsView } from '../../src/cards/pulse-view-models';
import { PulseBoard } from '../../src/dashboard/pulse-board';
import type { Viewer } from '../../src/dashboard/viewer';
import type { PulseDoc } from '../../src/domain/pulse-docs';

const PULSE_ID = 'a'.repeat(32);
const FOLLOW_UP_FOR_THE_TEAM =
  "Has this improved since last time? “Is AI part of our work?” (the team's action: Run a show-and-tell)";
const TEAM = '19:team@thread.tacv2';
const pulse = {
  pulseId: PULSE_ID,
  tenantId: 't',
  title: 'AI readiness',
  status: 'closed',
  createdAt: '2026-12-01T09:00:00Z',
  deadline: '2026-12-03T09:00:00Z',
  createdBy: 'sender',
  origin: { rosterId: TEAM, conversationId: TEAM },
  responses: 6,
  fanOut: { recipients: 8 },
  threshold: 5,
  timeZone: 'Europe/Berlin',
  questions: [
    { id: 'q1', text: 'Is AI part of our work?' },
    { id: 'improved-q1', text: FOLLOW_UP_FOR_THE_TEAM },
  ],
} as unknown as PulseDoc;
const results = {
  questions: [
    { questionId: 'q1', text: 'Is AI part of our work?' },
    { questionId: 'improved-q1', text: FOLLOW_UP_FOR_THE_TEAM },
  ],
  actions: [{ what: 'Run a show-and-tell', due: 'Fri 11 Dec 2026', status: 'open', ownerName: 'Megan Bowen' }],
} as unknown as PulseResultsView;

const board = new PulseBoard({
  listing: { recent: async () => [], teamsSentTo: async () => [] },
  pulses: { readPulse: async (_tenant, id) => (id === PULSE_ID ? { doc: pulse, etag: 'e' } : undefined) },
  service: { resultsView: async () => results },
});

const viewer = (userId: string, role: 'leader' | 'manager', teams: string[]): Viewer => ({
  person: { tenantId: 't', userId, role: 'employee' },
  access: { leader: role === 'leader', manager: role === 'manager', admin: false },
  teams: async () => teams,
});

describe('a pulse’s action plans on the dashboard (fake pulse store and results)', () => {
  it('names the owners to the pulse’s sender and to the team’s managers', async () => {
    for (const who of [viewer('sender', 'manager', []), viewer('team-manager', 'manager', [TEAM])]) {
      const detail = await board.detail(who, PULSE_ID);
      expect(detail !== 'not found' && detail.results?.actions?.[0].ownerName).toBe('Megan Bowen');
      expect(detail !== 'not found' && detail.results?.questions?.[1].text).toBe(FOLLOW_UP_FOR_THE_TEAM);
    }
  });

  it('leaves the action list and the action a follow-up names out for a leader browsing another team’s pulse', async () => {
    const detail = await board.detail(viewer('leader', 'leader', [TEAM]), PULSE_ID);
    expect(detail !== 'not found' && detail.results?.questions?.map((question) => question.text)).toEqual([
      'Is AI part of our work?',
      'Has this improved since last time? “Is AI part of our work?”',
    ]);
    expect(JSON.stringify(detail)).not.toContain('Megan Bowen');
    expect(JSON.stringify(detail)).not.toContain('show-and-tell');
  });

  it('shows nothing to a manager of another team', async () => {
    expect(await board.detail(viewer('other', 'manager', ['19:other@thread.tacv2']), PULSE_ID)).toBe('not found');
  });
});
