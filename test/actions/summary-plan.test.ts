/**
 * Plan an action from a summary's recommendations: the organisation's (leaders, owner anyone Teams finds in the
 * tenant) and a team's (its managers or a leader, owner from the team's roster), through the real bot over HTTP.
 */
import {
  cardsOf,
  cardText,
  startTestBot,
  submitData,
  TENANT,
  type TestBot,
  type TestUser,
} from '../support/bot-harness';
import { FakeTeamsService } from '../../scripts/bench/fake-teams-service';
import { validateCard } from '../cards/validate-card';
import { hasButton } from '../support/card-driver';
import { inChannel, pulseCardOf, saidIn, TEAM_ID } from '../pulse/pulse-chat';
import { applyAsTurnsWould, ratingAnswers } from '../leadership/drive';
import { actionPlansLine } from '../../src/actions/action-digest';
import { ContentIndex } from '../../src/content/content-index';
import { loadContentPack } from '../../src/content/load-content-pack';
import { actionDocId, summaryPlanKey, type ActionDoc } from '../../src/domain/action-docs';
import { CosmosActionStore } from '../../src/storage/action-store';
import { ActionPlanData, FORMER_COLLEAGUE } from '../../src/privacy/action-plan-data';
import { CosmosAggregateStore } from '../../src/storage/aggregate-store';

jest.setTimeout(120_000);

// Wednesday 21 October 2026, 10:00 in Berlin.
let now = Date.parse('2026-10-21T08:00:00Z');
const BERLIN = 'Europe/Berlin';
/** A tenant with no answers: its organisation's summary recommends nothing. */
const OTHER_TENANT = '22222222-2222-2222-2222-222222222222';
const index = new ContentIndex(loadContentPack());
let service: FakeTeamsService;
let bot: TestBot;

const member = (i: number) => bot.user(service.members[i].aadObjectId, service.members[i].name);
/** Member 0 is a leader, member 5 a manager; the others are employees. */
const LEADER = 0;
const MANAGER = 5;

beforeAll(async () => {
  service = await FakeTeamsService.start(8);
  bot = await startTestBot({
    clock: () => new Date(now),
    env: { LEADER_IDS: service.members[LEADER].aadObjectId, MANAGER_IDS: service.members[MANAGER].aadObjectId },
  });
  // Whole batches of the default threshold (5), so all is published: ten people in the organisation, five of them
  // in the team, rating every consideration low, so both summaries recommend.
  const store = new CosmosAggregateStore(bot.containers.aggregates);
  await applyAsTurnsWould(store, index, TENANT, ratingAnswers(index, 'org', 10, 1));
  await applyAsTurnsWould(store, index, TENANT, ratingAnswers(index, 'team', 5, 1), TEAM_ID);
});
afterAll(async () => {
  await bot?.close();
  await service?.close();
});

/** A 1:1 message or submit from `user`, as Teams sends it (the fake channel service is its serviceUrl). */
const personal = (user: TestUser, fields: Record<string, unknown>) =>
  user.post({
    type: 'message',
    serviceUrl: service.url,
    recipient: { id: service.botId, name: 'Strategy Guide' },
    localTimezone: BERLIN,
    ...fields,
  });
const inTeam = (i: number, fields: Record<string, unknown>) =>
  inChannel(member(i), service, {
    localTimezone: BERLIN,
    channelData: { tenant: { id: TENANT }, team: { id: TEAM_ID, name: 'Sales' } },
    ...fields,
  });
const mention = (text: string) => ({ text: `<at>Strategy Guide</at> ${text}` });

async function actionDocs(): Promise<Record<string, unknown>[]> {
  const { resources } = await bot.containers.pulses.items
    .query({
      query: 'SELECT * FROM c WHERE c.tenantId = @t AND c.type = "action"',
      parameters: [{ name: '@t', value: TENANT }],
    })
    .fetchAll();
  return resources as Record<string, unknown>[];
}

/** The submit values of the plan card as Teams sends them (the people picker's value is an Entra object id). */
function filled(card: unknown, fields: Record<string, string>): Record<string, unknown> {
  return { ...submitData(card as Record<string, unknown>, 'Plan the action'), ...fields };
}

