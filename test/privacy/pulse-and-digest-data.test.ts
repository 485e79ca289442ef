import { cardsOf, cardText, startTestBot, submitData, textsOf, TENANT, type TestBot } from '../support/bot-harness';
import { FakeTeamsService } from '../../scripts/bench/fake-teams-service';
import { exportThroughOneDrive, startFakeOneDrive, type FakeOneDrive } from '../support/fake-onedrive';
import { answersFor, inChannel, pulseCardOf, saidIn, startPulse } from '../pulse/pulse-chat';

jest.setTimeout(60_000);

let service: FakeTeamsService;
let bot: TestBot;
let oneDrive: FakeOneDrive;

beforeAll(async () => {
  oneDrive = await startFakeOneDrive();
  service = await FakeTeamsService.start(8);
  bot = await startTestBot({
    env: { PULSE_POLICY: 'anyone', LEADER_IDS: service.members[1].aadObjectId, ALLOWED_TENANTS: TENANT },
  });
});
afterAll(async () => {
  await bot?.close();
  await service?.close();
  await oneDrive?.close();
});

const member = (index: number) => bot.user(service.members[index].aadObjectId, service.members[index].name);

async function pulseDocsOf(userId: string): Promise<Array<{ type: string }>> {
  const { resources } = await bot.containers.pulses.items
    .query({ query: 'SELECT * FROM c WHERE c.userId = @u', parameters: [{ name: '@u', value: userId }] })
    .fetchAll();
  return resources as Array<{ type: string }>;
}

async function openPulseResponses(): Promise<number> {
  const { resources } = await bot.containers.pulses.items
    .query('SELECT VALUE c.responses FROM c WHERE c.type = "pulse" AND c.status = "open"')
    .fetchAll();
  return resources[0] as number;
}

describe('my data, export and delete reach pulse answers and the digest too (pulses through the FAKE Teams channel service)', () => {
  it('shows and exports a pulse answer and a digest subscription, then deletes both', async () => {
    expect(saidIn(await startPulse(member(0), service))).toMatch(/on its way/);
    await bot.app.pulses.jobs.idle();
    const comment = 'Private-pulse-comment-7d1e';
    const respondent = member(1);
    await respondent.submit(answersFor(pulseCardOf(service, service.members[1].id), '4', comment));
    await member(2).submit(answersFor(pulseCardOf(service, service.members[2].id), '2'));
    expect(await openPulseResponses()).toBe(2);
    expect(textsOf(await respondent.say('digest weekly')).join(' ')).toMatch(/weekly/i);

    const myData = JSON.stringify((await respondent.say('my data')).activities.at(-1)?.attachments?.[0]?.content);
    expect(myData).toContain('"title":"Pulse answers","value":"1 (of 1 pulses addressed to you)"');
    expect(myData).toContain('"title":"Leadership digest","value":"weekly"');
    const exported = (await exportThroughOneDrive(respondent, oneDrive)) as {
      pulseResponses: Array<{ comment?: string }>;
      pulsesReceived: number;
      digest?: { frequency: string };
    };
    expect(exported.pulseResponses.map((response) => response.comment)).toEqual([comment]);
    expect(exported.pulsesReceived).toBe(1);
    expect(exported.digest?.frequency).toBe('weekly');

    const confirm = await respondent.say('delete my data');
    const card = confirm.activities.at(-1)?.attachments?.[0]?.content as {
      actions: Array<{ title: string; data: object }>;
    };
    const yes = card.actions.find((action) => action.title === 'Yes, delete everything');
    const done = textsOf(await respondent.submit({ ...yes?.data })).join(' ');
    expect(done).toMatch(/1 pulse answer, your leadership digest/);

    const userId = service.members[1].aadObjectId.toLowerCase();
    expect(await pulseDocsOf(userId)).toEqual([]);
    // The open pulse's live count goes down with the answer; the other member's answer stays.
    expect(await openPulseResponses()).toBe(1);
    expect((await pulseDocsOf(service.members[2].aadObjectId.toLowerCase())).map((doc) => doc.type).sort()).toEqual([
      'delivery',
      'response',
    ]);
    const digest = await bot.containers.tenants.item(`digest|${userId}`, TENANT).read();
    expect(digest.resource).toBeUndefined();
  });

  it('of a closed pulse, keeps the answer in the results but unlinked, so results shown again do not change', async () => {
    await member(3).submit(answersFor(pulseCardOf(service, service.members[3].id), '5', 'Closing-remark-2b9f'));
    const { resources } = await bot.containers.pulses.items
      .query('SELECT VALUE c.pulseId FROM c WHERE c.type = "pulse" AND c.status = "open"')
      .fetchAll();
    const close = () =>
      inChannel(member(0), service, { value: { sg: 'pulse', action: 'close', pulseId: resources[0] } });
    const resultsText = (reply: Awaited<ReturnType<typeof close>>) => cardText(cardsOf(reply).at(-1));
    const before = resultsText(await close());
    expect(before).toMatch(/Pulse results/);

    const leaver = member(3);
    const confirm = cardsOf(await leaver.say('delete my data')).at(-1);
    expect(textsOf(await leaver.submit(submitData(confirm ?? {}, 'Yes, delete everything'))).join(' ')).toMatch(
      /1 pulse answer/,
    );
    expect(await pulseDocsOf(service.members[3].aadObjectId.toLowerCase())).toEqual([]);
    expect(resultsText(await close())).toBe(before);
  });
});
