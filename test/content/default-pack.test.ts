import { readFileSync } from 'node:fs';
import {
  defaultContentPackPath,
  loadContentPack,
  type ContentPack,
  type Question,
  type RowsQuestion,
} from '../../src/content';
import { packLexicon } from '../../src/portfolio/concept-lexicon';
import { normaliseTitle } from '../../src/portfolio/normalise-title';

/** Sections and considerations of SPEC §2, in order. */
const SPEC_OUTLINE: ReadonlyArray<[string, string[]]> = [
  ['business-impact', ['industry-impact', 'adapt-and-learn', 'change-management', 'positive-culture']],
  ['leadership-buy-in', ['buy-in']],
  ['use-cases', ['value-propositions']],
  ['benefits-awareness', ['awareness']],
  ['ambition', ['ambition-statements']],
  ['success-metrics', ['metrics-to-goals']],
  ['decision-readiness', ['decision-framework', 'readiness-check']],
];

const pack: ContentPack = loadContentPack();
const questions: Question[] = pack.sections.flatMap((section) =>
  section.considerations.flatMap((consideration) => consideration.questions),
);
const question = (id: string): Question => {
  const found = questions.find((candidate) => candidate.id === id);
  if (found === undefined) throw new Error(`no question ${id}`);
  return found;
};
const rows = (id: string): RowsQuestion => {
  const found = question(id);
  if (found.kind !== 'rows') throw new Error(`${id} is not a rows question`);
  return found;
};

