import { CardRenderer, type CardAttachment } from '../../src/cards/card-renderer';
import { CardDataError } from '../../src/cards/safe-text';
import type { QuestionView, RowsView, WelcomeView } from '../../src/cards/view-models';
import * as sample from './sample-views';
import { validateCard } from './validate-card';

const renderer = new CardRenderer();
const EXPRESSION = '${$root.token} ${join(createArray(1,2),"-")} ${evil}';
const LINK = '[click here](http://evil.example/phish)';
const MENTION = '<at>Boss</at>';

/** Where each string holding `marker` sits in the card: "<element type>.<property>". */
function locations(node: unknown, marker: string, owner = 'card', key = ''): string[] {
  if (typeof node === 'string') return node.includes(marker) ? [`${owner}.${key}`] : [];
  if (Array.isArray(node)) return node.flatMap((item) => locations(item, marker, owner, key));
  if (typeof node !== 'object' || node === null) return [];
  const record = node as Record<string, unknown>;
  const type = typeof record.type === 'string' ? record.type : key === 'choices' ? 'Input.Choice' : `${owner}.${key}`;
  return Object.entries(record).flatMap(([childKey, value]) => locations(value, marker, type, childKey));
}

/** User text in a unique wrapper, carrying every payload at once. */
const evil = (tag: string): string =>
  `«${tag}» ${EXPRESSION} ${LINK} ${MENTION} <img src=x onerror=alert(1)>\u0007\u202E`;

const text = (card: CardAttachment): string => JSON.stringify(card.content);

const userTextCards: [string, string[], () => CardAttachment][] = [
  ['welcome', ['name'], () => renderer.welcome({ ...sample.welcome, userName: evil('name') })],
  [
    'question',
    ['prefill'],
    () =>
      renderer.question({
        ...sample.textQuestion,
        input: { kind: 'text', long: true, maxLength: 2000, value: evil('prefill') },
      }),
  ],
  [
    'rows',
    ['row', 'note', 'context', 'typed', 'own', 'option'],
    () =>
      renderer.rows({
        ...sample.rowsPage2,
        rows: [{ text: evil('row'), note: evil('note') }],
        context: [{ label: 'Business goal', value: evil('context') }],
        fields: [
          {
            kind: 'text',
            id: 'baseline',
            label: 'Baseline',
            required: true,
            long: false,
            maxLength: 500,
            value: evil('typed'),
          },
          {
            kind: 'choice',
            id: 'useCase',
            label: 'Use case',
            required: false,
            options: [{ value: '0', label: evil('option') }],
            own: { optionLabel: 'My own', inputLabel: 'Your own', maxLength: 500, value: evil('own') },
          },
        ],
      }),
  ],
  ['answered', ['answer'], () => renderer.answered({ ...sample.answered, answer: evil('answer') })],
  [
    'review',
    ['answer'],
    () =>
      renderer.review({
        sections: [
          {
            title: 'Ambition',
            items: [{ questionId: 'am.want', question: 'What do you want AI to do?', answerLines: [evil('answer')] }],
          },
        ],
      }),
  ],
  [
    'my data',
    ['answer'],
    () =>
      renderer.myData({
        ...sample.myData,
        answers: [{ questionId: 'am.want', question: 'What do you want?', answerLines: [evil('answer')] }],
      }),
  ],
  [
    'summary',
    ['sharer', 'want', 'notwant', 'usecase', 'details', 'goal', 'metric', 'baseline', 'target', 'when'],
    () =>
      renderer.summary({
        ...sample.summary,
        sharedBy: evil('sharer'),
        wants: [evil('want')],
        doNotWants: [evil('notwant')],
        useCases: [{ title: evil('usecase'), details: `Business goal: ${evil('details')}`, shared: true }],
        metrics: [
          {
            goal: evil('goal'),
            metric: evil('metric'),
            baseline: evil('baseline'),
            target: evil('target'),
            byWhen: evil('when'),
          },
        ],
      }),
  ],
  ['notice', ['message'], () => renderer.notice({ title: 'Note', message: evil('message') })],
];

