import { silentLogger } from '../../src/logging/logger';
import { CampaignUpkeep } from '../../src/invitations/campaign-upkeep';
import { PulseJobs } from '../../src/pulse/delivery/pulse-jobs';
import { HttpTeamsChannel } from '../../src/teams/http-teams-channel';
import { TenantRateLimiters } from '../../src/teams/rate-limiter';
import { FakeTeamsService } from '../../scripts/bench/fake-teams-service';
import { sender } from '../pulse/fan-out-support';
import { cardText } from '../support/bot-harness';
import {
  campaignFor,
  cards,
  kindFor,
  startInvitationCosmos,
  TENANT,
  type InvitationCosmos,
} from './invitation-support';

jest.setTimeout(60_000);

let stores: InvitationCosmos;
let service: FakeTeamsService;
let now = Date.parse('2026-12-08T10:00:00.000Z');
const clock = () => new Date(now);

beforeAll(async () => {
  [stores, service] = await Promise.all([startInvitationCosmos(), FakeTeamsService.start(3)]);
});
afterAll(async () => {
  await stores.close();
  await service.close();
});

describe("the campaign's channel card (embedded Cosmos, FAKE Teams channel service)", () => {
  it('leaves "going out" once the send is done, even when no figure moved', async () => {
    const jobs = new PulseJobs(sender(stores.pulseStores, { rate: 100, clock }), silentLogger);
    const upkeep = new CampaignUpkeep({
      campaigns: stores.campaigns,
      ledger: stores.pulseStores.ledger,
      jobs,
      kind: kindFor(stores),
      channel: new HttpTeamsChannel(),
      limiters: new TenantRateLimiters(100),
      cards,
      threshold: 5,
      logger: silentLogger,
      clock,
      cardIntervalMs: 10_000,
      sleep: () => Promise.resolve(),
    });
    // Everyone on the roster had been invited by an earlier run: this one finds nobody new to send to.
    const campaign = { ...campaignFor(service, clock()), channelActivityId: 'card-1' };
    campaign.fanOut = { phase: 'sending', recipients: 0 };
    await stores.campaigns.createCampaign(campaign);
    const read = async () => (await stores.campaigns.readCampaign(TENANT, campaign.pulseId))?.doc ?? campaign;
    const cardNow = () =>
      cardText((service.of('update').at(-1)?.body?.attachments as { content: unknown }[])[0].content);

    await upkeep.look(await read());
    expect(cardNow()).toMatch(/going out/);
    await jobs.idle();
    expect((await read()).fanOut.phase).toBe('done');

    now += 20_000;
    await upkeep.look(await read());
    expect(cardNow()).not.toMatch(/going out/);
    // Nothing moved since: no further update.
    const updates = service.of('update').length;
    now += 20_000;
    await upkeep.look(await read());
    expect(service.of('update').length).toBe(updates);
  });
});
