import type { DeliveryDoc } from '../../../src/domain/pulse-docs';
import type { DeliveryLedger } from '../../../src/storage/ports';
import { noTelemetry } from '../../../src/telemetry/telemetry';
import { HttpTeamsChannel } from '../../../src/teams/http-teams-channel';
import type { TeamsChannel } from '../../../src/teams/teams-channel';
import { FakeTeamsService, peakIn } from '../../../scripts/bench/fake-teams-service';
import { killable, pulseFor, sender, startPulseCosmos, TENANT, until, type PulseCosmos } from '../fan-out-support';

jest.setTimeout(90_000);

let cosmos: PulseCosmos;
let service: FakeTeamsService | undefined;

beforeAll(async () => {
  cosmos = await startPulseCosmos();
});
afterAll(async () => {
  await cosmos.close();
});
afterEach(async () => {
  await service?.close();
  service = undefined;
});

async function ledger(store: DeliveryLedger, pulseId: string): Promise<DeliveryDoc[]> {
  const all: DeliveryDoc[] = [];
  let continuation: string | undefined;
  do {
    const page = await store.deliveriesIn(
      TENANT,
      pulseId,
      ['queued', 'sending', 'sent', 'failed', 'interrupted'],
      1000,
      continuation,
    );
    all.push(...page.deliveries.map((entry) => entry.doc));
    continuation = page.continuation;
  } while (continuation);
  return all;
}

