import type { DeliveryDoc } from '../../src/domain/pulse-docs';
import { recipientKey } from '../../src/pulse/audience';
import { noTelemetry } from '../../src/telemetry/telemetry';
import { HttpTeamsChannel } from '../../src/teams/http-teams-channel';
import { FakeTeamsService } from '../../scripts/bench/fake-teams-service';
import { killable, sender, until } from '../pulse/fan-out-support';
import {
  campaignFor,
  kindFor,
  participant,
  startInvitationCosmos,
  TENANT,
  type InvitationCosmos,
} from './invitation-support';

jest.setTimeout(180_000);

let stores: InvitationCosmos;
let service: FakeTeamsService | undefined;

beforeAll(async () => {
  stores = await startInvitationCosmos();
});
afterAll(async () => {
  await stores.close();
});
afterEach(async () => {
  await service?.close();
  service = undefined;
});

async function ledgerOf(campaignId: string): Promise<DeliveryDoc[]> {
  const all: DeliveryDoc[] = [];
  let continuation: string | undefined;
  do {
    const page = await stores.pulseStores.ledger.deliveriesIn(
      TENANT,
      campaignId,
      ['queued', 'sending', 'sent', 'failed', 'interrupted'],
      1000,
      continuation,
    );
    all.push(...page.deliveries.map((entry) => entry.doc));
    continuation = page.continuation;
  } while (continuation);
  return all;
}

/** Removes the participation documents earlier tests wrote (the fake service's member ids repeat). */
async function forgetParticipation(): Promise<void> {
  const { resources } = await stores.containers.users.items
    .query<{ id: string; userId: string }>({
      query: 'SELECT c.id, c.userId FROM c WHERE c.tenantId = @t AND c.type = "participation"',
      parameters: [{ name: '@t', value: TENANT }],
    })
    .fetchAll();
  for (const doc of resources) await stores.containers.users.item(doc.id, [TENANT, doc.userId]).delete();
}

/** Members 0–49 finished, 50–99 typed `stop invitations`, 100–149 started (but not finished). */
async function seedParticipation(fake: FakeTeamsService): Promise<void> {
  const at = new Date().toISOString();
  for (const [index, member] of fake.members.slice(0, 150).entries()) {
    const userId = recipientKey(member);
    const fields =
      index < 50
        ? { startedAt: at, finishedAt: at }
        : index < 100
          ? { noInvitations: true, noReminders: true }
          : { startedAt: at, lastActiveAt: at };
    await stores.participation.write(participant(userId, fields), undefined);
  }
}