describe('the default content pack', () => {
  it('loads with its id and version', () => {
    expect(pack.id).toBe('caf-genai-strategy');
    expect(pack.version).toBe('1.1.0');
  });

  it('covers the seven sections and every consideration of SPEC §2 in order', () => {
    expect(
      pack.sections.map((section) => [section.id, section.considerations.map((consideration) => consideration.id)]),
    ).toEqual(SPEC_OUTLINE);
  });

  it('has unique ids and a questionnaire of a sensible size', () => {
    const ids = questions.map((candidate) => candidate.id);
    expect(new Set(ids).size).toBe(ids.length);
    const considerationIds = pack.sections.flatMap((section) =>
      section.considerations.map((consideration) => consideration.id),
    );
    expect(new Set(considerationIds).size).toBe(considerationIds.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9][a-z0-9-]{0,63}$/);
    expect(questions.length).toBeGreaterThanOrEqual(35);
    expect(questions.length).toBeLessThanOrEqual(45);
    for (const section of pack.sections)
      expect(section.considerations.flatMap((c) => c.questions).length).toBeLessThanOrEqual(12);
  });

  it('gives every consideration guidance and a recommendation, and points the last section to CAF planning', () => {
    for (const section of pack.sections) {
      expect(section.recommendation.length).toBeGreaterThan(20);
      for (const consideration of section.considerations) {
        expect(consideration.guidance.length).toBeGreaterThan(20);
        expect(consideration.recommendation.length).toBeGreaterThan(20);
      }
    }
    expect(pack.sections[6]?.recommendation).toMatch(/planning for generative AI/i);
  });

  it('never pastes the seed article sentences', () => {
    const seed = [
      'Determine the impact on your industry',
      'Incorporate feedback mechanisms',
      'How much does your organization encourage',
      'Does leadership understand the value of GAI',
    ];
    const text = readFileSync(defaultContentPackPath(), 'utf8');
    for (const sentence of seed) expect(text).not.toContain(sentence);
  });

  it('asks awareness as a multi-choice where "none" excludes the rest', () => {
    const awareness = question('ba-awareness-initiatives');
    expect(awareness.kind).toBe('multi');
    if (awareness.kind !== 'multi') return;
    expect(awareness.options.map((option) => option.value)).toEqual([
      'training',
      'workshops',
      'communities-of-practice',
      'hackathons',
      'none',
    ]);
    expect(awareness.exclusive).toBe('none');
  });

  it('collects use cases, ambition statements, metrics and build approaches as rows', () => {
    expect(rows('uc-use-cases').fields.map((field) => [field.id, field.kind, field.page])).toEqual([
      ['title', 'text', 1],
      ['value', 'rating', 1],
      ['feasibility', 'rating', 1],
      ['goal', 'goal', 1],
      ['share', 'consent', 1],
    ]);
    // The consent toggle starts on, says what it does in the person's words, and can always be turned off.
    expect(rows('uc-use-cases').fields.find((field) => field.kind === 'consent')).toMatchObject({
      label: 'Share this idea with leaders (without my name)',
      required: false,
      defaultOn: true,
    });
    expect(rows('am-want').fields).toHaveLength(1);
    expect(rows('am-do-not-want').fields).toHaveLength(1);
    expect(rows('sm-metrics').fields.map((field) => field.kind)).toEqual([
      'goal',
      'rowRef',
      'metric',
      'text',
      'text',
      'timeFrame',
    ]);
    // A use case, the five guided questions of the build decision, and the approach worked out from them.
    expect(rows('dr-build-approach').fields.map((field) => [field.id, field.kind])).toEqual([
      ['use-case', 'rowRef'],
      ['users', 'choice'],
      ['own-data', 'choice'],
      ['custom-model', 'choice'],
      ['skills', 'choice'],
      ['time-to-value', 'choice'],
      ['approach', 'recommendation'],
    ]);
    // Rows stored when the approach was chosen by hand keep their labels.
    const approach = rows('dr-build-approach').fields.find((field) => field.kind === 'recommendation');
    expect(approach?.kind === 'recommendation' && approach.formerOptions?.map((option) => option.value)).toEqual([
      'buy-saas',
      'low-code',
      'paas',
      'iaas',
      'undecided',
    ]);
  });

  it('asks employees a short path of culture, awareness, use cases, ambition and metrics, and leaders every question', () => {
    expect(pack.paths?.defaults).toEqual({ leader: 'full', employee: 'short' });
    const [short, full] = pack.paths?.list ?? [];
    expect([short?.id, full?.id]).toEqual(['short', 'full']);
    expect(full?.questions).toBe('all');
    const asked = short?.questions === 'all' ? [] : (short?.questions ?? []);
    expect(asked.length).toBeLessThanOrEqual(15);
    expect(short?.minutes).toBeLessThanOrEqual(15);
    expect(asked).toEqual(
      expect.arrayContaining(['bi-experimentation', 'bi-leadership-support', 'uc-use-cases', 'am-want', 'sm-metrics']),
    );
    expect(asked.filter((id) => id.startsWith('ba-'))).toHaveLength(3);
    // What an employee cannot know stays with the leaders' path.
    expect(asked).not.toEqual(expect.arrayContaining(['lb-budget-mapped']));
    expect(asked).not.toEqual(expect.arrayContaining(['lb-budget-anchored']));
    // The personal card's ambition and metrics come from questions the short path asks.
    expect(asked).toEqual(expect.arrayContaining([pack.summary.want, pack.summary.doNotWant, pack.summary.metrics]));
  });

  it('suggests the CAF example metrics per business goal', () => {
    expect(
      Object.fromEntries(pack.goals.map((goal) => [goal.value, goal.metrics.map((metric) => metric.value)])),
    ).toEqual({
      'customer-satisfaction': ['csat', 'nps', 'retention-rate'],
      'employee-productivity': ['efficiency-ratio', 'task-completion-time', 'employee-satisfaction'],
      'operational-efficiency': ['cycle-time', 'oee', 'workflow-completion-rate'],
      revenue: ['revenue-growth-rate', 'revenue-per-user', 'conversion-rate'],
      cost: ['cost-reduction', 'cost-per-unit', 'opex-capex-ratio'],
      'product-quality': ['defect-rate', 'customer-complaints', 'qa-score'],
    });
  });

  it('has the stages, limits and pulse templates the dialogs expect', () => {
    expect(pack.stages.map((stage) => stage.label)).toEqual([
      'Exploring',
      'Planning',
      'Implementing',
      'Scaling',
      'Realizing',
    ]);
    expect(pack.limits).toEqual({ shortText: 200, longText: 2000, maxRows: 10 });
    expect(pack.summary).toEqual({
      want: 'am-want',
      doNotWant: 'am-do-not-want',
      metrics: 'sm-metrics',
      metricFields: { goal: 'goal', metric: 'metric', baseline: 'baseline', target: 'target', timeFrame: 'time-frame' },
      themes: ['bi-innovation-areas', 'bi-employee-changes', 'bi-customer-changes'].map((question) => ({
        question,
        title: expect.any(String),
      })),
      counts: ['ba-awareness-initiatives', 'bi-change-channels'].map((question) => ({
        question,
        title: expect.any(String),
      })),
      nextSteps: [
        {
          title: 'Shape the AI strategy (CAF)',
          url: 'https://learn.microsoft.com/azure/cloud-adoption-framework/ai/strategy',
        },
        { title: 'Plan AI adoption (CAF)', url: 'https://learn.microsoft.com/azure/cloud-adoption-framework/ai/plan' },
        {
          title: 'Take the AI readiness assessment',
          url: 'https://learn.microsoft.com/assessments/94f1c697-9ba7-4d47-ad83-7c6bd94b1505/',
        },
      ],
    });
    expect(pack.pulseTemplates.map((template) => template.id)).toEqual([
      'ai-readiness',
      'change-communication',
      'leadership-support',
    ]);
    for (const template of pack.pulseTemplates) {
      expect(template.allowComment).toBe(true);
      for (const id of template.questions) expect(['rating', 'single']).toContain(question(id).kind);
    }
  });

  it('carries a vocabulary for grouping use-case titles: kinds of work and concepts across business functions', () => {
    const tasks = pack.portfolio?.tasks ?? [];
    const synonyms = pack.portfolio?.synonyms ?? [];
    expect(tasks.length).toBeGreaterThanOrEqual(20);
    expect(tasks.length + synonyms.length).toBeGreaterThanOrEqual(100);
    const lexicon = packLexicon(pack);
    const conceptOf = (word: string) => lexicon.conceptOf(normaliseTitle(word).tokens[0] ?? '');
    for (const words of [
      ['fraud', 'suspicious', 'anomaly'],
      ['detect', 'flag', 'spot'],
      ['summarise', 'recap', 'digest'],
      ['email', 'mail', 'inbox', 'e-mail'],
      ['triage', 'route', 'prioritise', 'classify'],
      ['forecast', 'predict'],
      ['contract', 'agreement'],
      ['invoice', 'bill'],
      ['chatbot', 'assistant', 'copilot'],
    ]) {
      expect(conceptOf(words[0])).toBeDefined();
      for (const word of words) expect([word, conceptOf(word)]).toEqual([word, conceptOf(words[0])]);
    }
    expect(conceptOf('invoice')).not.toBe(conceptOf('contract'));
  });
});
