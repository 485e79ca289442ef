import { ContentIndex } from '../../src/content/content-index';
import { loadContentPack } from '../../src/content/load-content-pack';
import { CosmosAggregateStore } from '../../src/storage/aggregate-store';
import { DOCX_CONTENT_TYPE } from '../../src/strategy-document/write-docx';
import { cardsOf, cardText, startTestBot, textsOf, TENANT, type TestBot, type TestUser } from '../support/bot-harness';
import { readDocx } from '../support/docx-reader';
import { consentCardOf, consentInvoke, startFakeOneDrive, type FakeOneDrive } from '../support/fake-onedrive';
import { addStatement, inChannel } from '../leadership/drive';
import { organisationAnswers, storeOrganisation } from './seed-organisation';

jest.setTimeout(60_000);

/**
 * `strategy document` and `my strategy document` through the real bot over HTTP (embedded Cosmos), delivered with the
 * export's file consent flow to a FAKE OneDrive upload server (OneDrive cannot run here).
 */
const index = new ContentIndex(loadContentPack());
const LEADER = 'dddddddd-0000-4000-8000-000000000001';
const ADMIN = 'dddddddd-0000-4000-8000-00000000000a';
const GRANTED = 'dddddddd-0000-4000-8000-000000000002';
const FILE_INFO = 'application/vnd.microsoft.teams.card.file.info';
let bot: TestBot;
let oneDrive: FakeOneDrive;

beforeAll(async () => {
  [bot, oneDrive] = await Promise.all([
    startTestBot({ env: { LEADER_IDS: LEADER, ADMIN_IDS: ADMIN } }),
    startFakeOneDrive(),
  ]);
  const aggregates = new CosmosAggregateStore(bot.containers.aggregates, 5);
  await storeOrganisation(
    { containers: bot.containers, aggregates, index, tenantId: TENANT },
    organisationAnswers(index, 'seeded', 20),
  );
}, 120_000);
afterAll(async () => {
  await bot?.close();
  await oneDrive?.close();
});

type ConsentContext = { token: string; file?: string };

/** Types the command and returns the consent card's name, size and context. */
async function offer(user: TestUser, command: string) {
  const reply = await user.say(command);
  const card = consentCardOf(reply.activities);
  if (!card) throw new Error(`no consent card: ${textsOf(reply).join(' | ')}`);
  return { name: card.name, size: card.content.sizeInBytes, context: card.content.acceptContext as ConsentContext };
}

/** Presses Allow (as a Teams invoke, replies in the HTTP answer): what was uploaded, and the bot's texts. */
async function allow(user: TestUser, context: unknown, name = 'strategy-document.docx') {
  const before = oneDrive.uploads().length;
  const reply = await user.post(consentInvoke('accept', context, { ...oneDrive.uploadInfo(name), fileType: 'docx' }));
  return { uploads: oneDrive.uploads().slice(before), texts: textsOf(reply), reply };
}