describe("invitation fan-out through the FAKE Teams channel service (the pulses' ledger, lease and rate cap)", () => {
  it('invites 2,000 members through 429s and a kill and restart: nobody missed, finished and opted-out people skipped', async () => {
    service = await FakeTeamsService.start(2000);
    await seedParticipation(service);
    const campaign = campaignFor(service);
    await stores.campaigns.createCampaign(campaign);
    const kind = kindFor(stores);
    const dead = killable({ ...stores.pulseStores }, new HttpTeamsChannel());
    let sends = 0;
    const inFlight = new Set<string>();
    service.fault = ({ kind: request, memberId }) => {
      if (request !== 'send') return undefined;
      sends++;
      if (sends % 10 === 0 && sends <= 600) return { status: 429, retryAfterSeconds: 0.05 };
      if (sends <= 600) return undefined;
      dead.kill();
      // Every other one reached Teams before the sender died; the others never did.
      if (memberId) inFlight.add(memberId);
      return inFlight.size % 2 === 1 ? 'hang' : 'lost';
    };

    const first = sender(dead.stores, { rate: 2000, leaseTtlMs: 600, channel: dead.channel });
    void first.runJob(kind, TENANT, campaign.pulseId).catch(() => undefined);
    await until(() => dead.killed);
    service.fault = ({ kind: request }) =>
      request === 'send' && ++sends % 10 === 0 ? { status: 429, retryAfterSeconds: 0.05 } : undefined;
    const restarted = sender(stores.pulseStores, { rate: 2000, clock: () => new Date(Date.now() + 60_000) });
    expect(await restarted.runJob(kind, TENANT, campaign.pulseId)).toBe('done');

    const received = service.receivedByMember();
    const skipped = new Set(service.members.slice(0, 100).map((member) => member.id));
    // Finished and opted-out people got nothing; everyone else got their invitation.
    expect([...skipped].filter((memberId) => (received.get(memberId) ?? 0) > 0)).toEqual([]);
    expect(service.members.filter((m) => !skipped.has(m.id) && (received.get(m.id) ?? 0) === 0)).toEqual([]);
    // The only second copies are sends in flight when the sender died — sent but not yet recorded, or under way (it
    // cannot know they arrived): at most one per concurrent worker, never more than two copies.
    const twice = [...received].filter(([, count]) => count > 1);
    expect(twice.length).toBeLessThanOrEqual(16);
    expect(twice.every(([, count]) => count === 2)).toBe(true);
    // Of the sends that hung at the kill (they reached Teams), those not sent again were recorded: none is lost.
    expect([...inFlight].every((memberId) => (received.get(memberId) ?? 0) >= 1)).toBe(true);
    expect(service.of('send').filter((request) => request.status === 429).length).toBeGreaterThanOrEqual(60);
    const entries = await ledgerOf(campaign.pulseId);
    expect(entries).toHaveLength(1900);
    expect(entries.filter((entry) => entry.state !== 'sent')).toEqual([]);
    const stored = await stores.campaigns.readCampaign(TENANT, campaign.pulseId);
    expect(stored?.doc.fanOut).toMatchObject({ phase: 'done', recipients: 1900 });
    // Those who had started before they were invited count as started from the outset; nobody as finished.
    expect(await stores.campaigns.progressCounts(TENANT, campaign.pulseId)).toEqual({ started: 50, finished: 0 });
    // The invitation card: Start, and the way to ask for no more.
    const card = JSON.stringify(
      service.of('send').find((request) => request.memberId === service?.members[500].id)?.body,
    );
    expect(card).toContain('Help shape our AI strategy');
    expect(card).toContain('"command":"start"');
    expect(card).toContain('"command":"stop invitations"');
  });

  it('two instances inviting at once: one sends, the other stands back, and each member gets one invitation', async () => {
    service = await FakeTeamsService.start(300);
    await seedParticipation(service);
    const campaign = campaignFor(service);
    await stores.campaigns.createCampaign(campaign);
    const kind = kindFor(stores);
    const outcomes = await Promise.all([
      sender(stores.pulseStores, { rate: 2000, owner: 'a' }).runJob(kind, TENANT, campaign.pulseId),
      sender(stores.pulseStores, { rate: 2000, owner: 'b' }).runJob(kind, TENANT, campaign.pulseId),
    ]);
    expect(outcomes.sort()).toEqual(['busy', 'done']);
    // Members 0–99 finished or opted out; everyone else got exactly one.
    const once = () => service?.members.slice(100).every((member) => service?.receivedByMember().get(member.id) === 1);
    expect(once()).toBe(true);
    // Run again later (the scheduler resumes unfinished campaigns): nobody is invited a second time.
    expect(await sender(stores.pulseStores, { rate: 2000 }).runJob(kind, TENANT, campaign.pulseId)).toBe('done');
    expect(once()).toBe(true);
    expect(
      service.of('send').filter((request) => request.memberId && /member-\d$|member-[1-9]\d$/.test(request.memberId)),
    ).toEqual([]);
  });

  it('`stop invitations` typed during a long send is honoured as each entry is claimed', async () => {
    await forgetParticipation();
    service = await FakeTeamsService.start(100);
    const campaign = campaignFor(service);
    await stores.campaigns.createCampaign(campaign);
    const fake = service;
    let optingOut: Promise<unknown> | undefined;
    let landed = false;
    // When the first 1:1 chat is opened (the roster is read by then), everyone on it types `stop invitations`; Teams
    // answers 429 until those have landed, so the entries claimed before (one per worker) wait and the rest see them.
    service.fault = ({ kind: request }) => {
      if (request !== 'create') return undefined;
      optingOut ??= Promise.all(
        fake.members.map((member) =>
          stores.participation.write(participant(recipientKey(member), { noInvitations: true }), undefined),
        ),
      ).then(() => {
        landed = true;
      });
      return landed ? undefined : { status: 429, retryAfterSeconds: 0.1 };
    };
    expect(await sender(stores.pulseStores, { rate: 200 }).runJob(kindFor(stores), TENANT, campaign.pulseId)).toBe(
      'done',
    );
    await optingOut;
    // Only sends already claimed when they opted out (at most one per concurrent worker) went out.
    expect(service.of('send').filter((request) => request.status === 200).length).toBeLessThanOrEqual(17);
    const entries = await ledgerOf(campaign.pulseId);
    expect(entries).toHaveLength(100);
    expect(
      entries.filter((entry) => entry.state === 'failed' && /no invitations/.test(entry.reason ?? '')).length,
    ).toBeGreaterThanOrEqual(83);
  });

  it('an invitation that cannot be delivered is logged as an invitation and not counted as a failed pulse', async () => {
    await forgetParticipation();
    service = await FakeTeamsService.start(6);
    const campaign = campaignFor(service);
    await stores.campaigns.createCampaign(campaign);
    const gone = service.members[2].id;
    service.fault = ({ kind: request, memberId }) =>
      request === 'create' && memberId === gone ? { status: 404 } : undefined;
    const events: string[] = [];
    const logger = { info: () => undefined, warn: (event: string) => void events.push(event), error: () => undefined };
    let pulseFailures = 0;
    const telemetry = { ...noTelemetry, pulseDeliveryFailed: () => void pulseFailures++ };
    const run = sender(stores.pulseStores, { rate: 100, logger, telemetry });
    expect(await run.runJob(kindFor(stores), TENANT, campaign.pulseId)).toBe('done');
    expect(events).toContain('invitation.delivery.failed');
    expect(events.filter((event) => event.startsWith('pulse.'))).toEqual([]);
    expect(pulseFailures).toBe(0);
  });
});
