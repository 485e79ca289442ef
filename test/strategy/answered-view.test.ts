import { ContentIndex, type QuestionRef } from '../../src/content/content-index';
import { loadContentPack } from '../../src/content/load-content-pack';
import type { Question } from '../../src/content/types';
import type { AnswerMap } from '../../src/domain/answers';
import { answeredView, plural } from '../../src/strategy/answered-view';

const pack = loadContentPack();
const refs = new ContentIndex(pack).allQuestions();
const first = <K extends Question['kind']>(kind: K): QuestionRef & { question: Extract<Question, { kind: K }> } => {
  const ref = refs.find((candidate) => candidate.question.kind === kind);
  if (!ref) throw new Error(`the pack has no ${kind} question`);
  return ref as QuestionRef & { question: Extract<Question, { kind: K }> };
};
const answerOf = (ref: QuestionRef, answers: AnswerMap, left: Parameters<typeof answeredView>[3] = 'movedOn') =>
  answeredView(ref, pack, answers, left).answer;

describe('the record an answered card becomes', () => {
  it('says where the question is, as its card did', () => {
    const ref = first('rating');
    expect(answeredView(ref, pack, {}, 'movedOn')).toEqual({
      questionId: ref.question.id,
      progress: `${ref.section.title} · ${ref.indexInSection} of ${ref.sectionTotal}`,
      answer: 'not answered',
    });
  });

  it('gives a rating as the card read it, and "don\'t know" as its label', () => {
    const ref = first('rating');
    const scale = pack.scales[ref.question.scale];
    expect(answerOf(ref, { [ref.question.id]: { kind: 'rating', value: 4 } })).toBe(`4 · ${scale.labels[3]}`);
    expect(answerOf(ref, { [ref.question.id]: { kind: 'rating', value: null } })).toBe(scale.dontKnowLabel);
  });

  it('gives choices by their labels and text as typed', () => {
    const single = first('single');
    const option = single.question.options[1];
    expect(answerOf(single, { [single.question.id]: { kind: 'single', value: option.value } })).toBe(option.label);
    const text = first('text');
    expect(answerOf(text, { [text.question.id]: { kind: 'text', text: 'Faster proposals' } })).toBe('Faster proposals');
  });

  it('says "skipped" only for Skip with nothing stored; a kept answer is shown whatever the button', () => {
    const ref = first('rating');
    expect(answerOf(ref, {}, 'skipped')).toBe('skipped');
    expect(answerOf(ref, { [ref.question.id]: { kind: 'rating', value: 2 } }, 'skipped')).toMatch(/^2 · /);
  });

  it('counts rows, "so far" while the same question goes on', () => {
    const ref = first('rows');
    const { rowLabel } = ref.question;
    const rows = (n: number): AnswerMap => ({
      [ref.question.id]: { kind: 'rows', rows: Array.from({ length: n }, (_, i) => ({ rowId: `r${i}` })) },
    });
    expect(answerOf(ref, rows(1))).toBe(`1 ${rowLabel}`);
    expect(answerOf(ref, rows(3))).toBe(`3 ${plural(rowLabel)}`);
    expect(answerOf(ref, rows(2), 'rowsChanged')).toBe(`2 ${plural(rowLabel)} so far`);
    expect(answerOf(ref, {}, 'rowsChanged')).toBe(`no ${plural(rowLabel)} so far`);
    expect(answerOf(ref, {}, 'skipped')).toBe('skipped');
    expect(answerOf(ref, {})).toBe(`no ${plural(rowLabel)}`);
  });

  it.each([
    ['use case', 'use cases'],
    ['statement', 'statements'],
    ['build approach', 'build approaches'],
    ['priority', 'priorities'],
    ['key', 'keys'],
  ])('plural of %s is %s', (noun, expected) => {
    expect(plural(noun)).toBe(expected);
  });
});
