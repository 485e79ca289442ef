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
import {
  cards,
  kindFor,
  participant,
  startInvitationCosmos,
  TENANT,
  type InvitationCosmos,
} from './invitation-support';

jest.setTimeout(60_000);

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
    await stores.participation.write(participant(people[0], { ...fields, chat: chat(0) }), undefined);
    await stores.participation.write(
      participant(people[1], { ...fields, chat: chat(1), noReminders: true }),
      undefined,
    );
    await stores.participation.write(participant(people[2], { ...fields, chat: chat(2) }), undefined);
    await stores.participation.write(participant(people[3], { ...fields, chat: chat(3) }), undefined);
    await stores.participation.write(
      participant(people[4], { ...fields, chat: chat(4), noInvitations: true }),
      undefined,
    );
    await stores.participation.write(
      participant(people[5], { ...fields, chat: chat(5), timeZone: 'America/New_York' }),
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
      days: [3, 8],
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
});
