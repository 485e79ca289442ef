import { ContentIndex, loadContentPack } from '../../src/content';

const index = new ContentIndex(loadContentPack());

describe('ContentIndex', () => {
  it("lists a section's questions in order with their 1-based position", () => {
    const refs = index.questionsOf('business-impact');
    expect(refs.map((ref) => ref.indexInSection)).toEqual(refs.map((_, i) => i + 1));
    expect(new Set(refs.map((ref) => ref.sectionTotal))).toEqual(new Set([refs.length]));
    expect(refs[0]?.question.id).toBe('bi-industry-impact');
    expect(refs[0]?.consideration.id).toBe('industry-impact');
    expect(refs.at(-1)?.consideration.id).toBe('positive-culture');
    expect(index.questionsOf('no-such-section')).toEqual([]);
  });

  it('finds a question with its section and consideration', () => {
    const ref = index.find('sm-metrics');
    expect(ref?.section.id).toBe('success-metrics');
    expect(ref?.consideration.id).toBe('metrics-to-goals');
    expect(ref?.indexInSection).toBe(1);
    expect(index.find('nope')).toBeUndefined();
  });

  it('walks all questions in questionnaire order', () => {
    const all = index.allQuestions();
    expect(all).toHaveLength(index.sections.reduce((sum, section) => sum + index.questionsOf(section.id).length, 0));
    expect(all[0]?.question.id).toBe('bi-industry-impact');
    expect(all.at(-1)?.question.id).toBe('dr-infrastructure');
    expect(all.map((ref) => ref.section.id).filter((id, i, ids) => id !== ids[i - 1])).toEqual(
      index.sections.map((section) => section.id),
    );
  });

  it.each([
    [0.5, 'exploring'],
    [1, 'exploring'],
    [1.99, 'exploring'],
    [2, 'planning'],
    [2.7499, 'planning'],
    [2.75, 'implementing'],
    [11 / 4, 'implementing'],
    [3.49, 'implementing'],
    [3.5, 'scaling'],
    [4.2499, 'scaling'],
    [4.25, 'realizing'],
    [5, 'realizing'],
  ])('maps a mean of %p to the %s stage', (mean, stage) => {
    expect(index.stageFor(mean).id).toBe(stage);
  });

  it('refuses a mean that is not a number', () => {
    expect(() => index.stageFor(Number.NaN)).toThrow(RangeError);
  });

  it('looks up scales, goals, sections and pulse templates', () => {
    expect(index.scale('agreement')?.labels).toHaveLength(5);
    expect(index.scale('constructor')).toBeUndefined();
    expect(index.goal('revenue')?.metrics.map((metric) => metric.value)).toContain('conversion-rate');
    expect(index.goal('happiness')).toBeUndefined();
    expect(index.section('ambition')?.title).toBe('Ambition');
    expect(index.pulseTemplate('leadership-support')?.questions.length).toBeGreaterThanOrEqual(3);
  });
});
