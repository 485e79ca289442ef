import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { total } from '../../src/aggregation/contributions';
import { startApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { silentLogger } from '../../src/logging/logger';
import { answerId, sessionId } from '../../src/storage/user-docs';
import {
  cardsOf,
  startTestBot,
  submitData,
  textsOf,
  TestUser,
  type TestBot,
  type TurnReply,
  TENANT,
} from '../support/bot-harness';
import { progressOf } from '../support/card-driver';

const database = `delivery-${randomUUID().slice(0, 8)}`;
const leaderId = randomUUID();
let bot: TestBot;
let blockedConnector: Server;
let blockedConnectorUrl: string;

beforeAll(async () => {
  bot = await startTestBot({ database, env: { LEADER_IDS: leaderId } });
  // A stand-in for a Teams connector that refuses the reply (the user blocked the bot).
  blockedConnector = createServer((req, res) => {
    req.resume();
    res.writeHead(403, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { code: 'MessageWritesBlocked', message: 'blocked' } }));
  });
  await new Promise<void>((resolve) => blockedConnector.listen(0, '127.0.0.1', () => resolve()));
  blockedConnectorUrl = `http://127.0.0.1:${(blockedConnector.address() as AddressInfo).port}/`;
}, 60_000);

afterAll(async () => {
  await bot.close();
  await new Promise<void>((resolve) => blockedConnector.close(() => resolve()));
});

function next(reply: TurnReply, answer: string): Record<string, unknown> {
  const card = cardsOf(reply).at(-1);
  if (!card) throw new Error(`no card: ${textsOf(reply).join(' | ')}`);
  return { ...submitData(card, 'Next'), answer };
}

async function counters(questionId: string): Promise<Record<string, number>> {
  const { resource } = await bot.containers.aggregates.item(`aggregate|${questionId}`, [TENANT, questionId]).read();
  return (resource?.counters ?? {}) as Record<string, number>;
}

/** The counters that differ between two reads, by how much. */
function changed(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return Object.fromEntries(
    [...names]
      .map((name) => [name, (after[name] ?? 0) - (before[name] ?? 0)] as const)
      .filter(([, amount]) => amount !== 0),
  );
}

async function stored(userId: string, questionId: string): Promise<unknown> {
  const { resource } = await bot.containers.users.item(answerId(userId, questionId), [TENANT, userId]).read();
  return resource?.value;
}

