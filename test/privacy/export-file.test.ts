import { jsonLogger } from '../../src/logging/logger';
import { HttpFileUploader } from '../../src/privacy/file-uploader';
import { cardsOf, startTestBot, textsOf, type TestBot, type TestUser } from '../support/bot-harness';
import { answerCurrentCard } from '../support/card-driver';
import { startFakeConnector, type FakeConnector, type SentActivity } from '../support/fake-connector';
import { consentCardOf, consentInvoke, startFakeOneDrive, type FakeOneDrive } from '../support/fake-onedrive';
import type { UploadInfo } from '../../src/privacy/consent-answer';
import { inNormalMode } from '../support/normal-mode';
import { until } from '../support/wait';

jest.setTimeout(60_000);

const FILE_INFO = 'application/vnd.microsoft.teams.card.file.info';
const START = Date.parse('2026-12-07T09:30:00Z');

let now = START;
let bot: TestBot;
let connector: FakeConnector;
let oneDrive: FakeOneDrive;
/** Loopback too, but not one of the hosts local mode lets the bot upload to. */
let elsewhere: FakeOneDrive;
const logLines: string[] = [];

beforeAll(async () => {
  [connector, oneDrive, elsewhere] = await Promise.all([
    startFakeConnector(),
    startFakeOneDrive(),
    startFakeOneDrive('127.0.0.2'),
  ]);
  bot = await startTestBot({
    clock: () => new Date(now),
    fileUploader: new HttpFileUploader(1_500),
    logger: jsonLogger((line) => logLines.push(line)),
  });
});
afterAll(async () => {
  await bot?.close();
  await Promise.all([connector?.close(), oneDrive?.close(), elsewhere?.close()]);
});

/** A person who answered two questions, the second with `secret`. */
async function personWith(secret: string): Promise<TestUser> {
  const user = bot.user();
  const first = await answerCurrentCard(user, await user.say('start full'), '4');
  await answerCurrentCard(user, first, secret);
  return user;
}

/** `export` in the person's Teams 1:1 chat, in Teams' normal mode (replies through the FAKE connector). */
async function offer(user: TestUser) {
  const turn = await inNormalMode(connector, user, { text: 'export' });
  const card = consentCardOf(turn.delivered.map(({ activity }) => activity));
  if (!card) throw new Error('no consent card');
  return { turn, card, token: card.content.acceptContext.token };
}

/**
 * The person's answer to the consent card, as a Teams invoke: the HTTP status, and what the connector got once the
 * background work the invoke started (the upload and the reply) is done.
 */
async function answer(user: TestUser, action: 'accept' | 'decline', context: unknown, info?: UploadInfo, id?: string) {
  return invoke(user, { ...consentInvoke(action, context, info), ...(id ? { id } : {}) });
}

async function invoke(user: TestUser, fields: Record<string, unknown>) {
  const sentBefore = connector.sent.length;
  const turn = await inNormalMode(connector, user, fields);
  await bot.app.background.drain();
  const delivered = connector.sent.slice(sentBefore).filter((sent) => sent.conversationId === user.conversationId);
  const texts = delivered.map(({ activity }) => activity.text ?? '');
  return { ...turn, delivered, texts };
}

function fileCardsIn(delivered: SentActivity[]) {
  return delivered.flatMap(({ activity }) =>
    ((activity.attachments ?? []) as Array<Record<string, unknown>>).filter((a) => a.contentType === FILE_INFO),
  );
}

async function storedAnswers(user: TestUser) {
  const { resources } = await bot.containers.users.items
    .query({
      query: 'SELECT c.questionId, c["value"] FROM c WHERE c.type = "answer" AND c.userId = @u',
      parameters: [{ name: '@u', value: user.aadObjectId }],
    })
    .fetchAll();
  return resources as Array<{ questionId: string; value: unknown }>;
}

