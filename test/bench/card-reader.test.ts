import { answerFor, fillRow, rowsFingerprint, seedOf, storedFingerprint } from '../../scripts/bench/answers';
import { lastPrompt, readPrompt, type CardInput } from '../../scripts/bench/card-reader';

const ratingCard = {
  type: 'AdaptiveCard',
  body: [
    { type: 'TextBlock', text: 'Question 1 of 12' },
    {
      type: 'Input.ChoiceSet',
      id: 'answer',
      choices: ['1', '2', '3', '4', '5', 'dk'].map((value) => ({ title: value, value })),
    },
  ],
  actions: [
    { type: 'Action.Submit', title: 'Next', data: { sg: 'answer', questionId: 'q1', token: 't1' } },
    { type: 'Action.Submit', title: 'Skip', data: { sg: 'nav', nav: 'skip', questionId: 'q1', token: 't1' } },
  ],
};

const metricsCard = {
  type: 'AdaptiveCard',
  body: [
    {
      type: 'ColumnSet',
      columns: [
        {
          items: [
            {
              type: 'ActionSet',
              actions: [
                {
                  type: 'Action.Submit',
                  title: 'Remove',
                  data: { sg: 'rows', rowAction: 'remove', rowIndex: 0, questionId: 'sm', token: 't2' },
                },
              ],
            },
          ],
        },
      ],
    },
    {
      type: 'Container',
      items: [
        {
          type: 'Input.ChoiceSet',
          id: 'field.goal',
          choices: [{ value: 'revenue' }, { value: 'cost' }, { value: 'own' }],
        },
        { type: 'Input.Text', id: 'field.goal.own' },
        { type: 'Input.ChoiceSet', id: 'field.use-case', choices: [{ value: 'row-1' }] },
      ],
    },
  ],
  actions: [
    {
      type: 'Action.Submit',
      title: 'Add',
      data: { sg: 'rows', rowAction: 'add', page: 1, questionId: 'sm', token: 't2' },
    },
    {
      type: 'Action.Submit',
      title: 'Done — next question',
      data: { sg: 'rows', rowAction: 'done', questionId: 'sm', token: 't2' },
    },
  ],
};

describe('readPrompt', () => {
  it('reads a question card from its Next button and answer input', () => {
    expect(readPrompt(ratingCard)).toEqual({
      kind: 'question',
      card: ratingCard,
      questionId: 'q1',
      token: 't1',
      next: { sg: 'answer', questionId: 'q1', token: 't1' },
      input: { id: 'answer', kind: 'choice', multi: false, choices: ['1', '2', '3', '4', '5', 'dk'] },
    });
  });

  it('reads a rows card: page, stored rows (Remove buttons), Add, Done and the form inputs', () => {
    const prompt = readPrompt(metricsCard);
    expect(prompt).toMatchObject({ kind: 'rows', questionId: 'sm', token: 't2', page: 1, rowCount: 1 });
    expect(prompt?.kind === 'rows' && prompt.inputs.map((input) => input.id)).toEqual([
      'field.goal',
      'field.goal.own',
      'field.use-case',
    ]);
    expect(prompt?.kind === 'rows' && prompt.done).toMatchObject({ rowAction: 'done' });
  });

  it('finds no prompt on other cards and takes the newest card of a reply', () => {
    expect(readPrompt({ type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'Summary' }] })).toBeUndefined();
    const attach = (content: unknown) => ({
      type: 'message',
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content }],
    });
    expect(
      lastPrompt([{ type: 'message', text: 'Business impact' }, attach(metricsCard), attach(ratingCard)]),
    ).toMatchObject({ questionId: 'q1' });
    expect(lastPrompt([{ type: 'message', text: 'no card' }])).toBeUndefined();
  });
});

describe('answers', () => {
  const choice = (choices: string[], multi = false): CardInput => ({ id: 'answer', kind: 'choice', multi, choices });

  it('picks an offered choice, one or two of a multi-select, text for a text input', () => {
    expect(['1', '2', '3', '4', '5', 'dk']).toContain(
      answerFor(choice(['1', '2', '3', '4', '5', 'dk']), seedOf(3, 'q1')),
    );
    expect(['a', 'a,b']).toContain(answerFor(choice(['a', 'b', 'none'], true), 7));
    expect(answerFor(choice(['a', 'b', 'none'], true), 7, true)).toBe('a');
    expect(answerFor({ id: 'answer', kind: 'text', multi: false, choices: [] }, 42)).toBe('Bench answer 42');
    expect(answerFor(choice([]), 1)).toBeUndefined();
  });

  it('is stable for the same user and question', () => {
    expect(seedOf(1, 'q1')).toBe(seedOf(1, 'q1'));
    expect(seedOf(1, 'q1')).not.toBe(seedOf(2, 'q1'));
  });

  it('fills a row without the "own" option or its text input', () => {
    const prompt = readPrompt(metricsCard);
    if (prompt?.kind !== 'rows') throw new Error('not a rows card');
    for (let seed = 0; seed < 6; seed += 1) {
      const row = fillRow(prompt.inputs, seed);
      expect(Object.keys(row)).toEqual(['field.goal', 'field.use-case']);
      expect(['revenue', 'cost']).toContain(row['field.goal']);
      expect(row['field.use-case']).toBe('row-1');
    }
  });

  it('fingerprints stored answers the way they were sent', () => {
    expect(storedFingerprint({ kind: 'rating', value: 3 })).toBe('3');
    expect(storedFingerprint({ kind: 'rating', value: null })).toBe('dk');
    expect(storedFingerprint({ kind: 'single', value: 'two-way' })).toBe('two-way');
    expect(storedFingerprint({ kind: 'multi', values: ['a', 'b'] })).toBe('a,b');
    expect(storedFingerprint({ kind: 'text', text: 'Bench answer 1' })).toBe('Bench answer 1');
    expect(storedFingerprint({ kind: 'rows', rows: [{ rowId: 'x' }, { rowId: 'y' }] })).toBe(rowsFingerprint(2));
  });
});