describe('delivery, redelivery and identity edge cases', () => {
  it('counts a stored answer even when the reply cannot be delivered (fake Teams connector answering 403)', async () => {
    const user = bot.user();
    const first = await user.say('start full');
    const before = total(await counters('bi-industry-impact'), 'n');
    const reply = await user.post({
      type: 'message',
      value: next(first, '4'),
      deliveryMode: undefined,
      serviceUrl: blockedConnectorUrl,
    });
    expect(reply.status).toBe(200);
    expect(await stored(user.aadObjectId, 'bi-industry-impact')).toEqual({ kind: 'rating', value: 4 });
    expect(total(await counters('bi-industry-impact'), 'n')).toBe(before + 1);
  });

  it('ignores a redelivered typed answer instead of also answering the next question', async () => {
    const user = bot.user();
    let reply = await user.say('start full');
    reply = await user.submit(next(reply, '3'));
    reply = await user.submit(next(reply, 'New services'));
    reply = await user.submit(next(reply, '3'));
    expect(progressOf(cardsOf(reply).at(-1))).toBe('Business impact · 4 of 12');
    const typed = { type: 'message', id: `teams-${randomUUID()}`, text: 'We will retrain our claims staff' };
    expect(cardsOf(await user.post(typed))).toHaveLength(1);
    expect((await user.post(typed)).activities).toHaveLength(0);
    expect(await stored(user.aadObjectId, 'bi-employee-changes')).toEqual({ kind: 'text', text: typed.text });
    expect(await stored(user.aadObjectId, 'bi-customer-changes')).toBeUndefined();
  });

  it('starts a second conversation of the same person from their stored answers, counting nothing twice', async () => {
    const user = bot.user();
    // The path chosen here is the person's, so the other conversation walks it too.
    await user.submit(next(await user.say('start full'), '4'));
    const elsewhere = {
      id: `a:other-${user.aadObjectId}`,
      conversationType: 'personal',
      tenantId: TENANT,
      isGroup: false,
      name: '',
    };
    let other = await user.post({ type: 'message', text: 'resume', conversation: elsewhere });
    expect(progressOf(cardsOf(other).at(-1))).toBe('Business impact · 2 of 12');
    other = await user.post({ type: 'message', text: 'back', conversation: elsewhere });
    const before = await counters('bi-industry-impact');
    await user.post({ type: 'message', value: next(other, '2'), conversation: elsewhere });
    const after = await counters('bi-industry-impact');
    expect(total(after, 'n')).toBe(total(before, 'n'));
    expect(total(after, 'rating:2') - total(before, 'rating:2')).toBe(1);
    expect(total(after, 'rating:4') - total(before, 'rating:4')).toBe(-1);
  });

  it('does not write the session for a turn that changes nothing', async () => {
    const user = bot.user();
    await user.say('help');
    const id = sessionId(user.aadObjectId, user.conversationId);
    const first = await bot.containers.users.item(id, [TENANT, user.aadObjectId]).read();
    await user.say('help');
    const second = await bot.containers.users.item(id, [TENANT, user.aadObjectId]).read();
    expect(second.etag).toBe(first.etag);
  });

  it('carries on kindly on another instance after the user deleted their data through the first', async () => {
    const other = await bot.secondInstance();
    const onA = bot.user();
    const onB = bot.user(onA.aadObjectId, onA.name, other);
    await onB.submit(next(await onB.say('start'), '4'));
    let reply = await onA.say('delete my data');
    reply = await onA.submit(submitData(cardsOf(reply).at(-1)!, 'Yes, delete everything'));
    expect(textsOf(reply).join(' ')).toMatch(/deleted 1 answer/);
    const after = await onB.say('help');
    expect(after.status).toBe(200);
    expect(textsOf(after).join(' ')).not.toMatch(/something went wrong/i);
  });

  it("takes an edited answer out of the group it was counted in after the person's role changed", async () => {
    const before = await counters('bi-industry-impact');
    const leader = bot.user(leaderId);
    await leader.submit(next(await leader.say('start'), '4'));
    expect(changed(before, await counters('bi-industry-impact'))).toEqual({
      'leader:people': 1,
      'leader:onPath:full': 1,
      'leader:n': 1,
      'leader:rating:4': 1,
      'leader:rating:sum': 4,
      'leader:rating:rated': 1,
    });
    const asEmployee = await startApp({
      config: loadConfig({ PORT: '0', COSMOS_DATABASE: database }, 'local'),
      cosmos: bot.cosmos,
      logger: silentLogger,
    });
    try {
      const employee = new TestUser(() => asEmployee.url, leaderId, leader.name);
      const reply = await employee.say('back');
      await employee.submit(next(reply, '5'));
    } finally {
      await asEmployee.close();
    }
    // The leader's 4 and the person are gone from the leaders' counters, to the exact count; the 5 is an employee's.
    // The path recorded with the first answer stays: the person is still asked, and measured against, every question.
    const counted = await counters('bi-industry-impact');
    expect(changed(before, counted)).toEqual({
      'employee:people': 1,
      'employee:onPath:full': 1,
      'employee:n': 1,
      'employee:rating:5': 1,
      'employee:rating:sum': 5,
      'employee:rating:rated': 1,
    });
    expect(counted['leader:rating:4'] ?? 0).toBe(0);
    expect(counted['leader:people'] ?? 0).toBe(0);
  });

  it('closes an open question kindly after the organisation replaced the content pack', async () => {
    const pack = JSON.parse(readFileSync(path.resolve(__dirname, '../../dialogs/content/strategy-pack.json'), 'utf8'));
    const consideration = pack.sections[0].considerations[0];
    consideration.questions = consideration.questions.filter(
      (question: { id: string }) => question.id !== 'bi-industry-impact',
    );
    pack.version = '99.0.0';
    const packFile = path.join(mkdtempSync(path.join(tmpdir(), 'pack-')), 'replaced.json');
    writeFileSync(packFile, JSON.stringify(pack));

    const user = bot.user();
    const oldCard = cardsOf(await user.say('start full')).at(-1)!;
    const replaced = await startApp({
      config: loadConfig({ PORT: '0', COSMOS_DATABASE: database, CONTENT_PACK: packFile }, 'local'),
      cosmos: bot.cosmos,
      logger: silentLogger,
    });
    try {
      const same = new TestUser(() => replaced.url, user.aadObjectId, user.name);
      const submitted = await same.submit({ ...submitData(oldCard, 'Next'), answer: '4' });
      expect(textsOf(submitted).join(' ')).toMatch(/questions have been updated/);
      expect(await stored(user.aadObjectId, 'bi-industry-impact')).toBeUndefined();
      const resumed = await same.say('resume');
      expect(progressOf(cardsOf(resumed).at(-1))).toBe('Business impact · 1 of 11');
    } finally {
      await replaced.close();
    }
  });
});