/** The recommendation choices a plan card offers. */
function offered(card: unknown): string[] {
  const text = JSON.stringify(card);
  const choiceSet = /"id":"recommendationIds".*?"choices":(\[.*?\])/.exec(text);
  return choiceSet ? (JSON.parse(choiceSet[1]) as { value: string }[]).map((choice) => choice.value) : [];
}

describe('actions planned from a summary (real bot over HTTP, embedded Cosmos, FAKE Teams channel service, injected clock)', () => {
  let organisationPlan: unknown;

  it("offers Plan an action on the organisation's card to a leader, and the plan card lists its recommendations", async () => {
    const summary = cardsOf(await personal(member(LEADER), { text: 'summary' })).at(-1);
    expect(hasButton(summary, 'Plan an action')).toBe(true);
    expect(validateCard(summary)).toEqual([]);
    const pressed = submitData(summary as Record<string, unknown>, 'Plan an action');
    expect(pressed).toMatchObject({ sg: 'pulse', action: 'summary-plan', scope: 'organisation' });
    const planReply = await personal(member(LEADER), { value: pressed });
    organisationPlan = cardsOf(planReply).at(-1);
    expect(validateCard(organisationPlan)).toEqual([]);
    const ids = offered(organisationPlan);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(JSON.stringify(organisationPlan)).toContain(index.recommendation(id));
    expect(JSON.stringify(organisationPlan)).toContain('"dataset":"graph.microsoft.com/users"');
    // An employee's press (forged: their own card has no such button) is refused.
    expect(saidIn(await personal(member(3), { value: pressed }))).toContain('planned by leaders');
  });

  it('refuses bad and forged input with a kind message, storing nothing', async () => {
    const recommendation = offered(organisationPlan)[0];
    // The pack's recommendations this summary does not show now (accepted: the summary may have moved on).
    const notShown = index.sections
      .flatMap((section) => section.considerations.map((consideration) => consideration.id))
      .filter((id) => !offered(organisationPlan).includes(id));
    const good = {
      what: 'Run a prompt clinic for every department',
      owner: service.members[2].aadObjectId,
      dueDate: '2026-11-20',
      recommendationIds: recommendation,
    };
    const cases: [Record<string, string>, string][] = [
      [{ what: ' ' }, 'Say what will be done'],
      [{ owner: 'some one!' }, 'Pick the person who owns this action'],
      [{ dueDate: '2026-10-21' }, 'Pick a due date after today'],
      [{ recommendationIds: 'made-up-id' }, 'Pick the recommendations the action addresses'],
      [{ recommendationIds: `${recommendation},${recommendation}` }, 'Pick the recommendations'],
      [{ owner: 'aaaaaaaa-0000-4000-8000-000000000999' }, "I couldn't find that person in Teams"],
      [{ recommendationIds: notShown.slice(0, 4).join(',') }, 'at most 3'],
    ];
    for (const [fields, message] of cases) {
      const reply = cardsOf(
        await personal(member(LEADER), { value: filled(organisationPlan, { ...good, ...fields }) }),
      );
      expect(cardText(reply.at(-1))).toContain(message);
      expect(validateCard(reply.at(-1))).toEqual([]);
    }
    // A card shown again keeps a pick the summary no longer shows, as a choice and picked.
    const kept = cardsOf(
      await personal(member(LEADER), {
        value: filled(organisationPlan, { ...good, what: ' ', recommendationIds: notShown[0] }),
      }),
    ).at(-1);
    expect(offered(kept)).toEqual([...offered(organisationPlan), notShown[0]]);
    expect(JSON.stringify(kept)).toContain(`"value":"${notShown[0]}"`);
    const forged = filled(organisationPlan, good);
    expect(saidIn(await personal(member(LEADER), { value: { ...forged, scope: 'everyone' } }))).toContain(
      "I don't recognise that summary",
    );
    expect(saidIn(await personal(member(LEADER), { value: { ...forged, token: 'x' } }))).toContain(
      "I don't recognise that summary",
    );
    expect(saidIn(await personal(member(4), { value: forged }))).toContain('planned by leaders');
    expect(await actionDocs()).toHaveLength(0);
  });

  it("plans once per card, for anyone in the organisation, and sends it to the owner's 1:1 chat with the recommendation", async () => {
    const recommendation = offered(organisationPlan)[0];
    const submit = filled(organisationPlan, {
      what: 'Run a prompt clinic for every department',
      owner: service.members[2].aadObjectId,
      dueDate: '2026-11-20',
      recommendationIds: recommendation,
    });
    expect(saidIn(await personal(member(LEADER), { value: submit }))).toContain(
      'Planned: Member 2 owns it, due Fri 20 Nov 2026. They have it in their chat',
    );
    expect(saidIn(await personal(member(LEADER), { value: submit }))).toContain('already been planned');
    const docs = await actionDocs();
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({
      pulseId: summaryPlanKey(TENANT, 'organisation', ''),
      rosterId: '',
      ownerId: service.members[2].aadObjectId,
      ownerName: 'Member 2',
      memberId: service.members[2].id,
      source: { kind: 'summary', scope: 'organisation', recommendationIds: [recommendation] },
      reach: { serviceUrl: service.url, botId: service.botId },
    });
    const card = pulseCardOf(service, service.members[2].id);
    expect(validateCard(card)).toEqual([]);
    // The card's "From" fact names the summary and the recommendation it answers.
    expect(JSON.stringify(card)).toContain(`Organisation summary · ${index.recommendation(recommendation)}`);
    // The owner marks it done from that card, and the digest counts it as the organisation's.
    const done = await personal(member(2), { value: submitData(card as Record<string, unknown>, 'Mark done') });
    expect(saidIn(done)).toContain('Marked done');
    expect(await actionPlansLine(new CosmosActionStore(bot.containers.pulses), TENANT)).toBe(
      'Actions: Organisation-wide 1 done',
    );
  });

  it('allows a summary 20 open actions at a time, however many are done', async () => {
    const store = new CosmosActionStore(bot.containers.pulses);
    const [done] = (await actionDocs()) as unknown as ActionDoc[];
    const open = (i: number): ActionDoc => {
      const actionId = `${String(i).padStart(2, '0')}${'e'.repeat(30)}`;
      // Planned after the done one, so a check of only the first 20 read would miss it.
      const createdAt = new Date(Date.parse(done.createdAt) + (i + 1) * 1000).toISOString();
      return {
        ...done,
        id: actionDocId(done.pulseId, actionId),
        actionId,
        status: 'open',
        what: `Open ${i}`,
        createdAt,
      };
    };
    for (let i = 0; i < 20; i++) await store.createAction(open(i));
    const submit = filled(organisationPlan, {
      what: 'One more thing',
      owner: service.members[2].aadObjectId,
      dueDate: '2026-11-20',
      recommendationIds: offered(organisationPlan)[0],
      token: 'f'.repeat(32),
    });
    expect(saidIn(await personal(member(LEADER), { value: submit }))).toContain('20 open actions already');
    const stored = await store.readAction(TENANT, done.pulseId, open(0).actionId);
    await store.replaceAction({ ...stored!.doc, status: 'done' }, stored!.etag);
    expect(saidIn(await personal(member(LEADER), { value: submit }))).toContain('Planned: Member 2 owns it');
    for (let i = 0; i < 20; i++) await bot.containers.pulses.item(open(i).id, [TENANT, done.pulseId]).delete();
  });

  it("offers it on a team's card to its manager, owner from the team's roster; not to an employee, nor outside a channel", async () => {
    // A manager the bot has not seen write in the channel is asked to, first: a press alone joins nobody.
    const press = { sg: 'pulse', action: 'summary-plan', scope: 'team' };
    expect(saidIn(await inTeam(MANAGER, { value: press }))).toContain('mention me here once');
    await inTeam(MANAGER, mention('hello'));
    const summary = cardsOf(await inTeam(MANAGER, mention('team summary'))).at(-1);
    const pressed = submitData(summary as Record<string, unknown>, 'Plan an action');
    expect(pressed).toMatchObject({ action: 'summary-plan', scope: 'team' });
    const plan = cardsOf(await inTeam(MANAGER, { value: pressed })).at(-1);
    expect(JSON.stringify(plan)).toContain('scope=currentContext');
    const fields = {
      what: 'Pair each new joiner with an AI buddy',
      owner: service.members[6].aadObjectId,
      dueDate: '2026-11-04',
      recommendationIds: offered(plan)[0],
    };
    await inTeam(3, mention('hello'));
    expect(hasButton(cardsOf(await inTeam(3, mention('team summary'))).at(-1), 'Plan an action')).toBe(false);
    expect(saidIn(await inTeam(3, { value: filled(plan, fields) }))).toContain('its managers or a leader');
    expect(saidIn(await personal(member(MANAGER), { value: filled(plan, fields) }))).toContain("in the team's channel");
    const stranger = filled(plan, { ...fields, owner: 'aaaaaaaa-0000-4000-8000-000000000999' });
    expect(cardText(cardsOf(await inTeam(MANAGER, { value: stranger })).at(-1))).toContain(
      'The owner must be someone in this team',
    );
    expect(saidIn(await inTeam(MANAGER, { value: filled(plan, fields) }))).toContain('Planned: Member 6 owns it');
    const team = (await actionDocs()).find((doc) => doc.what === fields.what);
    expect(team).toMatchObject({
      pulseId: summaryPlanKey(TENANT, 'team', TEAM_ID),
      rosterId: TEAM_ID,
      teamName: 'Sales',
      source: { kind: 'summary', scope: 'team' },
    });
    expect(JSON.stringify(pulseCardOf(service, service.members[6].id))).toContain('Team summary: Sales · ');
  });

  it("lets a leader plan on a team's card and on the organisation's card in a channel or group chat", async () => {
    await inTeam(LEADER, mention('hello'));
    const teamCard = cardsOf(await inTeam(LEADER, mention('team summary'))).at(-1);
    const teamPlan = cardsOf(
      await inTeam(LEADER, { value: submitData(teamCard as Record<string, unknown>, 'Plan an action') }),
    ).at(-1);
    const teamFields = {
      what: 'Book a team AI demo',
      // As the Agents Playground's people picker sends it: the channel account id, resolved in the roster.
      owner: service.members[4].id,
      dueDate: '2026-11-05',
      recommendationIds: offered(teamPlan)[0],
    };
    expect(saidIn(await inTeam(LEADER, { value: filled(teamPlan, teamFields) }))).toContain('Planned: Member 4');
    // In the channel, a leader's `summary` is the organisation's card: its actions are the organisation's.
    const organisationCard = cardsOf(await inTeam(LEADER, mention('summary'))).at(-1);
    const pressed = submitData(organisationCard as Record<string, unknown>, 'Plan an action');
    expect(pressed).toMatchObject({ scope: 'organisation' });
    const plan = cardsOf(await inTeam(LEADER, { value: pressed })).at(-1);
    expect(JSON.stringify(plan)).toContain('"dataset":"graph.microsoft.com/users"');
    const fields = { ...teamFields, what: 'Publish the AI policy', recommendationIds: offered(plan)[0] };
    expect(saidIn(await inTeam(LEADER, { value: filled(plan, fields) }))).toContain('Planned: Member 4');
    const docs = await actionDocs();
    expect(docs.find((doc) => doc.what === 'Book a team AI demo')).toMatchObject({
      rosterId: TEAM_ID,
      ownerId: service.members[4].aadObjectId,
    });
    expect(docs.find((doc) => doc.what === 'Publish the AI policy')).toMatchObject({
      rosterId: '',
      ownerId: service.members[4].aadObjectId,
    });
    // A group chat belongs to no team: the organisation's card works there, a team's does not.
    const inGroupChat = (value: unknown) =>
      member(LEADER).post({
        type: 'message',
        value,
        serviceUrl: service.url,
        recipient: { id: service.botId, name: 'Strategy Guide' },
        localTimezone: BERLIN,
        conversation: {
          id: '19:group@thread.v2',
          name: 'Group',
          conversationType: 'groupChat',
          isGroup: true,
          tenantId: TENANT,
        },
        channelData: { tenant: { id: TENANT } },
      });
    expect(cardText(cardsOf(await inGroupChat(pressed)).at(-1))).toContain(
      "Plan an action: the organisation's summary",
    );
    expect(saidIn(await inGroupChat({ ...pressed, scope: 'team' }))).toContain("in the team's channel");
  });

  it('says so when the owner has no Strategy Guide (403) or Teams does not answer, storing nothing', async () => {
    const before = (await actionDocs()).length;
    const missing = service.members[7];
    const submit = (what: string, token: string) =>
      filled(organisationPlan, {
        what,
        owner: missing.aadObjectId,
        dueDate: '2026-11-20',
        recommendationIds: offered(organisationPlan)[0],
        token: token.repeat(32),
      });
    service.fault = ({ kind, memberId }) =>
      kind === 'create' && memberId === missing.id ? { status: 403 } : undefined;
    const refused = cardsOf(await personal(member(LEADER), { value: submit('Not installed', 'a') })).at(-1);
    expect(cardText(refused)).toContain(
      "I can't reach that person in Teams: they may not have Strategy Guide yet, or may have blocked it",
    );
    expect(validateCard(refused)).toEqual([]);
    service.fault = ({ kind }) => (kind === 'create' ? { status: 500 } : undefined);
    expect(saidIn(await personal(member(LEADER), { value: submit('Teams is down', 'b') }))).toContain(
      "I couldn't reach Teams just now, so nothing has been planned",
    );
    service.fault = () => undefined;
    expect(await actionDocs()).toHaveLength(before);
  });

  it('on "delete my data" keeps the organisation\'s action without its owner', async () => {
    const owner = member(2);
    const ownerId = service.members[2].aadObjectId;
    const data = new ActionPlanData(new CosmosActionStore(bot.containers.pulses));
    expect((await data.export(TENANT, ownerId)).map((action) => action.what)).toContain(
      'Run a prompt clinic for every department',
    );
    const confirm = cardsOf(await personal(owner, { text: 'delete my data' })).at(-1);
    await personal(owner, { value: submitData(confirm ?? {}, 'Yes, delete everything') });
    const clinic = (await actionDocs()).find((doc) => doc.what === 'Run a prompt clinic for every department');
    expect(clinic).toMatchObject({ ownerId: '', ownerName: FORMER_COLLEAGUE, memberId: '' });
    expect(await data.export(TENANT, ownerId)).toEqual([]);
  });

  it('says there is nothing to plan from where a summary has no recommendations yet', async () => {
    const elsewhere = bot.user(service.members[LEADER].aadObjectId, 'Member 0');
    const otherTenant = (value: unknown) =>
      elsewhere.post({
        type: 'message',
        value,
        serviceUrl: service.url,
        recipient: { id: service.botId, name: 'Strategy Guide' },
        conversation: {
          id: 'a:other-tenant',
          name: '',
          isGroup: false,
          conversationType: 'personal',
          tenantId: OTHER_TENANT,
        },
        channelData: { tenant: { id: OTHER_TENANT } },
      });
    const pressed = { sg: 'pulse', action: 'summary-plan', scope: 'organisation' };
    expect(saidIn(await otherTenant(pressed))).toContain('no recommendations yet');
    const submit = { ...pressed, action: 'summary-plan-create', token: 'c'.repeat(32), what: ' ' };
    expect(saidIn(await otherTenant(submit))).toContain('no recommendations yet');
  });

  it("reminds a summary action's owner the working day before it is due", async () => {
    const reminders = () =>
      service
        .of('send')
        .filter((request) => request.conversationId === `a:1on1|${service.members[6].id}`)
        .filter((request) => JSON.stringify(request.body).includes('Reminder: an action is due soon'));
    now = Date.parse('2026-11-03T08:00:30Z');
    await bot.app.actions.reminders.tick();
    expect(reminders()).toHaveLength(1);
    expect(JSON.stringify(reminders()[0].body)).toContain('Pair each new joiner with an AI buddy');
  });
});
