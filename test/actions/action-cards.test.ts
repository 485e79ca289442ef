import { CardRenderer, MAX_CARD_BYTES } from '../../src/cards/card-renderer';
import type { PulseResultsView } from '../../src/cards/pulse-view-models';
import type { ActionPlanView } from '../../src/cards/action-view-models';
import { cardText } from '../support/bot-harness';
import { CardDataError } from '../../src/cards/safe-text';
import { unboundPlaceholders, validateCard } from '../cards/validate-card';

const renderer = new CardRenderer();
/** Text as heavy as possible in JSON: 4-byte emoji, 3-byte CJK, escaped quotes. */
const heavy = (length: number) => Array.from({ length }, (_, i) => ['😀', '界', '"', '\\'][i % 4]).join('');
const bytes = (card: object) => Buffer.byteLength(JSON.stringify(card), 'utf8');
const question = (i: number) => ({
  questionId: `q${i}`,
  text: heavy(500),
  kind: 'rating' as const,
  answered: 11,
  dontKnow: 1,
  mean: 3.5,
  favourable: 0.5,
  bars: ['Not ready', 'Slightly', 'Partly', 'Mostly', `Fully ${i}`].map((label) => ({ label, count: 2 })),
});
const worstResults: PulseResultsView = {
  title: heavy(200),
  responses: 12,
  reached: 20,
  unreachable: 0,
  responseRate: 0.6,
  threshold: 5,
  commentThreshold: 10,
  allowComment: true,
  questions: Array.from({ length: 8 }, (_, i) => question(i)),
  comments: Array(400).fill(heavy(2000)),
  series: {
    pulseId: 'a'.repeat(32),
    repeatLabel: 'Every week',
    changes: Array(8).fill(-3.9),
    caution: heavy(1000),
    lines: Array.from({ length: 8 }, () => ({
      legend: heavy(80),
      points: Array.from({ length: 6 }, (_, i) => ({ x: `${i + 1} December`, y: 5 })),
    })),
  },
  actions: Array.from({ length: 20 }, (_, i) => ({
    what: heavy(300),
    due: 'Wed 30 Dec 2026',
    status: i % 2 ? ('done' as const) : ('open' as const),
    ownerName: heavy(80),
  })),
};