describe('strategy documents in a Teams 1:1 chat (FAKE OneDrive upload server)', () => {
  it('gives a leader the organisation’s document, with the card’s figures, once they allow it', async () => {
    const leader = bot.user(LEADER, 'Lea Leader');
    const { name, size, context } = await offer(leader, 'strategy document');
    expect(name).toMatch(/^strategy-document-\d{4}-\d{2}-\d{2}\.docx$/);
    expect(context).toEqual({ token: expect.stringMatching(/^[A-Za-z0-9_-]{24}$/), file: 'strategy-document' });

    const { uploads, texts, reply } = await allow(leader, context, name);
    expect(uploads).toHaveLength(1);
    expect(uploads[0].headers['content-type']).toBe(DOCX_CONTENT_TYPE);
    // Built again on Allow (with fresh internal ids), so within a few bytes of the size the card announced.
    expect(Math.abs(uploads[0].body.length - size)).toBeLessThan(size / 100);
    expect(texts).toContain('Here is the organisation’s strategy document, saved to your OneDrive:');
    expect(JSON.stringify(reply.activities)).toContain(FILE_INFO);
    const doc = readDocx(uploads[0].body);
    expect(doc.headings(1)).toContain('Use-case portfolio');
    const card = cardText(cardsOf(await leader.say('summary')).at(-1));
    const participation = card.split('\n').find((line) => line.includes('people have answered')) ?? 'none';
    expect(doc.text).toContain(participation.trim());
    expect(doc.text).not.toMatch(/seeded-\d|Lea Leader|dddddddd/);
    // Audited once, when delivered (not when the card offering it was made).
    const { resources } = await bot.containers.audit.items
      .query({
        query: 'SELECT * FROM c WHERE c.actor = @actor AND c.detail = "strategy document"',
        parameters: [{ name: '@actor', value: LEADER }],
      })
      .fetchAll();
    expect(resources.map((entry) => entry.action)).toEqual(['summary.exported']);
  });

  it('refuses the organisation’s document kindly to anyone else, and in a channel', async () => {
    const employee = bot.user(undefined, 'Emil Employee');
    const reply = await employee.say('strategy document');
    expect(consentCardOf(reply.activities)).toBeUndefined();
    expect(textsOf(reply).join(' ')).toContain('The organisation’s strategy document is for leaders');
    const leader = bot.user(LEADER, 'Lea Leader');
    const inTeam = await inChannel(leader, { id: '19:team-docs@thread.tacv2', name: 'Docs' }, 'strategy document');
    expect(textsOf(inTeam).join(' ')).toContain('For privacy, ask me that in a 1:1 chat.');
    expect(consentCardOf(inTeam.activities)).toBeUndefined();
  });

  it('gives anyone their own document from their own answers', async () => {
    const user = bot.user(undefined, 'Mia Mine');
    await addStatement(user, 'am-want', 'Draft my weekly status report');
    const { name, context } = await offer(user, 'my strategy document');
    expect(name).toMatch(/^my-strategy-document-\d{4}-\d{2}-\d{2}\.docx$/);
    expect(context.file).toBe('my-strategy-document');
    const { uploads, texts } = await allow(user, context, name);
    expect(texts).toContain('Here is your strategy document, saved to your OneDrive:');
    const doc = readDocx(uploads[0].body);
    expect(doc.headings(1)).toEqual([
      'My ambition',
      'My use cases',
      'My success metrics',
      'My readiness',
      'Recommendations and next steps',
    ]);
    expect(doc.text).toContain('Draft my weekly status report');
    expect(doc.text).not.toMatch(/Automate routine paperwork|Mia Mine/);
  });

  it('changes nothing for a forged or misused consent answer, and the real one still works after', async () => {
    const leader = bot.user(LEADER, 'Lea Leader');
    const employee = bot.user(undefined, 'Otto Other');
    const orgCard = await offer(leader, 'strategy document');
    const ownCard = await offer(employee, 'my strategy document');
    const exportCard = consentCardOf((await leader.say('export')).activities)?.content.acceptContext as ConsentContext;
    const attempts: Array<[TestUser, unknown]> = [
      [employee, orgCard.context],
      [employee, { ...ownCard.context, file: 'strategy-document' }],
      [leader, { ...exportCard, file: 'strategy-document' }],
      [leader, { ...orgCard.context, file: 'my-strategy-document' }],
      [leader, { ...orgCard.context, file: 'all-the-answers' }],
      [leader, { token: 'not-a-token', file: 'strategy-document' }],
      [leader, 'strategy-document'],
    ];
    for (const [who, context] of attempts) {
      const { uploads, texts, reply } = await allow(who, context);
      expect(reply.status).toBe(200);
      expect(uploads).toEqual([]);
      expect(texts.join(' ')).toMatch(/can't be used any more|sent nothing/);
    }
    expect((await allow(leader, orgCard.context)).uploads).toHaveLength(1);
    expect((await allow(employee, ownCard.context)).uploads).toHaveLength(1);
    expect((await allow(leader, orgCard.context)).uploads).toEqual([]);
  });

  it('checks again on Allow: a leader whose role was revoked meanwhile gets nothing', async () => {
    const admin = bot.user(ADMIN, 'Ann Admin');
    const granted = bot.user(GRANTED, 'Gus Granted');
    await admin.say(`grant leader ${GRANTED}`);
    const card = await offer(granted, 'strategy document');
    await admin.say(`revoke leader ${GRANTED}`);
    const { uploads, texts } = await allow(granted, card.context, card.name);
    expect(uploads).toEqual([]);
    expect(texts).toContain('The organisation’s strategy document is for leaders, so I sent nothing.');
  });

  it('sends the file in the message where no consent card works (the Agents Playground)', async () => {
    const user = bot.user(undefined, 'Pia Playground');
    await addStatement(user, 'am-want', 'Sort my inbox');
    const reply = await user.post({
      type: 'message',
      text: 'my strategy document',
      serviceUrl: 'http://localhost:56150/_connector',
    });
    expect(consentCardOf(reply.activities)).toBeUndefined();
    const attachment = reply.activities.flatMap((activity) => activity.attachments ?? [])[0];
    expect(attachment?.contentType).toBe(DOCX_CONTENT_TYPE);
    const [prefix, base64] = String(attachment?.contentUrl).split(',');
    expect(prefix).toBe(`data:${DOCX_CONTENT_TYPE};base64`);
    expect(readDocx(Buffer.from(base64, 'base64')).text).toContain('Sort my inbox');
  });

  it('gives someone who has answered nothing yet a document that says so', async () => {
    const user = bot.user(undefined, 'Nina New');
    const { name, context } = await offer(user, 'my strategy document');
    const doc = readDocx((await allow(user, context, name)).uploads[0].body);
    expect(doc.headings(1)).toContain('My ambition');
    expect(doc.text).toContain('Not answered yet.');
    expect(doc.text).toContain('No use cases yet.');
    // As on their card: the sections their path rates, not rated yet.
    expect(doc.tables).toHaveLength(1);
    expect(doc.tables[0].rows.slice(1).every(([, mean, stage]) => mean === '–' && stage === 'Not rated yet')).toBe(
      true,
    );
  });
});
