/**
 * Pulses on the dashboard (local mode, real bot over HTTP, embedded Cosmos, FAKE Teams channel service): who sees
 * which pulse, and the results are the results card's, thresholded.
 */
import type { DashboardPulseDetail, DashboardPulseList } from '../../src/dashboard/api-types';
import { FakeTeamsService } from '../../scripts/bench/fake-teams-service';
import { cardsOf, cardText, startTestBot, TENANT, type TestBot } from '../support/bot-harness';
import { answersFor, inChannel, pulseCardOf, saidIn, startPulse, TEAM_ID } from '../pulse/pulse-chat';

jest.setTimeout(60_000);

const LEADER = 'abababab-0000-4000-8000-000000000001';
const OTHER_MANAGER = 'abababab-0000-4000-8000-000000000002';
let service: FakeTeamsService;
let bot: TestBot;

beforeAll(async () => {
  service = await FakeTeamsService.start(8);
  bot = await startTestBot({
    env: {
      PULSE_POLICY: 'managers',
      MANAGER_IDS: `${service.members[0].aadObjectId},${OTHER_MANAGER}`,
      LEADER_IDS: LEADER,
      LOCAL_ROLES: 'none',
    },
  });
});
afterAll(async () => {
  await bot?.close();
  await service?.close();
});

const member = (index: number) => bot.user(service.members[index].aadObjectId, service.members[index].name);

async function call<T>(user: string, path: string): Promise<{ status: number; body: T; text: string }> {
  const response = await fetch(`${bot.app.url}${path}?tenant=${TENANT}&user=${user}`);
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as T, text };
}

/** Sends a pulse as member 0, has `answers` members answer, closes it; its id and the results card's text. */
async function closedPulse(answers: number): Promise<{ pulseId: string; card: string }> {
  const before = (await call<DashboardPulseList>(service.members[0].aadObjectId, '/api/dashboard/pulses')).body;
  expect(saidIn(await startPulse(member(0), service))).toMatch(/on its way/);
  await bot.app.pulses.jobs.idle();
  const list = (await call<DashboardPulseList>(service.members[0].aadObjectId, '/api/dashboard/pulses')).body;
  const known = new Set(before.pulses.map((pulse) => pulse.pulseId));
  const pulseId = list.pulses.find((pulse) => !known.has(pulse.pulseId))?.pulseId ?? '';
  for (let i = 1; i <= answers; i++)
    await member(i).submit(answersFor(pulseCardOf(service, service.members[i].id), '4'));
  const closed = await inChannel(member(0), service, { value: { sg: 'pulse', action: 'close', pulseId } });
  const card = cardsOf(closed).at(-1);
  return { pulseId, card: `${cardText(card)}\n${JSON.stringify(card)}` };
}

describe('pulses on the dashboard', () => {
  it('shows the sender the results card’s figures, and a leader too; not another manager or an employee', async () => {
    const { pulseId, card } = await closedPulse(6);
    const sender = service.members[0].aadObjectId;
    const list = await call<DashboardPulseList>(sender, '/api/dashboard/pulses');
    expect(list.body.pulses.find((pulse) => pulse.pulseId === pulseId)).toMatchObject({
      status: 'closed',
      responses: 6,
      sentByMe: true,
      teamId: TEAM_ID,
    });
    const detail = await call<DashboardPulseDetail>(sender, `/api/dashboard/pulses/${pulseId}`);
    expect(detail.status).toBe(200);
    expect(detail.body.results?.responses).toBe(6);
    const questions = detail.body.results?.questions ?? [];
    expect(questions.length).toBeGreaterThan(0);
    for (const question of questions) {
      expect(card).toContain(question.text);
      expect(question.mean).toBe(4);
    }
    const forLeader = await call<DashboardPulseDetail>(LEADER, `/api/dashboard/pulses/${pulseId}`);
    expect(forLeader.body).toEqual({ ...detail.body, pulse: { ...detail.body.pulse, sentByMe: false } });
    expect((await call<DashboardPulseList>(OTHER_MANAGER, '/api/dashboard/pulses')).body.pulses).toEqual([]);
    expect((await call(OTHER_MANAGER, `/api/dashboard/pulses/${pulseId}`)).status).toBe(404);
    const employee = service.members[3].aadObjectId;
    expect((await call(employee, '/api/dashboard/pulses')).status).toBe(403);
    expect((await call(employee, `/api/dashboard/pulses/${pulseId}`)).status).toBe(404);
    expect(detail.text).not.toContain(service.members[1].aadObjectId);
    expect(detail.text).not.toContain(service.members[1].name);
  });

  it('shows only the count below the threshold, as the card does', async () => {
    const { pulseId, card } = await closedPulse(2);
    const detail = await call<DashboardPulseDetail>(service.members[0].aadObjectId, `/api/dashboard/pulses/${pulseId}`);
    expect(detail.body.results).toMatchObject({ responses: 2, questions: null, comments: null });
    expect(card).toMatch(/"Answers","value":"2 of 7"/);
  });
});
