import { pressedValue } from '../../scripts/bench/press-button';
import { cardsOf, cardText, startTestBot, submitData, TENANT, type TestBot } from '../support/bot-harness';
import { FakeTeamsService } from '../../scripts/bench/fake-teams-service';
import { validateCard } from '../cards/validate-card';
import { answersFor, CHANNEL_ID, inChannel, pulseCardOf, saidIn, setupInputs } from '../pulse/pulse-chat';

jest.setTimeout(120_000);

// Thursday 22 October 2026, 10:00 in Berlin.
let now = Date.parse('2026-10-22T08:00:00Z');
const BERLIN = 'Europe/Berlin';
const LEADER = 'ddddeeee-0000-4000-8000-00000000000f';
let service: FakeTeamsService;
let bot: TestBot;

beforeAll(async () => {
  service = await FakeTeamsService.start(8);
  bot = await startTestBot({
    clock: () => new Date(now),
    env: { PULSE_POLICY: 'anyone', LEADER_IDS: LEADER, MANAGER_IDS: service.members[0].aadObjectId },
  });
});
afterAll(async () => {
  await bot?.close();
  await service?.close();
});

const member = (index: number) => bot.user(service.members[index].aadObjectId, service.members[index].name);
const say = (value: unknown) => inChannel(member(0), service, { value, localTimezone: BERLIN });

async function tick(): Promise<void> {
  await bot.app.pulses.scheduler.tick();
  await bot.app.pulses.jobs.idle();
}

async function answer(count: number, rating: string): Promise<void> {
  for (let index = 1; index <= count; index++)
    await member(index).submit(answersFor(pulseCardOf(service, service.members[index].id), rating));
}

/** The plan card's submit: Member 2 owns `what`, due 20 November, addressing `questionIds`. */
const planSubmit = (card: unknown, what: string, questionIds: string) => ({
  ...submitData(card as Record<string, unknown>, 'Plan the action'),
  what,
  owner: service.members[2].aadObjectId,
  dueDate: '2026-11-20',
  questionIds,
});

const resultsCards = () =>
  service
    .of('send')
    .filter((request) => request.conversationId === CHANNEL_ID && request.status === 200)
    .map((request) => (request.body?.attachments as { content: unknown }[] | undefined)?.[0]?.content)
    .filter((card) => card !== undefined && cardText(card).startsWith('Pulse results'));

async function pulses(): Promise<Record<string, unknown>[]> {
  const { resources } = await bot.containers.pulses.items
    .query({
      query: 'SELECT * FROM c WHERE c.tenantId = @t AND c.type = "pulse" ORDER BY c.createdAt ASC',
      parameters: [{ name: '@t', value: TENANT }],
    })
    .fetchAll();
  return resources as Record<string, unknown>[];
}

describe('"Has this improved?" on the next run (real bot over HTTP, embedded Cosmos, FAKE Teams channel service, injected clock)', () => {
  it("asks it for the questions an action addressed, and shows its answers on that run's results card", async () => {
    const setup = cardsOf(
      await inChannel(member(0), service, { text: '<at>Strategy Guide</at> pulse', localTimezone: BERLIN }),
    ).at(-1);
    await say(pressedValue(setup, 'Send the pulse', setupInputs({ deadlineDate: '2026-10-26', repeat: 'weekly' })));
    await bot.app.pulses.jobs.idle();
    await answer(5, '2');
    now = Date.parse('2026-10-26T16:01:00Z');
    await tick();
    const first = resultsCards().at(-1);
    const planCard = cardsOf(await say(pressedValue(first, 'Plan an action', {}))).at(-1);
    const planned = await say(
      planSubmit(planCard, 'Leaders demo one AI tool at each all-hands', 'lb-commitment,bi-experimentation'),
    );
    expect(saidIn(planned)).toContain('Planned: Member 2 owns it');

    // The next run asks the series' questions and one "Has this improved?" per addressed question.
    now = Date.parse('2026-10-29T09:00:30Z');
    await tick();
    const runs = await pulses();
    expect(runs).toHaveLength(2);
    const asked = (runs[1].questions as { id: string }[]).map((question) => question.id);
    expect(asked).toEqual([
      ...(runs[0].questions as { id: string }[]).map((question) => question.id),
      'improved-lb-commitment',
      'improved-bi-experimentation',
    ]);
    const card = pulseCardOf(service, service.members[3].id);
    expect(validateCard(card)).toEqual([]);
    expect(cardText(card)).toContain('Your team is asked 7 short questions');
    expect(JSON.stringify(card)).toContain('Has this improved since last time?');
    expect(JSON.stringify(card)).toContain('Leaders demo one AI tool at each all-hands');

    // Its answers show on the run's results card, held to the threshold like every other question.
    await answer(5, 'partly');
    now = Date.parse('2026-11-02T16:01:00Z');
    await tick();
    const second = resultsCards().at(-1);
    expect(validateCard(second)).toEqual([]);
    const text = cardText(second);
    expect(text).toContain('Has this improved since last time?');
    expect(text).toMatch(/Partly: 5/);
    expect(text).toContain('Actions (1 open, 0 done)');

    // A new action addresses the series' own questions, never a follow-up (which would ask about it again, nested).
    const nextPlan = cardsOf(await say(pressedValue(second, 'Plan an action', {}))).at(-1);
    expect(JSON.stringify(nextPlan)).toContain('lb-commitment');
    expect(JSON.stringify(nextPlan)).not.toContain('improved-');
    const forged = await say(planSubmit(nextPlan, 'Ask again', 'improved-lb-commitment'));
    expect(cardText(cardsOf(forged).at(-1))).toContain('Pick the questions of this pulse the action addresses.');

    // The dashboard shows the run to its sender (a manager) as the card does; a leader browsing every team sees no action's words.
    const detail = async (userId: string) =>
      (
        await fetch(`${bot.app.url}/api/dashboard/pulses/${runs[1].pulseId as string}?tenant=${TENANT}&user=${userId}`)
      ).text();
    const forSender = await detail(service.members[0].aadObjectId);
    expect(forSender).toContain('Leaders demo one AI tool at each all-hands');
    const forLeader = await detail(LEADER);
    expect(forLeader).toContain('Has this improved since last time? “');
    expect(forLeader).toContain('Partly');
    expect(forLeader).not.toContain('Leaders demo one AI tool');
    expect(forLeader).not.toContain("the team's action");
  });
});
