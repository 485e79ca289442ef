import { randomUUID } from 'node:crypto';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../src/local/embedded-cosmos';
import type { DeliveryDoc } from '../../src/domain/pulse-docs';
import { openCosmos, type Containers } from '../../src/storage/cosmos';
import { submitData } from '../support/bot-harness';
import { startBotProcess, type BotProcess } from '../support/bot-process';
import { until } from '../support/wait';
import { FakeTeamsService, type RecordedRequest } from '../../scripts/bench/fake-teams-service';
import { answersFor, saidIn, startPulse } from './pulse-chat';

jest.setTimeout(170_000);

const MEMBERS = 2000;
/** The fan-out's concurrent sends: at most this many can be in flight when the process dies. */
const CONCURRENCY = 16;
/**
 * The restarted bot resumes on the first scheduler pass (one every 15 s) after the dead instance's send lease (30 s)
 * has run out: only the first pass, 15 s after the start, can still find it held. Counted in passes, not measured
 * with a stopwatch: a loaded machine only ticks less often, so this cannot flake, and it still means "within a
 * minute" (two passes, 30 s).
 */
const PASSES_FINDING_THE_LEASE_HELD = 1;

let cosmos: EmbeddedCosmos;
let containers: Containers;
let dispose: () => void;
let service: FakeTeamsService;
let bot: BotProcess | undefined;
const database = `crash-${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  cosmos = await startEmbeddedCosmos();
  const opened = await openCosmos({ endpoint: cosmos.endpoint, key: cosmos.key, database, local: true });
  containers = opened.containers;
  dispose = () => opened.client.dispose();
  service = await FakeTeamsService.start(MEMBERS);
});
afterAll(async () => {
  await bot?.stop();
  dispose?.();
  await service?.close();
  await cosmos?.close();
});

/** The same database for every start: the Cosmos-compatible server lives in this test process, not the bot's. */
const startBot = () =>
  startBotProcess({
    COSMOS_ENDPOINT: cosmos.endpoint,
    COSMOS_KEY: cosmos.key,
    COSMOS_DATABASE: database,
    PULSE_POLICY: 'anyone',
    // A real setting, above Teams' cap only in local mode: 2,000 members at 45/s would take 90 s.
    PULSE_SEND_RATE: '1000',
  });

const toMember = (request: RecordedRequest) => request.conversationId?.slice('a:1on1|'.length) ?? '';
const oneToOneSends = () =>
  service.of('send').filter((request) => request.status === 200 && request.conversationId?.startsWith('a:1on1|'));

describe('a bot process killed mid-fan-out (SIGKILL, real child process, embedded Cosmos, FAKE Teams connector)', () => {
  it('sends everyone the pulse after a restart on the same database, at most the in-flight sends twice', async () => {
    bot = await startBot();
    const sender = service.members[0];
    // After 300 deliveries the bot never hears back from Teams: every other send reached it, the rest were lost on the
    // way. They are all in flight when the process dies.
    let sends = 0;
    const arrived = new Set<string>();
    const lost = new Set<string>();
    service.fault = ({ kind, memberId }) => {
      if (kind !== 'send' || !memberId || ++sends <= 300) return undefined;
      (sends % 2 === 0 ? arrived : lost).add(memberId);
      return sends % 2 === 0 ? 'hang' : 'lost';
    };
    const started = await startPulse(bot.user(sender.aadObjectId, sender.name), service, { threshold: '5' });
    expect(saidIn(started)).toMatch(/on its way/);
    await until(() => sends >= 300 + 8, 'sends in flight', 60_000);
    await bot.kill();
    service.fault = () => undefined;
    expect(arrived.size + lost.size).toBeLessThanOrEqual(CONCURRENCY);
    expect(arrived.size).toBeGreaterThan(0);
    expect(lost.size).toBeGreaterThan(0);
    // In flight at the kill, as the ledger says: the hung sends, and any that Teams had answered before their `sent`
    // was written.
    const { resources: sending } = await containers.pulses.items
      .query<DeliveryDoc>('SELECT * FROM c WHERE c.type = "delivery" AND c.state = "sending"')
      .fetchAll();
    const inFlight = new Set(sending.map((entry) => entry.memberId));
    expect(inFlight.size).toBeLessThanOrEqual(CONCURRENCY);
    expect([...arrived, ...lost].filter((id) => !inFlight.has(id))).toEqual([]);

    bot = await startBot();
    const restarted = bot;
    const everyone = service.members.slice(1).map((member) => member.id);
    const everyoneHasIt = () => {
      const received = service.receivedByMember();
      return everyone.every((id) => (received.get(id) ?? 0) > 0);
    };
    await until(everyoneHasIt, 'everyone to get the pulse', 130_000);

    const received = service.receivedByMember();
    expect(received.get(sender.id)).toBe(0);
    expect(everyone.filter((id) => (received.get(id) ?? 0) === 0)).toEqual([]);
    const twice = everyone.filter((id) => (received.get(id) ?? 0) > 1);
    // The sends in flight at the kill went out again, once each: twice for those that had arrived, and nobody else.
    expect([...arrived].filter((id) => !twice.includes(id))).toEqual([]);
    expect(twice.filter((id) => !inFlight.has(id))).toEqual([]);
    expect([...lost].map((id) => received.get(id))).toEqual([...lost].map(() => 1));
    expect(Math.max(...received.values())).toBe(2);
    const sendJobs = () =>
      restarted.logs.filter((entry) => entry.event === 'pulse.job.finished' && entry.kind === 'send');
    await until(() => sendJobs().some((entry) => entry.outcome === 'done'), 'the resumed fan-out to finish');
    const outcomes = sendJobs().map((entry) => entry.outcome);
    expect(outcomes.at(-1)).toBe('done');
    expect(outcomes.slice(0, -1).filter((outcome) => outcome !== 'busy')).toEqual([]);
    expect(outcomes.length - 1).toBeLessThanOrEqual(PASSES_FINDING_THE_LEASE_HELD);

    const { resources: ledger } = await containers.pulses.items
      .query<DeliveryDoc>('SELECT * FROM c WHERE c.type = "delivery"')
      .fetchAll();
    expect(ledger).toHaveLength(MEMBERS - 1);
    expect(ledger.filter((entry) => entry.state !== 'sent')).toEqual([]);

    // Both copies carry the same pulse and token, and the person's answer is stored once.
    const [twiceId] = twice;
    const copies = oneToOneSends()
      .filter((request) => toMember(request) === twiceId)
      .map((request) => (request.body?.attachments as { content: Record<string, unknown> }[])[0].content);
    expect(copies).toHaveLength(2);
    expect(submitData(copies[1], 'Send my answers')).toEqual(submitData(copies[0], 'Send my answers'));
    const member = service.members.find((candidate) => candidate.id === twiceId);
    const person = bot.user(member?.aadObjectId ?? '', member?.name ?? '');
    expect(saidIn(await person.submit(answersFor(copies[0], '4')))).toMatch(/answers are in/);
    expect(saidIn(await person.submit(answersFor(copies[1], '2')))).toMatch(/Updated/);
    const { resources: responses } = await containers.pulses.items
      .query('SELECT * FROM c WHERE c.type = "response"')
      .fetchAll();
    expect(responses).toHaveLength(1);
    const { resources: pulses } = await containers.pulses.items
      .query('SELECT VALUE c.responses FROM c WHERE c.type = "pulse"')
      .fetchAll();
    expect(pulses).toEqual([1]);
  });
});
