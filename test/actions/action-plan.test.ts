import { cardsOf, cardText, startTestBot, submitData, TENANT, type TestBot } from '../support/bot-harness';
import { FakeTeamsService } from '../../scripts/bench/fake-teams-service';
import { pressedValue } from '../../scripts/bench/press-button';
import { validateCard } from '../cards/validate-card';
import { answersFor, CHANNEL_ID, inChannel, pulseCardOf, saidIn, startPulse, TEAM_ID } from '../pulse/pulse-chat';
import { actionPlansLine } from '../../src/actions/action-digest';
import { jsonLogger } from '../../src/logging/logger';
import { ActionPlanData, FORMER_OWNER } from '../../src/privacy/action-plan-data';
import { CosmosActionStore } from '../../src/storage/action-store';
import { actionDocId, type ActionDoc } from '../../src/domain/action-docs';

jest.setTimeout(120_000);

// Wednesday 21 October 2026, 10:00 in Berlin.
let now = Date.parse('2026-10-21T08:00:00Z');
const BERLIN = 'Europe/Berlin';
/** Member 5 of the fake team is a manager (MANAGER_IDS), not the pulse's sender. */
const MANAGER = '00000000-0000-4000-8000-000000000005';
const logLines: string[] = [];
let service: FakeTeamsService;
let bot: TestBot;

beforeAll(async () => {
  service = await FakeTeamsService.start(8);
  bot = await startTestBot({
    clock: () => new Date(now),
    env: { PULSE_POLICY: 'anyone', MANAGER_IDS: MANAGER },
    logger: jsonLogger((line) => logLines.push(line)),
  });
});
afterAll(async () => {
  await bot?.close();
  await service?.close();
});

const member = (index: number) => bot.user(service.members[index].aadObjectId, service.members[index].name);
const sender = () => member(0);
const say = (index: number, value: unknown) =>
  inChannel(member(index), service, {
    value,
    localTimezone: BERLIN,
    channelData: { tenant: { id: TENANT }, team: { id: TEAM_ID, name: 'Sales' } },
  });

async function query(container: 'pulses' | 'audit', sql: string): Promise<Record<string, unknown>[]> {
  const { resources } = await bot.containers[container].items
    .query({ query: sql, parameters: [{ name: '@t', value: TENANT }] })
    .fetchAll();
  return resources as Record<string, unknown>[];
}
const actionDocs = () => query('pulses', 'SELECT * FROM c WHERE c.tenantId = @t AND c.type = "action"');

/** The last card the member got in their 1:1 chat through the fake service. */
const ownerCard = (index: number) => pulseCardOf(service, service.members[index].id);

let pulseId = '';
let planCard: unknown;

/** The plan card's submit as Teams sends it: the people picker's value is the picked person's Entra object id. */
function planSubmit(fields: Record<string, string>): Record<string, unknown> {
  return {
    ...submitData(planCard as Record<string, unknown>, 'Plan the action'),
    what: 'Hold a fortnightly AI show-and-tell',
    owner: service.members[2].aadObjectId,
    dueDate: '2026-10-27',
    questionIds: 'lb-commitment',
    ...fields,
  };
}

