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

  it('resolves the paths in questionnaire order and the one each group starts on', () => {
    expect(index.paths.map((path) => [path.id, path.minutes])).toEqual([
      ['short', 10],
      ['full', 25],
    ]);
    const short = index.path('short')!;
    const ordered = index
      .allQuestions()
      .map(({ question }) => question.id)
      .filter((id) => short.questionIds.has(id));
    expect([...short.questionIds]).toEqual(ordered);
    expect(index.pathFor(undefined, 'employee')).toBe(short);
    expect(index.pathFor(undefined, 'leader').id).toBe('full');
    expect(index.pathFor('full', 'employee').id).toBe('full');
    expect(index.pathFor('retired-path', 'employee')).toBe(short);
    expect(index.path('nope')).toBeUndefined();
  });

  it("numbers a section's questions within a path", () => {
    const short = index.path('short')!;
    const refs = index.questionsOnPath('business-impact', short);
    expect(refs.map((ref) => [ref.question.id, ref.indexInSection, ref.sectionTotal])).toEqual([
      ['bi-process-openness', 1, 4],
      ['bi-strategy-communication', 2, 4],
      ['bi-experimentation', 3, 4],
      ['bi-leadership-support', 4, 4],
    ]);
    expect(index.questionsOnPath('leadership-buy-in', short)).toEqual([]);
    expect(index.questionsOnPath('business-impact', index.path('full')!)).toEqual(index.questionsOf('business-impact'));
  });

  it('finds the first answered question in questionnaire order', () => {
    expect(index.firstAnswered({ 'am-want': 1, 'uc-use-cases': 1, retired: 1 })).toBe('uc-use-cases');
    expect(index.firstAnswered({})).toBeUndefined();
  });

  it('gives a pack without paths one path of every question, for everyone', () => {
    const plain = new ContentIndex({ ...index.pack, paths: undefined });
    expect(plain.paths).toHaveLength(1);
    expect(plain.pathFor(undefined, 'employee')).toBe(plain.pathFor(undefined, 'leader'));
    expect(plain.paths[0].questionIds.size).toBe(plain.allQuestions().length);
    expect(plain.paths[0].minutes).toBeUndefined();
  });
});
