import { AuditTrail } from '../../src/audit/audit-trail';
import { CardRenderer } from '../../src/cards/card-renderer';
import type { Reply } from '../../src/cards/reply';
import { ContentIndex } from '../../src/content/content-index';
import { loadContentPack } from '../../src/content/load-content-pack';
import { silentLogger } from '../../src/logging/logger';
import { EraseService } from '../../src/privacy/erase-service';
import { EXPORT_ONLY_IN_PERSONAL_CHAT, FILE_CONSENT_CARD } from '../../src/privacy/export-replies';
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
import type { Person } from '../../src/domain/person';
import { cardText, startTestBot, TENANT, type TestBot, type TestUser } from '../support/bot-harness';
import { answerCurrentCard } from '../support/card-driver';

/**
 * PrivacyService called directly with plain inputs (a speaker, the session, the confirm card's value), against real
 * Cosmos: "my data" shows the stored answers, the export comes as a consent card or as text, and "delete my data"
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

const speakerOf = (user: TestUser): Person => ({ tenantId: TENANT, userId: user.aadObjectId, role: 'employee' });
const load = (user: TestUser) => sessions.load(TENANT, user.aadObjectId, user.conversationId, true);
const isCard = (reply: Reply) => typeof reply === 'object' && 'contentType' in reply;

const RATING = 'bi-industry-impact';
type Json = Record<string, unknown>;

/** Every node of a card, depth first. */
function nodesOf(node: unknown): Json[] {
  if (Array.isArray(node)) return node.flatMap(nodesOf);
  if (typeof node !== 'object' || node === null) return [];
  return [node as Json, ...Object.values(node).flatMap(nodesOf)];
}

/** The card's facts, title to value. */
const factsOf = (card: Json): Record<string, unknown> =>
  Object.fromEntries(
    nodesOf(card)
      .filter((node) => node.type === 'FactSet')
      .flatMap((node) => (node.facts as { title: string; value: string }[]).map((f) => [f.title, f.value])),
  );

/** The answer shown in the row of the question with this text (the container that starts with it). */
function rowOf(card: Json, questionText: string): string | undefined {
  const row = nodesOf(card).find(
    (node) => node.type === 'Container' && (node.items as Json[] | undefined)?.[0]?.text === questionText,
  );
  return cardText((row?.items as Json[] | undefined)?.slice(1));
}

/** A person who answered the first question (a rating) through the bot. */
async function answered(): Promise<TestUser> {
  const user = bot.user();
  await answerCurrentCard(user, await user.say('start full'), '4');
  return user;
}

describe('PrivacyService, called directly', () => {
  it('shows the stored answers on the "my data" card: the rating question’s own row holds its value', async () => {
    const user = await answered();
    const stored = await answers.listForUser(TENANT, user.aadObjectId);
    expect(stored.map(({ questionId, value }) => ({ questionId, value }))).toEqual([
      { questionId: RATING, value: { kind: 'rating', value: 4 } },
    ]);
    const direct = await service.myData(speakerOf(user));
    expect(direct).toHaveLength(1);
    const card = (direct[0] as { content: Json }).content;
    expect(factsOf(card)).toMatchObject({ Answers: String(stored.length) });
    expect(rowOf(card, index.find(RATING)!.question.text)).toBe('4 – To a large extent');
  });

  it('offers a file where the chat takes files, and the JSON as text elsewhere', async () => {
    const user = await answered();
    const place = { conversationId: user.conversationId, personal: true, timeZone: 'Europe/Berlin' };
    const offered = await service.exportData(speakerOf(user), { ...place, takesFiles: true });
    expect(offered).toEqual([{ attachments: [expect.objectContaining({ contentType: FILE_CONSENT_CARD })] }]);
    const asText = await service.exportData(speakerOf(user), { ...place, takesFiles: false });
    expect(asText).toEqual([{ text: expect.stringMatching(/^Your data:\n\n```json\n/) }]);
    expect(JSON.stringify(asText)).toContain('bi-industry-impact');
  });

  it('sends no export outside a 1:1 chat, wherever files would be taken, and points to the 1:1 chat', async () => {
    const user = await answered();
    for (const takesFiles of [true, false]) {
      const place = { conversationId: '19:team-channel@thread.tacv2', personal: false, takesFiles };
      expect(await service.exportData(speakerOf(user), place)).toEqual([EXPORT_ONLY_IN_PERSONAL_CHAT]);
    }
    expect(EXPORT_ONLY_IN_PERSONAL_CHAT).toMatch(/only send it in our 1:1 chat/);
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

  it('refuses, as a programming error, a confirmation whose session belongs to someone else than the speaker', async () => {
    const owner = await answered();
    const other = await answered();
    const session = await load(owner);
    service.askToDelete(session);
    const confirm = { token: session.doc.deleteToken, confirm: true };
    await expect(service.confirmDelete(speakerOf(other), session, confirm, undefined)).rejects.toThrow(
      /programming error/,
    );
    expect(await answers.listForUser(TENANT, owner.aadObjectId)).toHaveLength(1);
    expect(await answers.listForUser(TENANT, other.aadObjectId)).toHaveLength(1);
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
