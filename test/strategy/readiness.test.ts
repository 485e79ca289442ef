import { ContentIndex } from '../../src/content/content-index';
import { loadContentPack } from '../../src/content/load-content-pack';
import type { AnswerMap } from '../../src/domain/answers';
import { personalReadiness, topRecommendations } from '../../src/strategy/readiness';

const index = new ContentIndex(loadContentPack());
const short = index.path('short')!;
const full = index.path('full')!;

/** Every rating question answered with `rating`, and the budget questions (not on the short path) with 1. */
function answers(rating: number): AnswerMap {
  const map: AnswerMap = {};
  for (const { question } of index.allQuestions())
    if (question.kind === 'rating')
      map[question.id] = { kind: 'rating', value: question.id.startsWith('lb-budget') ? 1 : rating };
  return map;
}

describe('personal readiness on the person’s path', () => {
  it('rates only the sections in which the path asks for a rating, from the ratings of its questions', () => {
    const onShort = personalReadiness(index, answers(4), short);
    expect(onShort.map((section) => section.sectionId)).toEqual([
      'business-impact',
      'use-cases',
      'benefits-awareness',
      'ambition',
      'success-metrics',
    ]);
    for (const section of onShort) expect(section.mean).toBe(4);
    const onFull = personalReadiness(index, answers(4), full);
    expect(onFull.map((section) => section.sectionId)).toEqual(index.sections.map((section) => section.id));
    // The budget ratings count on the full path only.
    expect(onFull.find((section) => section.sectionId === 'leadership-buy-in')?.mean).toBeLessThan(4);
  });

  it('recommends from the considerations of the path only', () => {
    const buyIn = index.section('leadership-buy-in')!.considerations[0].recommendation;
    expect(topRecommendations(index, answers(4), full)).toContain(buyIn);
    expect(topRecommendations(index, answers(4), short)).not.toContain(buyIn);
  });
});
