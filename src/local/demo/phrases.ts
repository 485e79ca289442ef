/** What the simulated people write: short, plausible answers in plain words (the demo's own wording). */

/** Use-case titles. */
export const USE_CASES: readonly string[] = [
  'Draft replies to routine customer emails',
  'Summarise long meeting notes into actions',
  'Search our internal policies in plain language',
  'Forecast demand from sales history',
  'Write first drafts of proposals',
  'Sort incoming support tickets by urgency',
  'Explain error logs to on-call engineers',
  'Write unit tests for older code',
  'Answer new starters’ questions in their first weeks',
  'Translate product documentation',
  'Spot unusual invoices before they are paid',
  'Prepare the weekly status report',
  'Tailor marketing campaigns to each segment',
  'Check contracts for missing clauses',
  'Answer HR questions about leave and benefits',
  'Suggest the next step for account managers',
  'Group customer feedback by topic',
  'Plan maintenance from sensor readings',
];

/** The text of rows by question id of the default pack (the want and do-not-want registers come from the pack's summary). */
export const ROW_TEXTS: Readonly<Record<string, readonly string[]>> = { 'uc-use-cases': USE_CASES };

/** What people want generative AI to do (spread over several summary themes). */
export const WANT: readonly string[] = [
  'Automate routine paperwork and form filling',
  'Take the manual copy-and-paste out of our workflows',
  'Find the right document in seconds',
  'Summarise long reports and email threads',
  'Turn our sales data into forecasts we can act on',
  'Spot trends in customer feedback early',
  'Help us brainstorm ideas for campaigns',
  'Draft first versions of marketing content',
  'Help developers test and debug code faster',
  'Coach new starters while they learn our tools',
  'Give people time back every week',
  'Answer customer questions around the clock',
  'Speed up quoting and save time',
];

/** What people do not want it to do. */
export const DO_NOT_WANT: readonly string[] = [
  'Replace people without a plan for their jobs',
  'Cut jobs to hit a savings target',
  'Make decisions about people without a human check',
  'Approve payments on its own',
  'Put confidential customer data into public tools',
  'Monitor how individual employees work',
  'Send out wrong facts that sound right',
  'Repeat bias from old data in hiring',
  'Talk to customers without saying it is a bot',
];

/** Free-text answers by question id of the default pack; other questions get GENERAL_NOTES. */
export const TEXT_ANSWERS: Readonly<Record<string, readonly string[]>> = {
  'bi-innovation-areas': [
    'Faster quotes for customers and fewer back-and-forth emails',
    'New self-service options on our website',
    'Product ideas from what customers already tell us',
    'Shorter time from an idea to a tested prototype',
    'Planning and scheduling in the warehouse',
  ],
  'bi-employee-changes': [
    'Less time on reports, more time with customers',
    'Everyone will need to learn to check what the tool writes',
    'Some roles shift from doing the work to reviewing it',
    'New starters get productive sooner',
    'Not sure yet: we need to try it first',
  ],
  'bi-customer-changes': [
    'Quicker answers, also outside office hours',
    'Offers that fit what they actually bought before',
    'Fewer mistakes in orders and invoices',
    'They will expect the same speed from every team',
  ],
};

export const GENERAL_NOTES: readonly string[] = [
  'We should start small and learn from one team first',
  'Clear guidance on which tools are allowed would help',
  'Time to experiment matters more than budget right now',
  'Good examples from other teams would convince people',
];

/**
 * Baseline and target of each suggested metric of the default pack, as people would write them (numbers in the text, so
 * the summary can show the spread). `[low, high]` is where baselines fall; `change` moves the target.
 */
export const METRIC_FIGURES: Readonly<Record<string, { unit: string; low: number; high: number; change: number }>> = {
  csat: { unit: '% satisfied', low: 60, high: 80, change: 10 },
  nps: { unit: ' NPS', low: 5, high: 35, change: 15 },
  'retention-rate': { unit: '% retained', low: 70, high: 90, change: 5 },
  'efficiency-ratio': { unit: '% efficiency', low: 50, high: 75, change: 10 },
  'task-completion-time': { unit: ' minutes per task', low: 30, high: 90, change: -15 },
  'employee-satisfaction': { unit: '% satisfied', low: 55, high: 75, change: 10 },
  'cycle-time': { unit: ' days cycle time', low: 5, high: 20, change: -3 },
  oee: { unit: '% OEE', low: 55, high: 75, change: 8 },
  'workflow-completion-rate': { unit: '% completed', low: 60, high: 85, change: 10 },
  'revenue-growth-rate': { unit: '% growth', low: 2, high: 8, change: 3 },
  'revenue-per-user': { unit: ' EUR per user', low: 40, high: 120, change: 15 },
  'conversion-rate': { unit: '% conversion', low: 2, high: 6, change: 1 },
  'cost-reduction': { unit: '% lower cost', low: 0, high: 5, change: 10 },
  'cost-per-unit': { unit: ' EUR per unit', low: 8, high: 30, change: -3 },
  'opex-capex-ratio': { unit: ' OPEX to CAPEX', low: 1, high: 3, change: -1 },
  'defect-rate': { unit: '% defects', low: 2, high: 8, change: -2 },
  'customer-complaints': { unit: ' complaints a month', low: 20, high: 80, change: -15 },
  'qa-score': { unit: ' QA score', low: 60, high: 85, change: 8 },
};
