/**
 * User text is data, never template source or markup (SPEC §3, §6): `${...}` expressions, markdown and
 * Teams mentions typed as answers are accepted and stored literally, and when shown back on later cards
 * (rows list, review, summary, my data, the question's own prefill) they sit only in TextRun (or an input's
 * value) — never evaluated, never in a TextBlock, never turned into a mention. Text the channel provides is
 * treated the same: the user's display name (welcome card) and the team's name (set by a team owner; the team card).
 */
import { cardsOf, submitData, textsOf, startTestBot, type TestBot, type TurnReply } from '../support/bot-harness';
import { cardKind, elementsOf, questionIdOf, type Card } from '../cards-sent/drive';
import { inChannel } from '../leadership/drive';
import { expectClearReply, openQuestion, postAs, userDocs } from './checks';

let bot: TestBot;

beforeAll(async () => {
  bot = await startTestBot();
}, 60_000);

afterAll(async () => {
  await bot?.close();
});

/** Where each string holding `marker` sits in the card, as "<element type>.<property>". */
function locations(node: unknown, marker: string, owner = 'card', key = ''): string[] {
  if (typeof node === 'string') return node.includes(marker) ? [`${owner}.${key}`] : [];
  if (Array.isArray(node)) return node.flatMap((item) => locations(item, marker, owner, key));
  if (typeof node !== 'object' || node === null) return [];
  const record = node as Record<string, unknown>;
  const type = typeof record.type === 'string' ? record.type : key === 'choices' ? 'Input.Choice' : `${owner}.${key}`;
  return Object.entries(record).flatMap(([childKey, value]) => locations(value, marker, type, childKey));
}

/**
 * Places user text may appear: a TextRun (never markdown), the value of a text input (the prefill), and the
 * title of a choice (a use case offered on the metrics card; choice titles are plain text).
 */
const ALLOWED = new Set(['TextRun.text', 'Input.Text.value', 'Input.Choice.title']);

const textRuns = (card: Card): string[] =>
  elementsOf(card)
    .filter((element) => element.type === 'TextRun')
    .map((element) => String(element.text));

const textBlocks = (card: Card): string[] =>
  elementsOf(card)
    .filter((element) => element.type === 'TextBlock')
    .map((element) => String(element.text));

interface Payload {
  name: string;
  text: string;
  /** A piece of the payload that must never show up outside ALLOWED places. */
  marker: string;
  /** The payload survives display unchanged (mentions are shown as plain names instead). */
  shownLiterally: boolean;
}

const PAYLOADS: Payload[] = [
  { name: 'a template expression ${user.name}', text: '${user.name}', marker: '${', shownLiterally: true },
  {
    name: "a template function ${if(true, 'x', 'y')}",
    text: "${if(true, 'x', 'y')}",
    marker: '${',
    shownLiterally: true,
  },
  { name: 'a markdown link', text: '[click](https://evil.example)', marker: 'evil.example', shownLiterally: true },
  { name: 'markdown emphasis and a heading', text: '**Boss** _says_ # hi', marker: '**', shownLiterally: true },
  { name: 'a Teams mention', text: '<at>Boss</at>', marker: '<at', shownLiterally: false },
];

/** What one user did with a payload, and every reply the bot sent on the way. */
interface Run {
  replies: TurnReply[];
  cards: Card[];
  stored: Record<string, unknown>;
  review: Card;
  summary: Card;
  myData: Card;
  prefilled: Card;
  /** The team card in a channel of a team whose name holds the payload. */
  teamCard: Card;
}

const runs = new Map<string, Run>();

async function runWith(payload: Payload): Promise<Run> {
  const cached = runs.get(payload.name);
  if (cached) return cached;
  const user = bot.user(undefined, `Ada ${payload.text}`);
  const replies: TurnReply[] = [];
  const keep = async (pending: Promise<TurnReply>): Promise<TurnReply> => {
    const reply = await pending;
    expect(reply.status).toBe(200);
    replies.push(reply);
    return reply;
  };
  const last = (reply: TurnReply): Card => cardsOf(reply).at(-1) as Card;

  // Installed: the welcome card greets the user by a display name holding the payload.
  await keep(
    postAs(user, { type: 'conversationUpdate', membersAdded: [{ id: '28:strategy-guide', name: 'Strategy Guide' }] }),
  );

  // A short text answer, by card.
  const short = await openQuestion(user, 'bi-innovation-areas');
  const afterShort = await keep(user.submit({ ...submitData(short, 'Next'), answer: `Ideas: ${payload.text}` }));
  // A long text answer, typed as a message (a mention arrives with its entity, as Teams sends it).
  const feedback = last(afterShort);
  expect(questionIdOf(feedback)).toBe('bi-feedback-loops');
  expect(questionIdOf(last(await keep(user.submit(submitData(feedback, 'Skip')))))).toBe('bi-employee-changes');
  await keep(
    postAs(user, {
      type: 'message',
      text: `Typed: ${payload.text}`,
      entities: payload.text.includes('<at>')
        ? [{ type: 'mention', text: '<at>Boss</at>', mentioned: { id: '29:boss', name: 'Boss' } }]
        : undefined,
    }),
  );
  // A "want" statement (shown on the rows card and the summary).
  const rows = last(await keep(user.submit({ sg: 'edit', questionId: 'am-want' })));
  expect(cardKind(rows)).toBe('rows');
  const added = last(
    await keep(user.submit({ ...submitData(rows, 'Add'), 'field.statement': `Want: ${payload.text}` })),
  );
  await keep(user.submit(submitData(added, 'Done — next question')));

  // A use case title: shown on its rows card, and offered as a choice on the metrics card.
  const useCases = last(await keep(user.submit({ sg: 'edit', questionId: 'uc-use-cases' })));
  const withUseCase = last(
    await keep(user.submit({ ...submitData(useCases, 'Add'), 'field.title': `Case: ${payload.text}` })),
  );
  await keep(user.submit(submitData(withUseCase, 'Done — next question')));
  const metrics = last(await keep(user.submit({ sg: 'edit', questionId: 'sm-metrics' })));
  expect(JSON.stringify(metrics)).toContain('Case: ');
  await keep(user.submit(submitData(metrics, 'Done — next question')));

  const review = last(await keep(user.submit({ sg: 'command', command: 'review' })));
  const summary = last(await keep(user.submit({ sg: 'command', command: 'summary' })));
  const myData = last(await keep(user.say('my data')));
  // Edit the short answer: its card comes back with the stored text as the input's value.
  const prefilled = last(await keep(user.submit({ sg: 'edit', questionId: 'bi-innovation-areas' })));
  // A team owner named the team with the payload; the user asks for the team's card in one of its channels.
  const team = { id: `19:team-${runs.size}@thread.tacv2`, name: `Team ${payload.text}` };
  const teamCard = last(await keep(inChannel(user, team, 'team summary')));

  const resources = await userDocs(bot, 'answer', user.aadObjectId);
  const stored = Object.fromEntries(resources.map((doc) => [doc.questionId, doc.value]));
  const run: Run = { replies, cards: replies.flatMap(cardsOf), stored, review, summary, myData, prefilled, teamCard };
  runs.set(payload.name, run);
  return run;
}