describe('pulse fan-out through the FAKE Teams channel service', () => {
  it('sends each of 2,000 members exactly one pulse, reading the roster page by page and leaving out the bot', async () => {
    service = await FakeTeamsService.start(2000);
    const pulse = pulseFor(service);
    await cosmos.stores.pulses.createPulse(pulse);

    await expect(sender(cosmos.stores, { rate: 2000 }).run(TENANT, pulse.pulseId)).resolves.toBe('done');

    const received = service.receivedByMember();
    expect([...received.values()].every((count) => count === 1)).toBe(true);
    expect(received.size).toBe(2000);
    expect(service.of('roster').length).toBeGreaterThanOrEqual(5);
    expect(service.of('create').some((request) => request.memberId === service?.botId)).toBe(false);
    const entries = await ledger(cosmos.stores.ledger, pulse.pulseId);
    expect(entries).toHaveLength(2000);
    expect(entries.every((entry) => entry.state === 'sent' && entry.activityId && entry.conversationId)).toBe(true);
    const stored = await cosmos.stores.pulses.readPulse(TENANT, pulse.pulseId);
    expect(stored?.doc.fanOut).toMatchObject({ phase: 'done', recipients: 2000 });
    // The channel got its pulse card first, and the pulse remembers it for updates in place.
    expect(stored?.doc.channelActivityId).toBe(service.of('send')[0].activityId);
  });

  it('never starts more requests than the cap in any one second, and every request it makes is paced', async () => {
    service = await FakeTeamsService.start(100);
    const pulse = pulseFor(service);
    await cosmos.stores.pulses.createPulse(pulse);
    // When each call leaves the limiter, not when it arrives: on a loaded machine arrivals bunch up on the way (the
    // limiter's margin is for that), which would say nothing about the pacing.
    const started: number[] = [];
    const channel = stamped(new HttpTeamsChannel(), started);

    await sender(cosmos.stores, { rate: 45, channel }).run(TENANT, pulse.pulseId);

    expect(service.requests.length).toBeGreaterThan(200);
    expect(service.requests).toHaveLength(started.length);
    expect(peakIn(started, 1000)).toBeLessThanOrEqual(45);
    // Pacing close to the cap is checked with an injected clock (rate-limiter.test.ts): a busy machine sends slower.
  });

  it('delivers to 100% when 10% of sends are answered 429, waiting out each Retry-After', async () => {
    service = await FakeTeamsService.start(400);
    let sends = 0;
    service.fault = ({ kind }) =>
      kind === 'send' && ++sends % 10 === 0 ? { status: 429, retryAfterSeconds: 0.05 } : undefined;
    const pulse = pulseFor(service);
    await cosmos.stores.pulses.createPulse(pulse);

    await expect(sender(cosmos.stores, { rate: 2000 }).run(TENANT, pulse.pulseId)).resolves.toBe('done');

    const throttled = service.of('send').filter((request) => request.status === 429);
    expect(throttled.length).toBeGreaterThanOrEqual(40);
    expect([...service.receivedByMember().values()].every((count) => count === 1)).toBe(true);
    // Unpaced, 2,000/s would put ~90 requests into each 45 ms; after a 429 only those already under way (at most one
    // per concurrent worker) may still arrive before its Retry-After has passed.
    for (const refusal of throttled) {
      const during = service.requests.filter((request) => request.at > refusal.at && request.at < refusal.at + 45);
      expect(during.length).toBeLessThanOrEqual(16);
    }
  });

  it('retries 502/503/504/412 with backoff and records 403 and 404 as failed without retrying them', async () => {
    service = await FakeTeamsService.start(60);
    const blocked = new Set(['29:member-3', '29:member-7']);
    const gone = new Set(['29:member-11']);
    const flaky = new Map<string, number>([
      ['29:member-20', 502],
      ['29:member-21', 503],
      ['29:member-22', 504],
      ['29:member-23', 412],
    ]);
    service.fault = ({ kind, memberId }) => {
      if (!memberId) return undefined;
      if (kind === 'send' && blocked.has(memberId)) return { status: 403, code: 'MessageWritesBlocked' };
      if (kind === 'create' && gone.has(memberId)) return { status: 404, code: 'NotFound' };
      const status = flaky.get(memberId);
      if (kind === 'send' && status) {
        flaky.delete(memberId);
        return { status };
      }
      return undefined;
    };
    const pulse = pulseFor(service);
    await cosmos.stores.pulses.createPulse(pulse);

    await sender(cosmos.stores, { rate: 2000 }).run(TENANT, pulse.pulseId);

    const entries = new Map(
      (await ledger(cosmos.stores.ledger, pulse.pulseId)).map((entry) => [entry.memberId, entry]),
    );
    expect(entries.get('29:member-3')).toMatchObject({ state: 'failed', reason: '403 MessageWritesBlocked' });
    expect(entries.get('29:member-7')).toMatchObject({ state: 'failed', reason: '403 MessageWritesBlocked' });
    expect(entries.get('29:member-11')).toMatchObject({ state: 'failed', reason: '404 NotFound' });
    for (const memberId of ['29:member-3', '29:member-7'])
      expect(service.of('send').filter((request) => request.memberId === memberId)).toHaveLength(1);
    expect(service.of('create').filter((request) => request.memberId === '29:member-11')).toHaveLength(1);
    for (const memberId of ['29:member-20', '29:member-21', '29:member-22', '29:member-23']) {
      expect(entries.get(memberId)?.state).toBe('sent');
      expect(service.of('send').filter((request) => request.memberId === memberId)).toHaveLength(2);
    }
    const counts = await cosmos.stores.ledger.deliveryCounts(TENANT, pulse.pulseId);
    expect(counts).toMatchObject({ sent: 57, failed: 3, queued: 0, sending: 0 });
  });

  it('gives up after the bounded number of attempts when a member keeps answering 503', async () => {
    service = await FakeTeamsService.start(5);
    service.fault = ({ kind, memberId }) =>
      kind === 'send' && memberId === '29:member-2' ? { status: 503 } : undefined;
    const pulse = pulseFor(service);
    await cosmos.stores.pulses.createPulse(pulse);

    await sender(cosmos.stores, { rate: 2000 }).run(TENANT, pulse.pulseId);

    const entry = (await ledger(cosmos.stores.ledger, pulse.pulseId)).find((doc) => doc.memberId === '29:member-2');
    expect(entry).toMatchObject({ state: 'failed', reason: 'gave up after 6 attempts: 503 Error' });
    expect(service.of('send').filter((request) => request.memberId === '29:member-2')).toHaveLength(6);
  });

  it('counts a person not reached only when its own write settles the entry (another instance settled one first)', async () => {
    service = await FakeTeamsService.start(5);
    const blocked = new Set(['29:member-2', '29:member-3']);
    service.fault = ({ kind, memberId }) =>
      kind === 'send' && memberId && blocked.has(memberId) ? { status: 403, code: 'MessageWritesBlocked' } : undefined;
    const pulse = pulseFor(service);
    await cosmos.stores.pulses.createPulse(pulse);
    // member-3's entry is settled by "another instance" just before this one writes its own result.
    const shared = cosmos.stores.ledger;
    const racing = Object.create(shared) as DeliveryLedger;
    racing.markFailed = async (entry, failed) => {
      if (entry.doc.memberId === '29:member-3')
        await shared.markFailed(entry, { ...failed, reason: 'settled by the other instance' });
      return shared.markFailed(entry, failed);
    };
    let notReached = 0;
    const telemetry = { ...noTelemetry, pulseDeliveryFailed: () => void notReached++ };

    await sender(cosmos.stores, { rate: 2000, stores: { ledger: racing }, telemetry }).run(TENANT, pulse.pulseId);

    const entries = await ledger(cosmos.stores.ledger, pulse.pulseId);
    expect(entries.find((doc) => doc.memberId === '29:member-2')).toMatchObject({ state: 'failed' });
    expect(entries.find((doc) => doc.memberId === '29:member-3')).toMatchObject({
      state: 'failed',
      reason: 'settled by the other instance',
    });
    expect(notReached).toBe(1);
  });

  it('after the sender dies mid-send, a restarted sender sends the rest and the in-flight ones again: nobody is lost', async () => {
    service = await FakeTeamsService.start(400);
    const dead = killable(cosmos.stores, new HttpTeamsChannel());
    let sends = 0;
    const inFlight = new Set<string>();
    service.fault = ({ kind, memberId }) => {
      if (kind !== 'send' || ++sends <= 150) return undefined;
      dead.kill();
      // Every other one reached Teams before the sender died, the first of them always; the others never did.
      if (memberId) inFlight.add(memberId);
      return inFlight.size % 2 === 1 ? 'hang' : 'lost';
    };
    const pulse = pulseFor(service);
    await cosmos.stores.pulses.createPulse(pulse);

    const first = sender(cosmos.stores, { rate: 2000, leaseTtlMs: 600, stores: dead.stores, channel: dead.channel });
    void first.run(TENANT, pulse.pulseId).catch(() => undefined);
    await until(() => dead.killed);
    service.fault = () => undefined;
    // Restarted a minute later by its own clock: the dead sender's lease (600 ms) has run out, with no waiting.
    const restarted = sender(cosmos.stores, { rate: 2000, clock: () => new Date(Date.now() + 60_000) });
    expect(await restarted.run(TENANT, pulse.pulseId)).toBe('done');

    const received = service.receivedByMember();
    expect([...received.values()].filter((count) => count === 0)).toEqual([]);
    const twice = [...received].filter(([, count]) => count > 1).map(([memberId]) => memberId);
    // Only sends in flight at the moment of the crash (sent, or under way, and not yet recorded) went out twice: at
    // most one per concurrent worker, and once more each.
    expect(twice.length).toBeGreaterThan(0);
    expect(twice.length).toBeLessThanOrEqual(16);
    expect(twice.map((memberId) => received.get(memberId))).toEqual(twice.map(() => 2));
    expect([...inFlight].filter((memberId) => !twice.includes(memberId)).map((id) => received.get(id))).toEqual(
      [...inFlight].filter((memberId) => !twice.includes(memberId)).map(() => 1),
    );
    const entries = await ledger(cosmos.stores.ledger, pulse.pulseId);
    expect(entries.filter((entry) => entry.state !== 'sent')).toEqual([]);
  });

  it('stops sending a pulse that is closed while it goes out, entries already read ahead included', async () => {
    service = await FakeTeamsService.start(300);
    const pulse = pulseFor(service);
    await cosmos.stores.pulses.createPulse(pulse);
    // The pulse reads as closed from the second look on (the sender looks once per ledger page).
    let looks = 0;
    const closing = withOverrides(cosmos.stores.pulses, {
      readPulse: async (tenantId: string, pulseId: string) => {
        const read = await cosmos.stores.pulses.readPulse(tenantId, pulseId);
        return read && ++looks > 2 ? { ...read, doc: { ...read.doc, status: 'closed' as const } } : read;
      },
    });

    await sender(cosmos.stores, { rate: 2000, stores: { pulses: closing }, options: { ledgerPageSize: 50 } }).run(
      TENANT,
      pulse.pulseId,
    );

    const counts = await cosmos.stores.ledger.deliveryCounts(TENANT, pulse.pulseId);
    // The second page is read while up to 16 of the first are still waiting; those are not sent either.
    expect(counts.sent).toBeGreaterThan(0);
    expect(counts.sent).toBeLessThan(50);
    expect(counts.queued).toBe(300 - counts.sent);
  });

  it('sends everyone when Cosmos returns short pages of the ledger and writes are slow', async () => {
    service = await FakeTeamsService.start(300);
    const pulse = pulseFor(service);
    await cosmos.stores.pulses.createPulse(pulse);
    // Cosmos may return fewer items than asked for; here every page of the ledger holds at most 20.
    const { ledger: shared } = cosmos.stores;
    const slowly =
      <A extends unknown[], R>(write: (...args: A) => Promise<R>) =>
      async (...args: A): Promise<R> => {
        await new Promise((resolve) => setTimeout(resolve, 30));
        return write.apply(shared, args);
      };
    const shortPages = withOverrides(shared, {
      deliveriesIn: (...args: Parameters<DeliveryLedger['deliveriesIn']>) => {
        const [tenantId, pulseId, states, , continuation] = args;
        return shared.deliveriesIn(tenantId, pulseId, states, 20, continuation);
      },
      markSending: slowly(shared.markSending),
      markSent: slowly(shared.markSent),
      markFailed: slowly(shared.markFailed),
      requeue: slowly(shared.requeue),
      markAnswered: slowly(shared.markAnswered),
    });

    expect(await sender(cosmos.stores, { rate: 2000, stores: { ledger: shortPages } }).run(TENANT, pulse.pulseId)).toBe(
      'done',
    );

    const counts = await cosmos.stores.ledger.deliveryCounts(TENANT, pulse.pulseId);
    expect(counts).toMatchObject({ sent: 300, queued: 0 });
    expect([...service.receivedByMember().values()].every((count) => count === 1)).toBe(true);
  });

  it('a reminder round stopped for shutdown is finished by the next run, and nobody is reminded twice', async () => {
    service = await FakeTeamsService.start(200);
    const pulse = pulseFor(service);
    await cosmos.stores.pulses.createPulse(pulse);
    expect(await sender(cosmos.stores, { rate: 2000 }).run(TENANT, pulse.pulseId)).toBe('done');
    const reminders = () =>
      service?.of('send').filter((request) => /reminder/.test(JSON.stringify(request.body))) ?? [];

    const first = sender(cosmos.stores, { rate: 45 });
    const round = first.remind(TENANT, pulse.pulseId);
    await until(() => reminders().length >= 5);
    first.stop();
    expect(await round).toBe('stopped');
    expect((await cosmos.stores.pulses.readPulse(TENANT, pulse.pulseId))?.doc.reminderRound).not.toBe('done');
    expect(reminders().length).toBeLessThan(200);

    expect(await sender(cosmos.stores, { rate: 2000 }).remind(TENANT, pulse.pulseId)).toBe('done');
    const perMember = new Map<string, number>();
    for (const request of reminders())
      perMember.set(request.conversationId ?? '', (perMember.get(request.conversationId ?? '') ?? 0) + 1);
    expect(perMember.size).toBe(200);
    expect([...perMember.values()].every((count) => count === 1)).toBe(true);
    expect((await cosmos.stores.pulses.readPulse(TENANT, pulse.pulseId))?.doc.reminderRound).toBe('done');
  });

  it('a sender stopped for shutdown finishes its sends under way, releases the lease, and another carries on', async () => {
    service = await FakeTeamsService.start(300);
    const pulse = pulseFor(service);
    await cosmos.stores.pulses.createPulse(pulse);
    const first = sender(cosmos.stores, { rate: 45, owner: 'instance-a' });
    const running = first.run(TENANT, pulse.pulseId);
    await until(() => (service?.of('send').length ?? 0) >= 10);
    const sentBeforeStop = service.of('send').length;
    first.stop();
    expect(await running).toBe('stopped');
    // Only the sends under way went out after stop(), at most one per worker (16), not the rest of the 300.
    expect(service.of('send').length - sentBeforeStop).toBeLessThanOrEqual(16);
    const afterStop = await ledger(cosmos.stores.ledger, pulse.pulseId);
    expect(afterStop.filter((entry) => entry.state === 'sending')).toEqual([]);
    expect(afterStop.filter((entry) => entry.state === 'queued').length).toBeGreaterThan(200);

    // No lease to wait out: another instance takes over at once and nobody gets a second copy.
    expect(await sender(cosmos.stores, { rate: 2000, owner: 'instance-b' }).run(TENANT, pulse.pulseId)).toBe('done');
    expect([...service.receivedByMember().values()].every((count) => count === 1)).toBe(true);
    expect(service.receivedByMember().size).toBe(300);
  });

  it('two instances sending the same pulse at once: one sends, the other stands back', async () => {
    service = await FakeTeamsService.start(300);
    const pulse = pulseFor(service);
    await cosmos.stores.pulses.createPulse(pulse);

    const outcomes = await Promise.all([
      sender(cosmos.stores, { rate: 2000, owner: 'instance-a' }).run(TENANT, pulse.pulseId),
      sender(cosmos.stores, { rate: 2000, owner: 'instance-b' }).run(TENANT, pulse.pulseId),
    ]);

    expect(outcomes.sort()).toEqual(['busy', 'done']);
    expect([...service.receivedByMember().values()].every((count) => count === 1)).toBe(true);
    expect(service.of('send').filter((request) => request.conversationId === pulse.origin.conversationId)).toHaveLength(
      1,
    );
  });
});

/** The channel, noting when each call starts (performance.now()) in `started`. */
function stamped(channel: TeamsChannel, started: number[]): TeamsChannel {
  return new Proxy(channel, {
    get(object, property, receiver) {
      const value = Reflect.get(object, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        started.push(performance.now());
        return (value as (...a: unknown[]) => unknown).apply(object, args);
      };
    },
  });
}

/** The store with some of its methods replaced. */
function withOverrides<T extends object>(store: T, overrides: Partial<Record<keyof T, unknown>>): T {
  return new Proxy(store, {
    get(object, property, receiver) {
      if (property in overrides) return overrides[property as keyof T];
      const value = Reflect.get(object, property, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(object) : value;
    },
  });
}
