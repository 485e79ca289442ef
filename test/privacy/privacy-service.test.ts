import { AuditTrail } from '../../src/audit/audit-trail';
import { CardRenderer } from '../../src/cards/card-renderer';
import type { Reply } from '../../src/cards/reply';
import { ContentIndex } from '../../src/content/content-index';
import { loadContentPack } from '../../src/content/load-content-pack';
import { silentLogger } from '../../src/logging/logger';
import { EraseService } from '../../src/privacy/erase-service';
import { FILE_CONSENT_CARD } from '../../src/privacy/export-replies';
import { ExportService } from '../../src/privacy/export-service';
import { HttpFileUploader } from '../../src/privacy/file-uploader';
import { PrivacyService } from '../../src/privacy/privacy-service';
import { PulseAndDigestData } from '../../src/privacy/pulse-and-digest-data';
import { CosmosActivityClaims } from '../../src/storage/activity-claims';
import { CosmosAggregateStore } from '../../src/storage/aggregate-store';
import { CosmosAnswerStore } from '../../src/storage/answer-store';
import { CosmosAuditStore } from '../../src/storage/audit-store';
import { CosmosDigestStore } from '../../src/storage/digest-store';
import { CosmosExportConsents } from '../../src/storage/export-consents';
import { CosmosSessionStore } from '../../src/storage/session-store';
import type { AnswerStore, SessionStore } from '../../src/storage/ports';
import type { Speaker } from '../../src/strategy/turn-unit';
import { cardsOf, cardText, startTestBot, TENANT, type TestBot, type TestUser } from '../support/bot-harness';
import { answerCurrentCard } from '../support/card-driver';

/**
 * PrivacyService called directly with plain inputs (a speaker, the session, the confirm card's value), against real
 * Cosmos: "my data" shows what the bot shows, the export comes as a consent card or as text, and "delete my data"
 * needs its one-time token, erases once and answers a redelivery the same way.
 */
const pack = loadContentPack();
const index = new ContentIndex(pack);
const clock = () => new Date();
let bot: TestBot;
let service: PrivacyService;
let answers: AnswerStore;
let sessions: SessionStore;

beforeAll(async () => {
  bot = await startTestBot();
  const { users, tenants } = bot.containers;
  answers = new CosmosAnswerStore(users);
  sessions = new CosmosSessionStore(users);
  const pulseAndDigestData = new PulseAndDigestData(
    bot.app.pulses.stores.pulses,
    bot.app.pulses.stores.responses,
    new CosmosDigestStore(tenants),
  );
  service = new PrivacyService({
    pack,
    index,
    cards: new CardRenderer(),
    answers,
    pulseAndDigestData,
    erasure: new EraseService({
      index,
      sessions,
      aggregates: new CosmosAggregateStore(bot.containers.aggregates),
      pulseAndDigestData,
      claims: new CosmosActivityClaims(tenants),
      audit: new AuditTrail(new CosmosAuditStore(bot.containers.audit), silentLogger, clock),
      logger: silentLogger,
      clock,
    }),
    exports: new ExportService({
      pack,
      answers,
      pulseAndDigestData,
      consents: new CosmosExportConsents(tenants),
      uploader: new HttpFileUploader(),
      mode: 'local',
      clock,
    }),
  });
}, 60_000);

afterAll(() => bot?.close());

const speakerOf = (user: TestUser): Speaker => ({ tenantId: TENANT, userId: user.aadObjectId, role: 'employee' });
const load = (user: TestUser) => sessions.load(TENANT, user.aadObjectId, user.conversationId, true);
const isCard = (reply: Reply) => typeof reply === 'object' && 'contentType' in reply;

/** A person who answered the first question (a rating) through the bot. */
async function answered(): Promise<TestUser> {
  const user = bot.user();
  await answerCurrentCard(user, await user.say('start'), '4');
  return user;
}

describe('PrivacyService, called directly', () => {
  it('shows the same "my data" card as the bot, from the stored answers', async () => {
    const user = await answered();
    const byBot = cardsOf(await user.say('my data')).map(cardText);
    const direct = await service.myData(speakerOf(user));
    expect(direct).toHaveLength(1);
    expect(direct.map((reply) => (isCard(reply) ? cardText((reply as { content: object }).content) : ''))).toEqual(
      byBot,
    );
    expect(byBot[0]).toMatch(/4/);
  });

  it('offers a file where the chat takes files, and the JSON as text elsewhere', async () => {
    const user = await answered();
    const place = { conversationId: user.conversationId, timeZone: 'Europe/Berlin' };
    const offered = await service.exportData(speakerOf(user), { ...place, takesFiles: true });
    expect(offered).toEqual([{ attachments: [expect.objectContaining({ contentType: FILE_CONSENT_CARD })] }]);
    const asText = await service.exportData(speakerOf(user), { ...place, takesFiles: false });
    expect(asText).toEqual([{ text: expect.stringMatching(/^Your data:\n\n```json\n/) }]);
    expect(JSON.stringify(asText)).toContain('bi-industry-impact');
  });

  it('deletes nothing without the one-time token, or when the person says no', async () => {
    const user = await answered();
    const session = await load(user);
    expect(session.doc.deleteToken).toBeUndefined();
    expect(service.askToDelete(session).filter(isCard)).toHaveLength(1);
    const token = session.doc.deleteToken;
    expect(token).toEqual(expect.any(String));

    const forged = await service.confirmDelete(speakerOf(user), session, { token: 'forged', confirm: true }, undefined);
    expect(forged).toEqual({ replies: [expect.stringMatching(/expired, so nothing was deleted/)], sessionGone: false });
    const declined = await service.confirmDelete(speakerOf(user), session, { token, confirm: false }, undefined);
    expect(declined).toEqual({ replies: ['Nothing was deleted. Your answers are still here.'], sessionGone: false });
    expect(session.doc.deleteToken).toBeUndefined();
    expect(await answers.listForUser(TENANT, user.aadObjectId)).toHaveLength(1);
  });

  it('erases with the token, and answers a redelivered confirmation the same way without erasing again', async () => {
    const user = await answered();
    const session = await load(user);
    service.askToDelete(session);
    const confirm = { token: session.doc.deleteToken, confirm: true };
    const request = [user.conversationId, 'confirm-1'];
    const done = await service.confirmDelete(speakerOf(user), session, confirm, request);
    expect(done).toEqual({ replies: [expect.stringMatching(/^Done\. I deleted 1 answer,/)], sessionGone: true });
    expect(await answers.listForUser(TENANT, user.aadObjectId)).toEqual([]);

    const again = await service.confirmDelete(speakerOf(user), await load(user), confirm, request);
    expect(again).toEqual(done);
  });
});