describe('action plan cards (adaptivecards validation, size budget)', () => {
  it('worst case results card: 8 long questions, the trend, many comments and 20 long actions, under the budget', () => {
    const card = renderer.pulseResults(worstResults).content;
    expect(validateCard(card)).toEqual([]);
    expect(unboundPlaceholders(card)).toEqual([]);
    expect(bytes(card)).toBeLessThan(MAX_CARD_BYTES);
    expect(cardText(card)).toContain('Actions (10 open, 10 done)');
    // The comments gave way to the actions: the plain card lists 199 of the 400 and this one fewer.
    const plain = renderer.pulseResults({ ...worstResults, actions: [] }).content;
    expect(cardText(plain)).toContain('… and 201 more');
    expect(cardText(card)).toMatch(/… and (2[1-9]\d|3\d\d) more/);
  });

  it('user text stays plain: a mention, markdown and a template placeholder are shown, not run', () => {
    const card = renderer.pulseResults({
      ...worstResults,
      comments: null,
      actions: [
        {
          what: '<at>All</at> **${title}** [x](https://evil)',
          due: 'Wed 30 Dec 2026',
          status: 'open',
          ownerName: 'Megan',
        },
      ],
    }).content;
    expect(validateCard(card)).toEqual([]);
    expect(JSON.stringify(card)).not.toContain('<at>');
    expect(cardText(card)).toContain('○ All **${title}** [x](https://evil) — Megan, due Wed 30 Dec 2026');
  });

  it('the plan card with 40 long questions stays valid and under the budget', () => {
    const plan = renderer.actionPlan({
      target: { kind: 'pulse', pulseId: 'a'.repeat(32) },
      token: 'b'.repeat(32),
      title: heavy(200),
      options: Array.from({ length: 40 }, (_, i) => ({ id: `q-${i}`, label: heavy(200) })),
      ownerFrom: 'team',
      minDate: '2026-12-08',
      maxDate: '2027-12-07',
      whatMaxLength: 300,
      values: { what: heavy(600), owner: 'not an id!', dueDate: '', addressed: ['q-1', 'q-2'] },
      error: heavy(400),
    }).content;
    expect(validateCard(plan)).toEqual([]);
    expect(bytes(plan)).toBeLessThan(MAX_CARD_BYTES);
    expect(JSON.stringify(plan)).toContain('"value":"q-1,q-2"');
    expect(JSON.stringify(plan)).toContain('"id":"questionIds"');
    expect(JSON.stringify(plan)).toContain('graph.microsoft.com/users?scope=currentContext');
  });

  it("the summary's plan card (its recommendations, anyone in the organisation) and the long owner card stay valid", () => {
    const plan = renderer.actionPlan({
      target: { kind: 'summary', scope: 'organisation' },
      token: 'b'.repeat(32),
      title: "the organisation's summary",
      options: Array.from({ length: 7 }, (_, i) => ({ id: `r-${i}`, label: heavy(400) })),
      ownerFrom: 'organisation',
      minDate: '2026-12-08',
      maxDate: '2027-12-07',
      whatMaxLength: 300,
      values: { what: '', owner: '', dueDate: '', addressed: [] },
    }).content;
    expect(validateCard(plan)).toEqual([]);
    const text = JSON.stringify(plan);
    expect(text).toContain('"id":"recommendationIds"');
    expect(text).toContain('"dataset":"graph.microsoft.com/users"');
    expect(text).toContain('"action":"summary-plan-create"');
    expect(text).toContain('"scope":"organisation"');
    expect(() =>
      renderer.actionPlan({
        target: { kind: 'summary', scope: 'everyone' as 'team' },
        token: 'b'.repeat(32),
        title: 'x',
        options: [],
        ownerFrom: 'team',
        minDate: '2026-12-08',
        maxDate: '2027-12-07',
        whatMaxLength: 300,
        values: { what: '', owner: '', dueDate: '', addressed: [] },
      }),
    ).toThrow(CardDataError);
    const withoutOwnerFrom: Omit<ActionPlanView, 'ownerFrom'> = {
      target: { kind: 'pulse', pulseId: 'a'.repeat(32) },
      token: 'b'.repeat(32),
      title: 'x',
      options: [{ id: 'q-1', label: 'One' }],
      minDate: '2026-12-08',
      maxDate: '2027-12-07',
      whatMaxLength: 300,
      values: { what: '', owner: '', dueDate: '', addressed: [] },
    };
    // Whom the people picker offers fails closed: neither team nor organisation is refused, not widened.
    expect(() => renderer.actionPlan({ ...withoutOwnerFrom, ownerFrom: 'anyone' as 'team' })).toThrow(CardDataError);
    const owner = renderer.actionOwner({
      pulseId: 'a'.repeat(32),
      actionId: 'c'.repeat(32),
      isReminder: true,
      what: heavy(300),
      due: 'Wed 30 Dec 2026',
      status: 'open',
      source: heavy(400),
      lastNote: heavy(300),
      minDate: '2026-12-08',
      maxDate: '2027-12-07',
      noteMaxLength: 300,
    }).content;
    expect(validateCard(owner)).toEqual([]);
    expect(cardText(owner)).toContain('Reminder: an action is due soon');
    const done = renderer.actionOwner({
      pulseId: 'a'.repeat(32),
      actionId: 'c'.repeat(32),
      isReminder: false,
      what: 'x',
      due: 'Wed 30 Dec 2026',
      status: 'done',
      source: 'Pulse: y',
      lastNote: '',
      minDate: '2026-12-08',
      maxDate: '2027-12-07',
      noteMaxLength: 300,
    }).content;
    expect(validateCard(done)).toEqual([]);
    expect(JSON.stringify(done)).not.toContain('Mark done');
  });
});
