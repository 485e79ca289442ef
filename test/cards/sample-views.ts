import type {
  AnsweredView,
  AnswerItemView,
  ConfirmDeleteView,
  HelpView,
  MyDataView,
  NoticeView,
  QuestionView,
  ReviewView,
  RowsView,
  ScaleView,
  SummaryView,
  WelcomeView,
} from '../../src/cards/view-models';

export const scale: ScaleView = {
  labels: ['Not at all', 'A little', 'Moderately', 'Strongly', 'It will transform us'],
  dontKnowLabel: "Don't know",
};

const shortPath = {
  id: 'short',
  label: 'Short path',
  description: 'Culture, awareness, use cases, ambition and success metrics.',
  questionCount: 11,
  minutes: 10,
};
const fullPath = {
  id: 'full',
  label: 'Full path',
  description: 'Every question, budget and readiness included.',
  questionCount: 36,
  minutes: 25,
};

export const welcome: WelcomeView = {
  userName: 'Alex Wilber',
  hasProgress: true,
  answeredCount: 3,
  totalCount: 11,
  path: shortPath,
  otherPaths: [fullPath],
};

export const help: HelpView = { hasProgress: false, paths: [shortPath, fullPath] };

const header = {
  questionId: 'bi.industry.impact',
  token: 'k7Yc1-3fQ',
  progress: 'Business impact · 3 of 11',
  title: 'Industry impact',
  guidance:
    'Think about how generative AI could change the products, services and ways of working in your industry over the next two years.',
  text: 'How strongly will generative AI change your industry?',
  hint: 'Consider competitors, customers and regulators.',
  canGoBack: true,
};

export const answered: AnsweredView = {
  questionId: 'bi.industry.impact',
  progress: 'Business impact · 8 of 12',
  answer: '4 · To a large extent',
};

export const ratingQuestion: QuestionView = { ...header, input: { kind: 'rating', scale, value: '4' } };

export const singleQuestion: QuestionView = {
  ...header,
  questionId: 'dr.approach',
  hint: undefined,
  canGoBack: false,
  input: {
    kind: 'single',
    options: [
      { value: 'saas', label: 'Buy a SaaS product' },
      { value: 'lowcode', label: 'Build with low-code tools' },
      { value: 'paas', label: 'Build on platform services' },
      { value: 'iaas', label: 'Run on our own infrastructure' },
    ],
  },
};

export const multiQuestion: QuestionView = {
  ...header,
  questionId: 'ba.awareness',
  input: {
    kind: 'multi',
    options: [
      { value: 'training', label: 'Training' },
      { value: 'workshops', label: 'Workshops' },
      { value: 'communities', label: 'Communities of practice' },
      { value: 'none', label: 'None yet' },
    ],
    values: ['training', 'workshops'],
  },
};

export const textQuestion: QuestionView = {
  ...header,
  questionId: 'bi.adapt.employees',
  input: {
    kind: 'text',
    long: true,
    maxLength: 2000,
    placeholder: 'A few sentences',
    value: 'Fewer manual reports;\nmore time with customers.',
  },
};

const metricsFields: RowsView['fields'] = [
  {
    kind: 'choice',
    id: 'goal',
    label: 'Business goal',
    required: true,
    options: [
      { value: 'csat', label: 'Customer satisfaction' },
      { value: 'productivity', label: 'Employee productivity' },
      { value: 'efficiency', label: 'Operational efficiency' },
    ],
    own: { optionLabel: 'My own goal (type below)', inputLabel: 'Your own goal', maxLength: 120 },
  },
  {
    kind: 'choice',
    id: 'useCase',
    label: 'For which use case?',
    required: false,
    options: [
      { value: '0', label: 'Draft replies to customer emails' },
      { value: '1', label: 'Summarise incident reports' },
    ],
  },
];

export const rowsPage1: RowsView = {
  ...header,
  questionId: 'sm.metrics',
  progress: 'Success metrics · 9 of 11',
  title: 'Success metrics mapped to business goals',
  text: 'Which metrics will show that AI is helping a business goal?',
  rowLabel: 'metric',
  rows: [{ text: 'Customer satisfaction → CSAT: 72 → 80 by end of 2027' }],
  maxRows: 10,
  page: 1,
  context: [],
  fields: metricsFields,
};

export const rowsPage2: RowsView = {
  ...rowsPage1,
  page: 2,
  context: [{ label: 'Business goal', value: 'Customer satisfaction' }],
  fields: [
    {
      kind: 'choice',
      id: 'metric',
      label: 'Metric',
      required: true,
      options: [
        { value: 'csat', label: 'CSAT' },
        { value: 'nps', label: 'Net Promoter Score' },
      ],
      own: { optionLabel: 'My own metric (type below)', inputLabel: 'Your own metric', maxLength: 120 },
    },
    { kind: 'text', id: 'baseline', label: 'Baseline', required: true, long: false, maxLength: 120 },
    { kind: 'text', id: 'target', label: 'Target', required: true, long: false, maxLength: 120 },
    {
      kind: 'choice',
      id: 'byWhen',
      label: 'By when',
      required: true,
      options: [
        { value: '6m', label: 'Within 6 months' },
        { value: '12m', label: 'Within a year' },
      ],
    },
  ],
};

