import { CardRenderer, MAX_CARD_BYTES, type CardAttachment } from '../../src/cards/card-renderer';
import type { AnswerItemView, ChoiceView, QuestionView, RowsView } from '../../src/cards/view-models';
import * as sample from './sample-views';
import { unboundPlaceholders, validateCard } from './validate-card';

/** Text of `length` code points that is as heavy as possible in JSON: 4-byte emoji, 3-byte CJK, escaped quotes. */
function heavy(length: number, seed = 0): string {
  const pieces = ['😀', '界', '"', '\\', 'é', ' '];
  return Array.from({ length }, (_, index) => pieces[(index + seed) % pieces.length]).join('');
}

const bytes = (card: CardAttachment): number => Buffer.byteLength(JSON.stringify(card.content), 'utf8');

function expectSendable(card: CardAttachment): void {
  expect(validateCard(card.content)).toEqual([]);
  expect(unboundPlaceholders(card.content)).toEqual([]);
  expect(bytes(card)).toBeLessThan(MAX_CARD_BYTES);
}

const renderer = new CardRenderer();
const longLabel = (n: number): string => `A long label that goes on and on ${n} `.repeat(8);
const manyOptions: ChoiceView[] = Array.from({ length: 50 }, (_, index) => ({
  value: `option-${index}`,
  label: longLabel(index),
}));

const longHeader = {
  progress: `${longLabel(0)} · 11 of 11`,
  title: longLabel(1),
  guidance: heavy(3000),
  text: heavy(2000, 1),
  hint: heavy(1000, 2),
};

