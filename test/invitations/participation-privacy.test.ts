import { PulseAndDigestData } from '../../src/privacy/pulse-and-digest-data';
import { CosmosDigestStore } from '../../src/storage/digest-store';
import { participant, startInvitationCosmos, TENANT, type InvitationCosmos } from './invitation-support';

let stores: InvitationCosmos;

beforeAll(async () => {
  stores = await startInvitationCosmos();
});
afterAll(async () => {
  await stores.close();
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
});
