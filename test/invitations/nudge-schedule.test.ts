import { silentLogger } from '../../src/logging/logger';
import { CampaignUpkeep } from '../../src/invitations/campaign-upkeep';
import { InvitationScheduler } from '../../src/invitations/invitation-scheduler';
import { NudgeSender, type ProgressReader } from '../../src/invitations/nudge-sender';
import type { PathProgress } from '../../src/invitations/progress';
import { PulseJobs } from '../../src/pulse/delivery/pulse-jobs';
import { recipientKey } from '../../src/pulse/audience';
import { HttpTeamsChannel } from '../../src/teams/http-teams-channel';
import { TenantRateLimiters } from '../../src/teams/rate-limiter';
import { FakeTeamsService } from '../../scripts/bench/fake-teams-service';
import { sender } from '../pulse/fan-out-support';
import { cardText } from '../support/bot-harness';
import { cards, kindFor, starter, startInvitationCosmos, TENANT, type InvitationCosmos } from './invitation-support';

jest.setTimeout(60_000);

/** Reminders after 3 and 8 days in this tenant. */
const DAYS: [number, number] = [3, 8];
let stores: InvitationCosmos;
let service: FakeTeamsService;
let now = 0;
const clock = () => new Date(now);
/** A stand-in for the people's stored answers (the real reader loads their session): how far each has got. */
const progress = new Map<string, PathProgress>();
const readProgress: ProgressReader = (_tenantId, userId) => Promise.resolve(progress.get(userId));

beforeAll(async () => {
  [stores, service] = await Promise.all([startInvitationCosmos(), FakeTeamsService.start(6)]);
});
afterAll(async () => {
  await stores.close();
  await service.close();
});

/** One instance's scheduler: its own lease owner and rate limiters, the shared Cosmos data. */
function instance(owner: string): InvitationScheduler {
  const limiters = new TenantRateLimiters(100);
  const channel = new HttpTeamsChannel();
  const shared = { channel, limiters, cards, logger: silentLogger, clock, sleep: () => Promise.resolve() };
  const nudges = new NudgeSender({
    participation: stores.participation,
    settings: stores.settings,
    progress: readProgress,
    ...shared,
  });
  const jobs = new PulseJobs(sender(stores.pulseStores, { rate: 100, clock }), silentLogger);
  const upkeep = new CampaignUpkeep({
    campaigns: stores.campaigns,
    ledger: stores.pulseStores.ledger,
    jobs,
    kind: kindFor(stores),
    threshold: 5,
    cardIntervalMs: 10_000,
    ...shared,
  });
  return new InvitationScheduler({
    campaigns: stores.campaigns,
    participation: stores.participation,
    upkeep,
    nudges,
    leases: stores.leases,
    owner,
    tenants: new Set([TENANT]),
    logger: silentLogger,
    clock,
    leaseMs: 60_000,
  });
}

const reminders = (index: number) =>
  service
    .of('send')
    .filter((request) => request.conversationId === `a:1on1|${service.members[index].id}` && request.status === 200)
    .map((request) => cardText((request.body?.attachments as { content: unknown }[])[0].content));

async function tickBothAt(iso: string): Promise<void> {
  now = Date.parse(iso);
  await Promise.all([a.tick(), b.tick()]);
}

let a: InvitationScheduler;
let b: InvitationScheduler;

