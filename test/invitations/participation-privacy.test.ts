import { PulseAndDigestData } from '../../src/privacy/pulse-and-digest-data';
import { CosmosDigestStore } from '../../src/storage/digest-store';
import { FakeTeamsService } from '../../scripts/bench/fake-teams-service';
import { recipientKey } from '../../src/pulse/audience';
import { newDelivery } from '../../src/pulse/delivery/delivery-ledger';
import { sender } from '../pulse/fan-out-support';
import {
  campaignFor,
  kindFor,
  participant,
  startInvitationCosmos,
  TENANT,
  type InvitationCosmos,
} from './invitation-support';

let stores: InvitationCosmos;
let service: FakeTeamsService | undefined;

beforeAll(async () => {
  stores = await startInvitationCosmos();
});
afterAll(async () => {
  await stores.close();
  await service?.close();
});

describe("a person's invitation data in their export and erasure", () => {
  it('exports their opt-outs, progress and reminders; erasing removes their campaign progress and lowers the counts', async () => {
    const userId = '00000000-0000-4000-8000-0000000000aa';
    const other = '00000000-0000-4000-8000-0000000000bb';
    await stores.participation.write(
      participant(userId, {
        noReminders: true,
        startedAt: '2026-12-01T10:00:00.000Z',
        lastActiveAt: '2026-12-01T10:00:00.000Z',
        timeZone: 'Europe/Berlin',
        chat: { serviceUrl: 'https://smba.example/', conversationId: 'a:1' },
        nudgeCount: 1,
        nudgedAt: ['2026-12-04T09:00:00.000Z'],
      }),
      undefined,
    );
    for (const person of [userId, other])
      await stores.campaigns.recordProgress(TENANT, 'invite-1', person, 'started', '2026-12-01T10:00:00.000Z');
    const data = new PulseAndDigestData(
      stores.pulseStores.pulses,
      stores.pulseStores.responses,
      new CosmosDigestStore(stores.containers.tenants),
      { campaigns: stores.campaigns, participation: stores.participation },
    );

    const exported = await data.export(TENANT, userId);
    expect(exported.invitations).toEqual({
      noInvitations: false,
      noReminders: true,
      startedAt: '2026-12-01T10:00:00.000Z',
      lastActiveAt: '2026-12-01T10:00:00.000Z',
      timeZone: 'Europe/Berlin',
      invitationsReceived: 0,
      remindersSent: ['2026-12-04T09:00:00.000Z'],
    });
    expect((await data.export(TENANT, 'someone-without-a-document')).invitations).toBeUndefined();

    await data.erase(TENANT, userId);
    expect(await stores.campaigns.progressCounts(TENANT, 'invite-1')).toEqual({ started: 1, finished: 0 });
    // Run again (an erasure that is retried): nothing more goes.
    await data.erase(TENANT, userId);
    expect(await stores.campaigns.progressCounts(TENANT, 'invite-1')).toEqual({ started: 1, finished: 0 });
  });

  it("erasing removes the person's entries in an open campaign's ledger; an entry an earlier erasure unlinked is skipped", async () => {
    service = await FakeTeamsService.start(3);
    const campaign = campaignFor(service);
    await stores.campaigns.createCampaign(campaign);
    const [first, second] = service.members;
    const now = new Date().toISOString();
    await stores.pulseStores.ledger.queueDeliveries([newDelivery(TENANT, campaign.pulseId, first, now)]);
    const data = new PulseAndDigestData(
      stores.pulseStores.pulses,
      stores.pulseStores.responses,
      new CosmosDigestStore(stores.containers.tenants),
      { campaigns: stores.campaigns, participation: stores.participation },
    );
    await data.erase(TENANT, recipientKey(first));
    const entries = async () =>
      (
        await stores.pulseStores.ledger.deliveriesIn(
          TENANT,
          campaign.pulseId,
          ['queued', 'sending', 'sent', 'failed', 'interrupted'],
          100,
        )
      ).deliveries.map((entry) => entry.doc);
    // Neither their entry nor an unlinked copy of it: the campaign is not a pulse whose results need it.
    expect(await entries()).toEqual([]);

    // What an erasure before this fix left: a queued copy naming nobody. The fan-out settles it and sends no one.
    await stores.containers.pulses.items.create({
      id: `delivery|${campaign.pulseId}|anonymous-1`,
      type: 'delivery',
      tenantId: TENANT,
      pulseId: campaign.pulseId,
      state: 'queued',
    });
    expect(await sender(stores.pulseStores, { rate: 100 }).runJob(kindFor(stores), TENANT, campaign.pulseId)).toBe(
      'done',
    );
    expect(service.of('create').filter((request) => !request.memberId)).toEqual([]);
    const settled = await entries();
    expect(settled.find((entry) => !entry.memberId)).toMatchObject({ state: 'failed' });
    // The roster's members (the first again: erasing does not opt out) are invited as ever.
    expect(service.receivedByMember().get(second.id)).toBe(1);
  });
});