describe('user text is data, never markup or template source', () => {
  it.each(userTextCards)('%s shows user text only as text runs or input values', (_name, tags, render) => {
    const card = render();
    expect(validateCard(card.content)).toEqual([]);
    for (const tag of tags) {
      const where = locations(card.content, `«${tag}»`);
      expect(where.length).toBeGreaterThan(0);
      for (const place of where) expect(['TextRun.text', 'Input.Text.value', 'Input.Choice.title']).toContain(place);
    }
  });

  it.each(userTextCards)('%s keeps ${...} literal: expanded once, nothing evaluated', (_name, _tags, render) => {
    const card = render();
    expect(text(card)).toContain(JSON.stringify(EXPRESSION).slice(1, -1));
    expect(text(card)).not.toContain('1-2');
  });

  it.each(userTextCards)(
    '%s leaves a markdown link as literal text inside a TextRun or input',
    (_name, _tags, render) => {
      const card = render();
      const where = locations(card.content, LINK);
      expect(where.length).toBeGreaterThan(0);
      expect(where.every((place) => ['TextRun.text', 'Input.Text.value', 'Input.Choice.title'].includes(place))).toBe(
        true,
      );
      expect(text(card)).not.toContain('Action.OpenUrl');
    },
  );

  it.each(userTextCards)(
    '%s neutralises <at> mentions, angle brackets and control characters',
    (_name, _tags, render) => {
      const card = render();
      expect(text(card)).not.toMatch(/<at>|<\/at>|<img|[<>]/);
      expect(text(card)).toContain('Boss');
      expect(text(card)).toContain('‹img src=x onerror=alert(1)›');
      expect(text(card)).not.toContain('\u0007');
      expect(text(card)).not.toContain('\u202E');
      expect(text(card)).not.toContain('\\u0007');
    },
  );

  it('does not resolve an expression in a question prefill against the card data', () => {
    const view: QuestionView = {
      ...sample.textQuestion,
      token: 'secret-token',
      input: { kind: 'text', long: false, maxLength: 200, value: '${token}' },
    };
    const card = renderer.question(view);
    const answer = locations(card.content, '${token}');
    expect(answer).toEqual(['Input.Text.value']);
  });
});

describe('card data is type-checked before expansion', () => {
  it('rejects an object where a string belongs (it would be inserted whole)', () => {
    const view = {
      ...sample.welcome,
      userName: { type: 'Action.OpenUrl', url: 'http://evil.example' },
    } as unknown as WelcomeView;
    expect(() => renderer.welcome(view)).toThrow(CardDataError);
  });

  it('rejects numbers, arrays and missing values in string fields, and bad ids, values and counts', () => {
    expect(() => renderer.question({ ...sample.ratingQuestion, text: 42 } as unknown as QuestionView)).toThrow(
      /"text" must be a string/,
    );
    expect(() => renderer.question({ ...sample.ratingQuestion, questionId: 'two words' })).toThrow(/questionId/);
    expect(() =>
      renderer.question({
        ...sample.ratingQuestion,
        input: { kind: 'rating', scale: sample.scale, value: '7' },
      } as unknown as QuestionView),
    ).toThrow(/input.value/);
    expect(() =>
      renderer.question({ ...sample.multiQuestion, input: { kind: 'multi', options: [{ value: 'a,b', label: 'A' }] } }),
    ).toThrow(/options\[0\].value/);
    expect(() => renderer.rows({ ...sample.rowsPage1, rows: [['nested']] } as unknown as RowsView)).toThrow(
      /rows\[0\]/,
    );
    expect(() => renderer.rows({ ...sample.rowsPage1, page: 3 } as unknown as RowsView)).toThrow(/page/);
    expect(() =>
      renderer.review({
        sections: [{ title: 'S', items: [{ questionId: 'q', question: 'Q?', answerLines: [5] }] }],
      } as never),
    ).toThrow(/answerLines\[0\]/);
    expect(() =>
      renderer.summary({ ...sample.summary, readiness: [{ section: 'S', mean: Number.NaN, stage: 'x' }] }),
    ).toThrow(/mean/);
    expect(() =>
      renderer.notice({ title: 'T', message: 'M', action: { title: 'Go', command: 'rm -rf' } } as never),
    ).toThrow(/action.command/);
    expect(() => renderer.confirmDelete({ token: 'ok', answerCount: -1 })).toThrow(/answerCount/);
  });

  it('rejects duplicate field ids on the rows card', () => {
    const field = sample.rowsPage2.fields[1];
    expect(() => renderer.rows({ ...sample.rowsPage2, fields: [field, field] })).toThrow(/unique ids/);
  });
});
