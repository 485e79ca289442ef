/**
 * Deterministic grouping of free-text statements into themes: the text is lower-cased and split into words, and the
 * statement belongs to the FIRST theme in this list that has a word starting with one of its stems. No match: "other".
 * The same text always lands in the same theme, so counters can be maintained incrementally and rebuilt exactly.
 */
export interface Theme {
  id: string;
  label: string;
  /** Word beginnings, lower case. */
  stems: readonly string[];
}

export const THEMES: readonly Theme[] = [
  {
    id: 'jobs',
    label: 'Jobs and roles',
    stems: ['job', 'replac', 'layoff', 'redundan', 'headcount', 'fire', 'unemploy'],
  },
  {
    id: 'privacy',
    label: 'Privacy and data protection',
    stems: ['privacy', 'private', 'personal', 'confidential', 'gdpr', 'surveil', 'monitor', 'leak', 'secret'],
  },
  {
    id: 'decisions',
    label: 'Decisions and human oversight',
    stems: ['decid', 'decision', 'judg', 'oversight', 'approv', 'accountab', 'autonom', 'unsupervis', 'human'],
  },
  {
    id: 'trust',
    label: 'Accuracy, bias and trust',
    stems: ['accura', 'bias', 'hallucin', 'wrong', 'error', 'mistake', 'fair', 'trust', 'misinform', 'fake', 'ethic'],
  },
  {
    id: 'customers',
    label: 'Customers and service',
    stems: ['customer', 'client', 'patient', 'citizen', 'service', 'support', 'complain', 'satisf'],
  },
  {
    id: 'automation',
    label: 'Automating routine work',
    stems: [
      'automat',
      'routine',
      'repetit',
      'manual',
      'admin',
      'paperwork',
      'tedious',
      'boring',
      'workflow',
      'process',
    ],
  },
  {
    id: 'knowledge',
    label: 'Finding and summarising knowledge',
    stems: ['search', 'find', 'summar', 'knowledge', 'document', 'report', 'meeting', 'email', 'note', 'research'],
  },
  {
    id: 'insight',
    label: 'Data, insight and forecasting',
    stems: ['data', 'insight', 'analy', 'forecast', 'predict', 'trend', 'dashboard', 'metric'],
  },
  {
    id: 'creativity',
    label: 'Ideas, content and creativity',
    stems: ['idea', 'creativ', 'content', 'design', 'draft', 'writ', 'marketing', 'brainstorm', 'innovat'],
  },
  {
    id: 'code',
    label: 'Software and engineering',
    stems: ['code', 'coding', 'software', 'develop', 'engineer', 'test', 'debug', 'program'],
  },
  {
    id: 'learning',
    label: 'Skills and learning',
    stems: ['learn', 'skill', 'train', 'onboard', 'coach', 'mentor', 'upskill', 'educat'],
  },
  {
    id: 'cost',
    label: 'Cost, speed and productivity',
    stems: ['cost', 'cheap', 'saving', 'save', 'time', 'fast', 'speed', 'quick', 'productiv', 'efficien', 'revenue'],
  },
  // Added for the free-text questions on innovation and on how work changes; last, so earlier statements keep theirs.
  {
    id: 'products',
    label: 'New products, offers and markets',
    stems: ['product', 'offering', 'tailor', 'market', 'pricing', 'sales', 'sell'],
  },
  {
    id: 'wellbeing',
    label: 'Workload and wellbeing',
    stems: ['workload', 'stress', 'burnout', 'wellbeing', 'balance', 'overtime', 'pressure', 'fatigue'],
  },
];

export const OTHER_THEME: Theme = { id: 'other', label: 'Other', stems: [] };

const WORD = /[\p{L}\p{N}]+/gu;

/** The theme a statement belongs to (see the module comment for the rule). */
export function themeOf(text: string): Theme {
  const words = text.toLowerCase().match(WORD) ?? [];
  return THEMES.find((theme) => words.some((word) => theme.stems.some((stem) => word.startsWith(stem)))) ?? OTHER_THEME;
}

/** The theme with this id ("other" for an unknown id). */
export function themeById(id: string): Theme {
  return THEMES.find((theme) => theme.id === id) ?? OTHER_THEME;
}