export const useCaseRows: RowsView = {
  ...header,
  questionId: 'uc.candidates',
  progress: 'Use cases · 6 of 11',
  title: 'Use cases and value',
  text: 'Which use cases could generative AI help with?',
  rowLabel: 'use case',
  rows: [],
  maxRows: 10,
  page: 1,
  context: [],
  fields: [
    {
      kind: 'text',
      id: 'title',
      label: 'Use case',
      required: true,
      long: false,
      maxLength: 200,
      placeholder: 'e.g. Draft replies to customer emails',
    },
    { kind: 'rating', id: 'value', label: 'Rough business value', required: true, scale },
    { kind: 'rating', id: 'feasibility', label: 'Feasibility', required: false, scale },
    {
      kind: 'toggle',
      id: 'share',
      label: 'Share this idea with leaders (without my name)',
      required: false,
      value: true,
    },
  ],
};

/** Build approaches: each row with its recommended approach (or, stored before the guided questions, the choice made). */
export const buildApproachRows: RowsView = {
  ...header,
  questionId: 'dr.build',
  progress: 'Decision framework · 1 of 6',
  title: 'AI decision framework',
  text: 'How would we prefer to build each use case?',
  rowLabel: 'build approach',
  rows: [
    {
      text: 'Use case: Triage tickets · Who will use it: A business process',
      note: 'Recommended: A low-code agent in Copilot Studio — Makers can build it without a development team.',
    },
    { text: 'Use case: Draft replies', note: 'Your earlier choice: Buy a SaaS solution' },
  ],
  maxRows: 10,
  page: 1,
  context: [],
  fields: [
    {
      kind: 'choice',
      id: 'users',
      label: 'Who will use it',
      required: true,
      options: [
        { value: 'individual', label: 'People, in their own daily work' },
        { value: 'process', label: 'A business process' },
      ],
    },
  ],
};

const item = (questionId: string, question: string, ...answerLines: string[]): AnswerItemView => ({
  questionId,
  question,
  answerLines,
});

export const review: ReviewView = {
  sections: [
    {
      title: 'Business impact',
      items: [
        item('bi.industry.impact', 'How strongly will generative AI change your industry?', '4 · Strongly'),
        item(
          'bi.adapt.employees',
          'What will change for employees?',
          'Fewer manual reports; more time with customers.',
        ),
      ],
    },
    {
      title: 'Use cases and value propositions',
      items: [
        item(
          'uc.candidates',
          'Which use cases could generative AI help with?',
          'Draft replies to customer emails (value 4, feasibility 5)',
          'Summarise incident reports (value 3, feasibility 4)',
        ),
      ],
    },
  ],
};

export const summary: SummaryView = {
  title: 'Your AI ambition & success metrics',
  wants: ['Take the drudgery out of reporting', 'Help new starters find answers fast'],
  doNotWants: ['Make decisions about people without a human', 'Send anything to customers unchecked'],
  useCases: [
    {
      title: 'Draft replies to customer emails',
      details: 'Business value: 4 – High · Feasibility: 5 – Very high · Business goal: Customer satisfaction',
      shared: true,
    },
    { title: 'Summarise incident reports', details: 'Business goal: Fewer night shifts', shared: false },
  ],
  metrics: [
    { goal: 'Customer satisfaction', metric: 'CSAT', baseline: '72', target: '80', byWhen: 'Within a year' },
    {
      goal: 'Employee productivity',
      metric: 'Task completion time',
      baseline: '3 days',
      target: '1 day',
      byWhen: 'Within 6 months',
    },
  ],
  readiness: [
    { section: 'Business impact', mean: 3.4, stage: 'Planning' },
    { section: 'Leadership buy-in', mean: 2.25, stage: 'Exploring' },
    { section: 'Benefits and awareness', mean: null, stage: 'Not rated' },
  ],
  recommendations: [
    'Agree a short vision statement with leadership and map budgets to it.',
    'Start an AI community of practice and a basic training path.',
    'Pick two use cases with high value and feasibility for a pilot.',
    'A fourth recommendation that is not shown.',
  ],
};

export const myData: MyDataView = {
  packId: 'caf-genai-strategy',
  packVersion: '1.0.0',
  lastUpdated: 'Thu 12 Nov, 15:05 Berlin time',
  answers: review.sections.flatMap((section) => section.items),
  other: { pulseResponses: 2, pulsesReceived: 3, digest: 'weekly' },
};

export const confirmDelete: ConfirmDeleteView = { token: 'del-9f2c', answerCount: 7 };

export const notice: NoticeView = {
  title: "Sorry, I didn't get that",
  message: 'Type "help" to see what I can do.',
  action: { title: 'Help', command: 'help' },
};