describe('action plans (real bot over HTTP, embedded Cosmos, FAKE Teams channel service, injected clock)', () => {
  it("offers Plan an action on a closed pulse's results to its sender; refuses others and forged pulses", async () => {
    expect(saidIn(await startPulse(sender(), service, { deadlineDate: '2026-10-22' }))).toMatch(/on its way/);
    await bot.app.pulses.jobs.idle();
    const [pulse] = await query('pulses', 'SELECT * FROM c WHERE c.tenantId = @t AND c.type = "pulse"');
    pulseId = String(pulse.pulseId);
    for (let index = 1; index <= 5; index++)
      await member(index).submit(answersFor(pulseCardOf(service, service.members[index].id), '2'));
    const results = cardsOf(await say(0, { sg: 'pulse', action: 'close', pulseId })).at(-1);
    expect(cardText(results)).toContain('Pulse results');
    const plan = pressedValue(results, 'Plan an action', {});

    expect(saidIn(await say(3, plan))).toContain('Actions are planned by the person who started the pulse');
    expect(saidIn(await say(0, { ...plan, pulseId: 'f'.repeat(32) }))).toContain("I don't recognise that pulse");
    expect(saidIn(await say(0, { ...plan, pulseId: '../x' }))).toContain("I don't recognise that pulse");

    expect(service.members[5].aadObjectId).toBe(MANAGER);
    expect(cardText(cardsOf(await say(5, plan)).at(-1))).toContain('Plan an action: Leadership support');
    // From another team's channel the same button is refused.
    const elsewhere = await inChannel(member(0), service, {
      value: plan,
      channelData: { tenant: { id: TENANT }, team: { id: '19:other@thread.tacv2' } },
    });
    expect(saidIn(elsewhere)).toContain("I don't recognise that pulse");
    planCard = cardsOf(await say(0, plan)).at(-1);
    expect(validateCard(planCard)).toEqual([]);
    const json = JSON.stringify(planCard);
    expect(json).toContain(
      '"choices.data":{"type":"Data.Query","dataset":"graph.microsoft.com/users?scope=currentContext"}',
    );
    expect(json).toContain('"min":"2026-10-22"');
    expect(json).toContain('"maxLength":300');
    expect(pulse.questions).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'lb-commitment' })]));
  });

  it('refuses bad and forged input with a kind message on the card, storing nothing', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ what: '   ' }, 'Say what will be done'],
      [{ what: '\u200b\u2060\ufeff \u3164' }, 'Say what will be done'],
      [{ what: 'x'.repeat(301) }, 'Keep what will be done to 300 characters'],
      [{ owner: 'not an id!' }, 'Pick the person who owns this action'],
      [{ owner: 'aaaaaaaa-0000-4000-8000-000000000999' }, 'The owner must be someone in this team'],
      [{ dueDate: '2026-10-21' }, 'Pick a due date after today'],
      [{ dueDate: '2027-10-22' }, 'Pick a due date within a year'],
      [{ dueDate: '2026-02-30' }, 'Pick a due date.'],
      [{ questionIds: 'not-asked' }, 'Pick the questions of this pulse'],
      [{ questionIds: '' }, 'Pick the questions of this pulse'],
    ];
    for (const [fields, message] of cases) {
      const reply = cardsOf(await say(0, planSubmit(fields))).at(-1);
      expect(cardText(reply)).toContain(message);
      expect(validateCard(reply)).toEqual([]);
    }
    expect(saidIn(await say(0, { ...planSubmit({}), token: 'forged' }))).toContain("I don't recognise that pulse");
    expect(saidIn(await say(4, planSubmit({})))).toContain('Actions are planned by the person who started');
    // Teams failing to give the roster is said plainly, not as a general error.
    service.fault = ({ kind }) => (kind === 'roster' ? { status: 500 } : undefined);
    expect(saidIn(await say(0, planSubmit({})))).toContain("I couldn't reach Teams just now");
    service.fault = () => undefined;
    expect(await actionDocs()).toEqual([]);
  });

  it("plans once per card, audits without the text, and sends it to the owner's 1:1 chat", async () => {
    const planned = await say(0, planSubmit({}));
    expect(saidIn(planned)).toContain('Planned: Member 2 owns it, due Tue 27 Oct 2026. They have it in their chat');
    expect(saidIn(await say(0, planSubmit({})))).toContain('already been planned');
    const docs = await actionDocs();
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({
      pulseId,
      ownerId: service.members[2].aadObjectId,
      ownerName: 'Member 2',
      status: 'open',
      dueDate: '2026-10-27',
      source: { kind: 'pulse', pulseId, questionIds: ['lb-commitment'] },
      // The working day before, 09:00 in Berlin (winter time by then).
      remindAt: '2026-10-26T08:00:00.000Z',
    });
    const card = ownerCard(2);
    expect(validateCard(card)).toEqual([]);
    expect(cardText(card)).toContain('Hold a fortnightly AI show-and-tell');
    const audit = await query('audit', 'SELECT * FROM c WHERE c.tenantId = @t AND c.action = "action.planned"');
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain('show-and-tell');
  });

  it('lets only the owner (or the creator) update it or mark it done', async () => {
    const card = ownerCard(2);
    const done = submitData(card as Record<string, unknown>, 'Mark done');
    const outsider = await bot.user(service.members[3].aadObjectId, 'Member 3').submit(done);
    expect(saidIn(outsider)).toContain('Only the owner of this action, or the person who planned it');
    expect((await actionDocs())[0]).toMatchObject({ status: 'open' });
    const owner = bot.user(service.members[2].aadObjectId, 'Member 2');
    const update = submitData(card as Record<string, unknown>, 'Update');
    expect(saidIn(await owner.submit({ ...update, dueDate: '2020-01-01' }))).toContain('Pick a due date after today');
    expect(saidIn(await owner.submit({ ...update, note: 'x'.repeat(301) }))).toContain('Keep the note to 300');
    expect(saidIn(await owner.submit(update))).toContain('Pick a new due date or write a note');
    expect(saidIn(await owner.submit({ ...update, note: '\u200b\u200d' }))).toContain(
      'Pick a new due date or write a note',
    );
    expect(saidIn(await owner.submit({ ...update, dueDate: '2026-10-27' }))).toContain('the due date it has already');
    const updated = await owner.submit({ ...update, dueDate: '2026-10-30', note: 'First session booked' });
    expect(saidIn(updated)).toContain('Updated: due Fri 30 Oct 2026.');
    expect((await actionDocs())[0]).toMatchObject({ dueDate: '2026-10-30', remindAt: '2026-10-29T08:00:00.000Z' });
    expect(saidIn(await owner.submit(done))).toContain('Marked done');
    expect(saidIn(await owner.submit(done))).toContain('already done');
    expect((await actionDocs())[0]).toMatchObject({ status: 'done' });
  });

  it('reminds the owner once, the working day before it is due, in working hours, and not once it is done', async () => {
    const owner = bot.user(service.members[2].aadObjectId, 'Member 2');
    const planned = await say(0, {
      ...planSubmit({ what: 'Pair up on one AI pilot', dueDate: '2026-11-02' }),
      token: 'a'.repeat(32),
    });
    expect(saidIn(planned)).toContain('due Mon 2 Nov 2026');
    const pilot = async () => (await actionDocs()).find((doc) => doc.what === 'Pair up on one AI pilot');
    // Monday's action is reminded on Friday 30 October at 09:00 Berlin time (08:00Z, winter time).
    expect(await pilot()).toMatchObject({ remindAt: '2026-10-30T08:00:00.000Z' });
    const reminders = () =>
      service
        .of('send')
        .filter((request) => request.conversationId === `a:1on1|${service.members[2].id}`)
        .filter((request) => JSON.stringify(request.body).includes('Reminder: an action is due soon'));
    const tickTwice = async () => {
      const other = await bot.secondInstance();
      await Promise.all([bot.app.actions.reminders.tick(), other.actions.reminders.tick()]);
      await other.close();
    };
    now = Date.parse('2026-10-30T07:59:00Z');
    await tickTwice();
    expect(reminders()).toHaveLength(0);
    now = Date.parse('2026-10-30T08:00:30Z');
    await tickTwice();
    await tickTwice();
    expect(reminders()).toHaveLength(1);
    expect(validateCard((reminders()[0].body?.attachments as { content: unknown }[])[0].content)).toEqual([]);
    // The action marked done (its reminder was due 29 October) got none.
    expect(reminders().some((request) => JSON.stringify(request.body).includes('show-and-tell'))).toBe(false);

    // A new due date moves the reminder; Saturday is not working time, so nothing goes out until Monday 09:00.
    const card = ownerCard(2);
    await owner.submit({ ...submitData(card as Record<string, unknown>, 'Update'), dueDate: '2026-11-10' });
    expect(await pilot()).toMatchObject({ remindAt: '2026-11-09T08:00:00.000Z' });
    now = Date.parse('2026-11-07T10:00:00Z');
    await tickTwice();
    expect(reminders()).toHaveLength(1);
    // 17:10 in Berlin: after working hours.
    now = Date.parse('2026-11-09T16:10:00Z');
    await tickTwice();
    expect(reminders()).toHaveLength(1);
    now = Date.parse('2026-11-10T08:30:00Z');
    await tickTwice();
    expect(reminders()).toHaveLength(2);
    now = Date.parse('2026-11-10T08:45:00Z');
    await tickTwice();
    expect(reminders()).toHaveLength(2);

    // A reminder found only after the due day (the bot was down) is dropped, not sent late.
    await owner.submit({ ...submitData(card as Record<string, unknown>, 'Update'), dueDate: '2026-11-13' });
    now = Date.parse('2026-11-14T09:00:00Z');
    await tickTwice();
    expect(reminders()).toHaveLength(2);
    expect(await pilot()).toMatchObject({ remindedAt: expect.any(String) });
  });

  it("lists the team's actions on its results card, owner's name included", async () => {
    const results = cardsOf(await say(0, { sg: 'pulse', action: 'close', pulseId })).at(-1);
    expect(validateCard(results)).toEqual([]);
    expect(cardText(results)).toContain('Actions (1 open, 1 done)');
    expect(cardText(results)).toContain('✓ Hold a fortnightly AI show-and-tell — Member 2, was due Fri 30 Oct 2026');
    expect(cardText(results)).toContain('○ Pair up on one AI pilot — Member 2, due Fri 13 Nov 2026');
    expect(service.of('send').some((request) => request.conversationId === CHANNEL_ID)).toBe(true);
    // What people typed never reaches the logs; the events do.
    expect(logLines.some((line) => line.includes('"event":"action.planned"'))).toBe(true);
    expect(logLines.filter((line) => /show-and-tell|AI pilot|First session booked/.test(line))).toEqual([]);
    // The leader digest's line: counts per team, no owner and no text.
    expect(await actionPlansLine(bot.app.actions.store, TENANT)).toBe('Actions: Sales 1 open, 1 done');
  });

  it('on "delete my data" keeps the team’s plans without the owner: no name, no reminder, their notes gone', async () => {
    const ownerId = service.members[2].aadObjectId.toLowerCase();
    const data = new ActionPlanData(new CosmosActionStore(bot.containers.pulses));
    expect((await data.export(TENANT, ownerId)).map((action) => [action.what, action.role]).sort()).toEqual([
      ['Hold a fortnightly AI show-and-tell', 'owner'],
      ['Pair up on one AI pilot', 'owner'],
    ]);
    const owner = member(2);
    const confirm = cardsOf(await owner.say('delete my data')).at(-1);
    await owner.submit(submitData(confirm ?? {}, 'Yes, delete everything'));
    const docs = await actionDocs();
    expect(docs).toHaveLength(2);
    for (const doc of docs) {
      expect(doc).toMatchObject({ ownerId: '', ownerName: FORMER_OWNER, memberId: '' });
      expect(doc.remindAt).toBeUndefined();
      expect(JSON.stringify(doc)).not.toContain(ownerId);
      expect(JSON.stringify(doc)).not.toContain('Member 2');
      expect(JSON.stringify(doc)).not.toContain('First session booked');
    }
    expect(await data.export(TENANT, ownerId)).toEqual([]);
    const results = cardsOf(await say(0, { sg: 'pulse', action: 'close', pulseId })).at(-1);
    expect(cardText(results)).toContain(`Pair up on one AI pilot — ${FORMER_OWNER}`);
  });

  it('allows a pulse 20 open actions at a time, however many are done', async () => {
    const store = new CosmosActionStore(bot.containers.pulses);
    const docs = (await actionDocs()) as unknown as ActionDoc[];
    const template = docs.find((doc) => doc.status === 'done') ?? docs[0];
    const openCount = docs.filter((doc) => doc.status === 'open').length;
    for (let i = openCount; i < 20; i++) {
      const actionId = `${String(i).padStart(2, '0')}${'e'.repeat(30)}`;
      await store.createAction({ ...template, id: actionDocId(pulseId, actionId), actionId, status: 'open' });
    }
    const dueDate = new Date(now + 7 * 86_400_000).toISOString().slice(0, 10);
    const submit = planSubmit({ token: 'f'.repeat(32), owner: service.members[3].aadObjectId, dueDate });
    expect(saidIn(await say(0, submit))).toContain('This pulse has 20 open actions already: mark some done first.');
    const first = await store.readAction(TENANT, pulseId, `19${'e'.repeat(30)}`);
    await store.replaceAction({ ...first!.doc, status: 'done' }, first!.etag);
    expect(saidIn(await say(0, submit))).toContain('Planned: Member 3 owns it');
  });

  it("takes an owner's new due date as after today in the action's zone (its planner's), as its reminder does", async () => {
    // 23:30 UTC: already Saturday 21 November in Berlin, where the action was planned; still Friday the 20th in Honolulu.
    now = Date.parse('2026-11-20T23:30:00Z');
    const owner = bot.user(service.members[3].aadObjectId, 'Member 3');
    const update = submitData(ownerCard(3) as Record<string, unknown>, 'Update');
    const fromHonolulu = (dueDate: string) =>
      owner.post({ type: 'message', value: { ...update, dueDate }, localTimezone: 'Pacific/Honolulu' });
    expect(saidIn(await fromHonolulu('2026-11-21'))).toContain('Pick a due date after today');
    expect(saidIn(await fromHonolulu('2026-11-22'))).toContain('Updated: due Sun 22 Nov 2026.');
  });
});