describe('reminders to finish (injected clock, two instances, FAKE Teams channel service)', () => {
  it("at most two, on weekdays in working hours on the person's clock across a DST change, none after finish, erase or opt-out", async () => {
    [a, b] = [instance('instance-a'), instance('instance-b')];
    // Last progress Friday 23 October 2026, 10:00 in Berlin (08:00 UTC, summer time); the clocks go back on the 25th.
    const lastActiveAt = '2026-10-23T08:00:00.000Z';
    const chat = (index: number) => ({
      serviceUrl: service.url,
      conversationId: `a:1on1|${service.members[index].id}`,
    });
    const people = service.members.map((member) => recipientKey(member));
    const fields = { startedAt: lastActiveAt, lastActiveAt, timeZone: 'Europe/Berlin' };
    await stores.participation.write(starter(people[0], { ...fields, chat: chat(0) }, DAYS), undefined);
    await stores.participation.write(
      starter(people[1], { ...fields, chat: chat(1), noReminders: true }, DAYS),
      undefined,
    );
    await stores.participation.write(starter(people[2], { ...fields, chat: chat(2) }, DAYS), undefined);
    await stores.participation.write(starter(people[3], { ...fields, chat: chat(3) }, DAYS), undefined);
    await stores.participation.write(
      starter(people[4], { ...fields, chat: chat(4), noInvitations: true }, DAYS),
      undefined,
    );
    await stores.participation.write(
      starter(people[5], { ...fields, chat: chat(5), timeZone: 'America/New_York' }, DAYS),
      undefined,
    );
    const halfway = { answered: 4, total: 11, minutesText: 'about 10 minutes' };
    for (const person of people) progress.set(person, halfway);
    // Member 2 has finished since (their answers say so); member 3 deleted their data (nothing of them is left).
    progress.set(people[2], { ...halfway, answered: 11 });
    progress.delete(people[3]);
    // Reminders after 3 and 8 days in this tenant (the second then falls on a Saturday).
    await stores.settings.write({
      id: 'nudge-settings',
      type: 'nudge-settings',
      tenantId: TENANT,
      days: DAYS,
      updatedBy: 'leader',
      updatedAt: lastActiveAt,
    });

    // Monday 26 October, 09:30 in Berlin (08:30 UTC, winter time): three local days end at 10:00 local, not yet.
    // (Three times 24 hours would have been 08:00 UTC.)
    await tickBothAt('2026-10-26T08:30:00.000Z');
    expect(reminders(0)).toEqual([]);
    // 10:00 in Berlin: the first reminder, once, although both instances ticked.
    await tickBothAt('2026-10-26T09:00:00.000Z');
    await tickBothAt('2026-10-26T09:00:30.000Z');
    expect(reminders(0)).toHaveLength(1);
    expect(reminders(0)[0]).toMatch(/Pick up where you left off\?.*7 questions are left/s);
    // New York (still on summer time: its clocks go back a week later): three local days end at 04:00 there on
    // Monday, but the working day starts at 09:00 (13:00 UTC).
    await tickBothAt('2026-10-26T12:59:00.000Z');
    expect(reminders(5)).toEqual([]);
    await tickBothAt('2026-10-26T13:00:00.000Z');
    expect(reminders(5)).toHaveLength(1);

    // Eight local days end on Saturday 31 October: no reminder at the weekend, nor on Monday before 09:00.
    await tickBothAt('2026-10-31T10:00:00.000Z');
    await tickBothAt('2026-11-01T12:00:00.000Z');
    await tickBothAt('2026-11-02T07:59:00.000Z');
    expect(reminders(0)).toHaveLength(1);
    await tickBothAt('2026-11-02T08:00:00.000Z');
    expect(reminders(0)).toHaveLength(2);

    // Never a third, however long they wait.
    for (const day of ['2026-11-03', '2026-11-10', '2026-12-01']) await tickBothAt(`${day}T10:00:00.000Z`);
    expect(reminders(0)).toHaveLength(2);
    // Opted out (either way), finished since, or erased: nothing, ever.
    for (const index of [1, 2, 3, 4]) expect([index, reminders(index)]).toEqual([index, []]);
    const stored = await stores.participation.read(TENANT, people[0]);
    expect(stored?.doc).toMatchObject({ nudgeCount: 2 });
    expect(stored?.doc.nudgedAt).toEqual(['2026-10-26T09:00:00.000Z', '2026-11-02T08:00:00.000Z']);
  });

  it('400 starters, 200 of them not yet due (outside their hours, no chat) at the head: the 200 due are reminded', async () => {
    const tenantId = TENANT;
    await stores.settings.write({
      id: 'nudge-settings',
      type: 'nudge-settings',
      tenantId,
      days: DAYS,
      updatedBy: 'leader',
      updatedAt: '2026-12-01T00:00:00.000Z',
    });
    const chatOf = (index: number) => ({ serviceUrl: service.url, conversationId: `a:1on1|crowd-${index}` });
    const halfway = { answered: 4, total: 11, minutesText: 'about 10 minutes' };
    const writes: Promise<unknown>[] = [];
    for (let index = 0; index < 400; index++) {
      const userId = `crowd-${index}`;
      // The first 200 were active earliest, so an oldest-first query would read only them; it is night in Auckland
      // (or they have no chat). The other 200 work in Berlin, where it is Tuesday morning.
      const early = index < 200;
      const lastActiveAt = new Date(Date.parse('2026-12-01T08:00:00.000Z') + index * 1000).toISOString();
      const fields = {
        startedAt: lastActiveAt,
        lastActiveAt,
        timeZone: early ? 'Pacific/Auckland' : 'Europe/Berlin',
        ...(early && index % 2 === 1 ? {} : { chat: chatOf(index) }),
      };
      progress.set(userId, halfway);
      writes.push(stores.participation.write(starter(userId, fields, DAYS), undefined));
    }
    // Five more whose answers say they finished, though their document was never marked.
    for (let index = 400; index < 405; index++) {
      const lastActiveAt = '2026-12-01T07:00:00.000Z';
      const fields = { startedAt: lastActiveAt, lastActiveAt, timeZone: 'Europe/Berlin', chat: chatOf(index) };
      progress.set(`crowd-${index}`, { ...halfway, answered: 11 });
      writes.push(stores.participation.write(starter(`crowd-${index}`, fields, DAYS), undefined));
    }
    await Promise.all(writes);
    const sentTo = () =>
      new Set(
        service
          .of('send')
          .filter((request) => request.conversationId?.startsWith('a:1on1|crowd-') && request.status === 200)
          .map((request) => request.conversationId),
      );

    // Tuesday 8 December, 11:00 in Berlin; 23:00 in Auckland, night there.
    await tickBothAt('2026-12-08T10:00:00.000Z');
    const reminded = sentTo();
    expect(reminded.size).toBe(200);
    for (let index = 200; index < 400; index++) expect(reminded.has(`a:1on1|crowd-${index}`)).toBe(true);
    // Those whose answers say they finished are marked so, with no reminder to come; Auckland waits for 09:00 there.
    const finished = await stores.participation.read(tenantId, 'crowd-400');
    expect(finished?.doc.finishedAt).toBe('2026-12-08T10:00:00.000Z');
    expect(finished?.doc.nextNudgeAt).toBeUndefined();
    expect((await stores.participation.read(tenantId, 'crowd-0'))?.doc.nextNudgeAt).toBe('2026-12-08T20:00:00.000Z');
    expect((await stores.participation.read(tenantId, 'crowd-1'))?.doc.nextNudgeAt).toBeUndefined();
    // The pass runs every few minutes, not on every tick: a tick a minute later reads nothing.
    const before = service.of('send').length;
    await tickBothAt('2026-12-08T10:01:00.000Z');
    expect(service.of('send').length).toBe(before);
    // 09:00 on Wednesday in Auckland (20:00 UTC): the 100 of them with a chat are reminded.
    await tickBothAt('2026-12-08T20:00:00.000Z');
    expect(sentTo().size).toBe(300);
  });
});