describe('export as a file in a Teams 1:1 chat (FAKE Teams connector, FAKE OneDrive upload server)', () => {
  it('offers a file consent card named for the day, with the size and only a one-time token in it', async () => {
    const secret = 'Secret-export-answer-41c2';
    const user = await personWith(secret);
    const { turn, card } = await offer(user);

    expect(turn.status).toBe(200);
    expect(turn.delivered).toHaveLength(1);
    expect(turn.delivered[0].activity.attachments).toHaveLength(1);
    expect(card.name).toBe('strategy-guide-export-2026-12-07.json');
    expect(card.content.sizeInBytes).toBeGreaterThan(secret.length);
    expect(Object.keys(card.content.acceptContext)).toEqual(['token']);
    expect(card.content.declineContext).toEqual(card.content.acceptContext);
    expect(card.content.acceptContext.token).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(JSON.stringify(turn.delivered)).not.toContain(secret);
    expect(JSON.stringify(card)).not.toContain(user.aadObjectId);

    // The stored consent holds hashes only: not the token, not the person.
    const { resources } = await bot.containers.tenants.items
      .query('SELECT * FROM c WHERE c.type = "export-consent"')
      .fetchAll();
    expect(resources.length).toBeGreaterThan(0);
    expect(JSON.stringify(resources)).not.toContain(card.content.acceptContext.token);
    expect(JSON.stringify(resources)).not.toContain(user.aadObjectId);
  });

  it('on Allow uploads exactly this person’s export, whole, with Content-Range, then shares the file card', async () => {
    const secret = 'Secret-export-answer-9d0e';
    const user = await personWith(secret);
    await personWith('Someone-elses-answer-55aa');
    const { card, token } = await offer(user);
    const info = oneDrive.uploadInfo(card.name);
    const before = oneDrive.uploads().length;

    const accepted = await answer(user, 'accept', { token }, info);

    expect(accepted.status).toBe(200);
    const uploads = oneDrive.uploads().slice(before);
    expect(uploads).toHaveLength(1);
    const [upload] = uploads;
    expect(upload.path).toBe(new URL(info.uploadUrl).pathname + new URL(info.uploadUrl).search);
    const size = upload.body.length;
    expect(size).toBe(card.content.sizeInBytes);
    expect(upload.headers['content-range']).toBe(`bytes 0-${size - 1}/${size}`);
    expect(upload.headers['content-type']).toBe('application/json');
    expect(upload.headers.authorization).toBeUndefined();
    const exported = JSON.parse(upload.body.toString('utf8')) as {
      answers: Array<{ questionId: string; value: unknown }>;
      pulseResponses: unknown[];
    };
    const stored = await storedAnswers(user);
    expect(exported.answers.map(({ questionId, value }) => ({ questionId, value })).sort(byQuestion)).toEqual(
      stored.sort(byQuestion),
    );
    expect(upload.body.toString('utf8')).toContain(secret);
    expect(upload.body.toString('utf8')).not.toContain('Someone-elses-answer-55aa');
    expect(exported.pulseResponses).toEqual([]);

    const files = fileCardsIn(accepted.delivered);
    expect(files).toEqual([
      {
        contentType: FILE_INFO,
        name: info.name,
        contentUrl: info.contentUrl,
        content: { uniqueId: info.uniqueId, fileType: 'json' },
      },
    ]);
  });

  it('uploads nothing for a replayed, forged or someone else’s token, and answers kindly; a redelivery is silent', async () => {
    const owner = await personWith('Owner-answer-1f7b');
    const intruder = await personWith('Intruder-answer-0c3d');
    const { token } = await offer(owner);
    const before = oneDrive.uploads().length;

    const stolen = await answer(intruder, 'accept', { token }, oneDrive.uploadInfo());
    const forged = await answer(owner, 'accept', { token: 'A'.repeat(24) }, oneDrive.uploadInfo());
    const malformed = await answer(owner, 'accept', { token: '<script>' }, oneDrive.uploadInfo());
    const junk = await invoke(owner, { type: 'invoke', name: 'fileConsent/invoke', value: 'junk' });
    for (const refused of [stolen, forged, malformed, junk]) {
      expect(refused.status).toBe(200);
      expect(refused.texts.join(' ')).toMatch(/can't be used any more, so I sent nothing/);
      expect(fileCardsIn(refused.delivered)).toEqual([]);
    }
    expect(oneDrive.uploads()).toHaveLength(before);

    // The owner's card still works once, and only once.
    const invokeId = 'invoke-allow-7a1';
    const accepted = await answer(owner, 'accept', { token }, oneDrive.uploadInfo(), invokeId);
    expect(fileCardsIn(accepted.delivered)).toHaveLength(1);
    expect(oneDrive.uploads()).toHaveLength(before + 1);
    expect(oneDrive.uploads().at(-1)?.body.toString('utf8')).toContain('Owner-answer-1f7b');

    const redelivered = await answer(owner, 'accept', { token }, oneDrive.uploadInfo(), invokeId);
    expect(redelivered.status).toBe(200);
    expect(redelivered.delivered).toEqual([]);
    const replayed = await answer(owner, 'accept', { token }, oneDrive.uploadInfo());
    expect(replayed.texts.join(' ')).toMatch(/can't be used any more, so I sent nothing/);
    expect(oneDrive.uploads()).toHaveLength(before + 1);
  });

  it('never uploads to a host outside the allow-list, and the card stays usable', async () => {
    const user = await personWith('Allow-list-answer-2b8e');
    const { card, token } = await offer(user);
    const offList = elsewhere.uploadInfo(card.name);
    const mixed = { ...oneDrive.uploadInfo(card.name), uploadUrl: offList.uploadUrl };
    const before = oneDrive.received.length;

    const ownLink = oneDrive.uploadInfo(card.name);
    // Both allowed locally, but not one host: Teams never hands out such a pair.
    const splitHosts = { ...ownLink, contentUrl: ownLink.contentUrl.replace('127.0.0.1', 'localhost') };
    for (const info of [offList, mixed, { ...oneDrive.uploadInfo(), contentUrl: offList.contentUrl }, splitHosts]) {
      const refused = await answer(user, 'accept', { token }, info);
      expect(refused.status).toBe(200);
      expect(refused.texts.join(' ')).toMatch(/isn't a OneDrive location I can send your data to, so I sent nothing/);
    }
    expect(elsewhere.received).toEqual([]);
    expect(oneDrive.received).toHaveLength(before);

    const accepted = await answer(user, 'accept', { token }, oneDrive.uploadInfo(card.name));
    expect(fileCardsIn(accepted.delivered)).toHaveLength(1);
  });

  it('on Decline sends nothing and says so; the token is then used up', async () => {
    const user = await personWith('Decline-answer-6e4f');
    const { token } = await offer(user);
    const before = oneDrive.received.length;

    const declined = await answer(user, 'decline', { token });
    expect(declined.status).toBe(200);
    expect(declined.texts).toEqual(['No problem — I sent nothing. Type **export** whenever you want the file.']);
    const late = await answer(user, 'accept', { token }, oneDrive.uploadInfo());
    expect(late.texts.join(' ')).toMatch(/sent nothing/);
    expect(oneDrive.received).toHaveLength(before);
  });

  it('after an hour the card has expired: nothing is uploaded', async () => {
    const user = await personWith('Expired-answer-3a9c');
    const { token } = await offer(user);
    const before = oneDrive.received.length;
    now += 61 * 60 * 1000;
    try {
      const late = await answer(user, 'accept', { token }, oneDrive.uploadInfo());
      expect(late.texts).toEqual(['That export card has expired, so I sent nothing. Type **export** for a fresh one.']);
      expect(oneDrive.received).toHaveLength(before);
    } finally {
      now = START;
    }
  });

  it('when OneDrive refuses the upload or stalls, says so kindly, cancels the session and shares no file', async () => {
    const user = await personWith('Failure-answer-8b2d');
    for (const [fault, said] of [
      [{ status: 500 }, /OneDrive didn't take the file, so nothing was saved/],
      [{ stallMs: 10_000 }, /didn't confirm the file in time, so I stopped the upload/],
    ] as const) {
      const { token } = await offer(user);
      const info = oneDrive.uploadInfo();
      oneDrive.inject(fault);
      const failed = await answer(user, 'accept', { token }, info);
      expect(failed.status).toBe(200);
      expect(failed.texts.join(' ')).toMatch(said);
      expect(fileCardsIn(failed.delivered)).toEqual([]);
      const cancel = oneDrive.received.at(-1);
      expect(cancel?.method).toBe('DELETE');
      expect(cancel?.path).toBe(new URL(info.uploadUrl).pathname + new URL(info.uploadUrl).search);
    }
  });

  it('answers the invoke at once: the upload and the file card follow as background work', async () => {
    const user = await personWith('Background-answer-6a3c');
    const { card, token } = await offer(user);
    const info = oneDrive.uploadInfo(card.name);
    let release: () => void = () => undefined;
    oneDrive.inject({ heldUntil: new Promise<void>((resolve) => (release = resolve)) });
    const before = oneDrive.uploads().length;
    const sentBefore = connector.sent.length;

    // The fake OneDrive holds its answer to the PUT until released, and still the invoke is answered.
    const turn = await inNormalMode(connector, user, consentInvoke('accept', { token }, info));
    expect(turn.status).toBe(200);
    expect(bot.app.background.inFlight).toBe(1);
    const sentByNow = connector.sent.slice(sentBefore);
    expect(fileCardsIn(sentByNow)).toEqual([]);

    await until(() => oneDrive.uploads().length > before, 'the upload to reach the fake OneDrive');
    release();
    await bot.app.background.drain();
    const delivered = connector.sent.slice(sentBefore).filter((sent) => sent.conversationId === user.conversationId);
    expect(fileCardsIn(delivered).map((file) => file.name)).toEqual([info.name]);
  });

  it('logs neither the token, the upload URL nor any answer', () => {
    const all = logLines.join('\n');
    expect(all).toContain('"event":"export.consent"');
    expect(all).not.toMatch(/tempauth|secret-|Secret-export-answer|uploadSession/);
    const consents = logLines.filter((line) => line.includes('"event":"export.consent"'));
    expect(consents.every((line) => !/"token"/.test(line))).toBe(true);
  });
});

describe('export where a file cannot be sent', () => {
  it('in a group chat: not exported there; asks for the 1:1 chat', async () => {
    const secret = 'Group-chat-answer-4d1e';
    const user = await personWith(secret);
    const groupChat: Record<string, unknown> = {
      type: 'message',
      text: '<at>Strategy Guide</at> export',
      conversation: {
        id: '19:group-chat@thread.v2',
        conversationType: 'groupChat',
        isGroup: true,
        tenantId: user.tenantId,
      },
    };
    const reply = await user.post(groupChat);
    expect(textsOf(reply)).toEqual([
      'Your export holds your own answers, so I only send it in our 1:1 chat: open a chat with me and type **export** there.',
    ]);
    expect(consentCardOf(reply.activities)).toBeUndefined();
    expect(JSON.stringify(reply.activities)).not.toContain(secret);
  });

  it('in the Agents Playground (its connector cannot take a consent card) and outside Teams: the JSON as text', async () => {
    const secret = 'Playground-answer-7c5a';
    const user = await personWith(secret);
    const outsideFiles: Record<string, unknown>[] = [
      { serviceUrl: 'http://localhost:56150/_connector' },
      { channelId: 'webchat', conversation: { id: user.conversationId, tenantId: user.tenantId } },
    ];
    for (const fields of outsideFiles) {
      const reply = await user.post({ type: 'message', text: 'export', ...fields });
      expect(consentCardOf(reply.activities)).toBeUndefined();
      expect(cardsOf(reply)).toEqual([]);
      const text = textsOf(reply).join('\n');
      expect(text).toMatch(/^Your data:\n\n```json\n/);
      expect(text).toContain(secret);
    }
  });
});

function byQuestion(a: { questionId: string }, b: { questionId: string }): number {
  return a.questionId.localeCompare(b.questionId);
}