describe.each(PAYLOADS)('$name', (payload) => {
  it('is accepted and stored literally (card submit, typed message, rows field)', async () => {
    const run = await runWith(payload);
    for (const reply of run.replies.slice(1)) expectClearReplyOrCard(reply);
    expect(run.stored['bi-innovation-areas']).toEqual({ kind: 'text', text: `Ideas: ${payload.text}` });
    expect(run.stored['bi-employee-changes']).toEqual({ kind: 'text', text: `Typed: ${payload.text}` });
    expect(run.stored['am-want']).toEqual({
      kind: 'rows',
      rows: [expect.objectContaining({ statement: `Want: ${payload.text}` })],
    });
  });

  it('reaches the review, summary, my-data and prefilled question cards', async () => {
    const run = await runWith(payload);
    expect(cardKind(run.review)).toBe('review');
    expect(cardKind(run.summary)).toBe('summary');
    expect(cardKind(run.myData)).toBe('my-data');
    expect(cardKind(run.prefilled)).toBe('question');
    expect(textBlocks(run.teamCard)[0]).toBe('This team’s AI ambition & success metrics');
  });

  it('never appears outside a TextRun or an input value, on any card sent', async () => {
    const run = await runWith(payload);
    const misplaced = run.cards.flatMap((card) =>
      locations(card, payload.marker).filter((where) => !ALLOWED.has(where)),
    );
    expect(misplaced).toEqual([]);
    for (const card of run.cards) {
      expect(textBlocks(card).filter((text) => text.includes(payload.marker) || text.includes('evil.example'))).toEqual(
        [],
      );
    }
  });

  if (payload.shownLiterally) {
    it('is shown back literally, inside a TextRun, on the review, my-data and summary cards (never evaluated)', async () => {
      const run = await runWith(payload);
      expect(textRuns(run.review)).toEqual(
        expect.arrayContaining([`Ideas: ${payload.text}`, `Typed: ${payload.text}`, `Want: ${payload.text}`]),
      );
      expect(textRuns(run.myData)).toEqual(
        expect.arrayContaining([`Ideas: ${payload.text}`, `Typed: ${payload.text}`, `Want: ${payload.text}`]),
      );
      expect(textRuns(run.summary)).toEqual(expect.arrayContaining([`Want: ${payload.text}`]));
      const welcome = run.cards.find((card) => cardKind(card) === 'welcome') as Card;
      expect(textRuns(welcome)).toContain(`Ada ${payload.text}`);
      expect(textRuns(run.teamCard)).toContain(`Team ${payload.text}`);
    });

    it('comes back unchanged as the prefill of its own question', async () => {
      const run = await runWith(payload);
      const input = elementsOf(run.prefilled).find((element) => element.id === 'answer');
      expect(input?.value).toBe(`Ideas: ${payload.text}`);
    });
  } else {
    it('never produces a mention: no mention entity and no <at> in any reply, the name shown as plain text', async () => {
      const run = await runWith(payload);
      for (const reply of run.replies) {
        for (const activity of reply.activities) {
          expect((activity.entities ?? []).filter((entity) => entity.type === 'mention')).toEqual([]);
          expect(activity.text ?? '').not.toMatch(/<at\b/i);
        }
      }
      expect(JSON.stringify(run.cards)).not.toMatch(/<at\b/i);
      expect(textRuns(run.review)).toEqual(expect.arrayContaining(['Ideas: Boss']));
      expect(textRuns(run.summary)).toEqual(expect.arrayContaining(['Want: Boss']));
      expect(textRuns(run.teamCard)).toContain('Team Boss');
    });
  }
});

/** The turns of a run answer with a card or a clear text; none of them is an error. */
function expectClearReplyOrCard(reply: TurnReply): void {
  if (textsOf(reply).length > 0 && cardsOf(reply).length === 0) expectClearReply(reply);
  expect(reply.status).toBe(200);
  expect(textsOf(reply).join(' ')).not.toMatch(
    /something went wrong|isn't the current one|earlier conversation|Please/,
  );
}