describe('worst cases stay valid and under 80 KB', () => {
  it('a welcome card with the most paths a pack may have, with long labels: at most five buttons', () => {
    const path = (n: number) => ({
      id: `path-${n}`,
      label: heavy(200, n),
      description: heavy(1000, n),
      questionCount: 10000,
      minutes: 240,
    });
    const card = renderer.welcome({
      ...sample.welcome,
      userName: heavy(400),
      path: path(0),
      otherPaths: [path(1), path(2)],
    });
    expectSendable(card);
    const actions = (card.content as { actions: { title: string }[] }).actions;
    expect(actions).toHaveLength(5);
    for (const { title } of actions) expect(Array.from(title).length).toBeLessThanOrEqual(40);
    expect(() => renderer.welcome({ ...sample.welcome, otherPaths: [1, 2, 3].map(path) })).toThrow(/otherPaths/);
  });

  it('a text question prefilled with 4,000 heavy characters and long pack texts', () => {
    const view: QuestionView = {
      ...sample.textQuestion,
      ...longHeader,
      input: { kind: 'text', long: true, maxLength: 4000, value: heavy(5000) },
    };
    const card = renderer.question(view);
    expectSendable(card);
    const value = String(
      (card.content as { body: { id?: string; value?: string }[] }).body.find((node) => node.id === 'answer')?.value,
    );
    expect(Array.from(value).length).toBeLessThanOrEqual(4000);
  });

  it('single, multi and rating questions with 50 long options', () => {
    expectSendable(
      renderer.question({ ...sample.singleQuestion, ...longHeader, input: { kind: 'single', options: manyOptions } }),
    );
    expectSendable(
      renderer.question({
        ...sample.multiQuestion,
        ...longHeader,
        input: { kind: 'multi', options: manyOptions, values: ['option-1', 'option-49'] },
      }),
    );
    const scale = {
      labels: [longLabel(1), longLabel(2), longLabel(3), longLabel(4), longLabel(5)] as const,
      dontKnowLabel: longLabel(6),
    };
    expectSendable(renderer.question({ ...sample.ratingQuestion, ...longHeader, input: { kind: 'rating', scale } }));
  });

  it('a rows card with 10 rows of 2,000 heavy characters (and as long a note each), long context and prefilled fields', () => {
    const rows = Array.from({ length: 10 }, (_, index) => ({ text: heavy(2000, index), note: heavy(2000, index + 1) }));
    const view: RowsView = {
      ...sample.rowsPage2,
      ...longHeader,
      rows,
      maxRows: 12,
      context: [
        { label: longLabel(1), value: heavy(2000) },
        { label: longLabel(2), value: heavy(2000, 3) },
      ],
      fields: [
        {
          kind: 'choice',
          id: 'metric',
          label: longLabel(3),
          required: true,
          options: manyOptions,
          own: { optionLabel: longLabel(4), inputLabel: longLabel(5), maxLength: 500, value: heavy(2000) },
        },
        {
          kind: 'text',
          id: 'baseline',
          label: longLabel(6),
          required: true,
          long: true,
          maxLength: 2000,
          value: heavy(2000, 4),
        },
        {
          kind: 'text',
          id: 'target',
          label: longLabel(7),
          required: true,
          long: true,
          maxLength: 2000,
          value: heavy(2000, 5),
        },
      ],
    };
    expectSendable(renderer.rows(view));
    expectSendable(renderer.rows({ ...view, maxRows: 10 }));
  });

  const answers = (count: number): AnswerItemView[] =>
    Array.from({ length: count }, (_, index) => ({
      questionId: `q.${index}`,
      question: longLabel(index),
      answerLines: index % 3 === 0 ? Array.from({ length: 10 }, (_, row) => heavy(2000, row)) : [heavy(2000, index)],
    }));

  it('my data with 45 long answers says the previews are shortened', () => {
    const card = renderer.myData({ ...sample.myData, answers: answers(45) });
    expectSendable(card);
    expect(JSON.stringify(card.content)).toContain('Long answers are shortened here');
    expect(JSON.stringify(card.content)).toContain('… and ');
  });

  it('review with 45 long answers in seven sections', () => {
    const all = answers(45);
    const sections = Array.from({ length: 7 }, (_, index) => ({
      title: longLabel(index),
      items: all.filter((_, n) => n % 7 === index),
    }));
    const card = renderer.review({ sections });
    expectSendable(card);
    expect(JSON.stringify(card.content)).toContain('Long answers are shortened here');
    expect((JSON.stringify(card.content).match(/"Edit"/g) ?? []).length).toBe(45);
  });

  it('a summary with 10 long statements each side, 12 long use cases, 10 long metric rows, 7 sections, long recommendations and five links', () => {
    const card = renderer.summary({
      title: longLabel(0),
      wants: Array.from({ length: 10 }, (_, index) => heavy(2000, index)),
      doNotWants: Array.from({ length: 10 }, (_, index) => heavy(2000, index + 1)),
      useCases: Array.from({ length: 12 }, (_, index) => ({
        title: heavy(2000, index),
        details: heavy(4000, index + 1),
        shared: index % 2 === 0,
      })),
      nextSteps: Array.from({ length: 5 }, (_, index) => ({
        title: heavy(40, index),
        url: `https://learn.microsoft.com/${'a'.repeat(460)}/${index}`,
      })),
      metrics: Array.from({ length: 10 }, (_, index) => ({
        goal: heavy(2000, index),
        metric: heavy(2000, index + 1),
        baseline: heavy(2000, index + 2),
        target: heavy(2000, index + 3),
        byWhen: heavy(2000, index + 4),
      })),
      readiness: Array.from({ length: 7 }, (_, index) => ({
        section: longLabel(index),
        mean: 1 + index * 0.55,
        stage: 'Implementing',
      })),
      recommendations: Array.from({ length: 7 }, (_, index) => heavy(2000, index)),
    });
    expectSendable(card);
    expect(JSON.stringify(card.content)).toContain('Some long entries are shortened here');
  });

  it('cards without long answers are not marked as shortened', () => {
    expect(JSON.stringify(renderer.myData(sample.myData).content)).not.toContain('shortened');
    expect(JSON.stringify(renderer.review(sample.review).content)).not.toContain('shortened');
    expect(JSON.stringify(renderer.summary(sample.summary).content)).not.toContain('shortened');
  });
});

describe('answer lists beyond a card', () => {
  const heavyItems = (count: number): AnswerItemView[] =>
    Array.from({ length: count }, (_, index) => ({
      questionId: `q.${index}`,
      question: heavy(400, index),
      answerLines: Array.from({ length: 10 }, (_, row) => heavy(2000, row)),
    }));

  it('shows at most 60 answers, says how many more there are, and stays under 80 KB with heavy pack text', () => {
    const myData = renderer.myData({ ...sample.myData, answers: heavyItems(80) });
    expectSendable(myData);
    expect(JSON.stringify(myData.content)).toContain('20 more answers are not shown here');
    expect(JSON.stringify(myData.content)).toContain('"value":"80"');
    const review = renderer.review({ sections: [{ title: heavy(400), items: heavyItems(80) }] });
    expectSendable(review);
    expect((JSON.stringify(review.content).match(/"Edit"/g) ?? []).length).toBe(60);
  });
});
