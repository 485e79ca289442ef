import { total, type Counters } from '../aggregation/contributions';
import { scrubNames, type QuoteSlots } from '../aggregation/quotes';
import { themeById } from '../aggregation/themes';
import type { Question } from '../content/types';
import { isSafe, shownParts } from './disclosure';
import { effectiveGroup, reaches, type Thresholds } from './thresholds';

export interface ThemeFigure {
  themeId: string;
  label: string;
  /** People with at least one statement in the theme. */
  people: number;
  /** Example statements, names removed; only when at least the comment threshold of people are in the theme. */
  quotes: string[];
}

/** What people wrote in answer to one question (a free-text question or statement rows), grouped into themes. */
export interface ThemeRegister {
  /** False when fewer people than the threshold answered the question: then nothing else is shown. */
  enough: boolean;
  /** People who answered the question; null when those who did not (people minus this) would be a small group. */
  respondents: number | null;
  /** Themes at or above the threshold, most people first. */
  themes: ThemeFigure[];
  /** How many themes were left out: too few people, or the people left over would be too few. */
  hiddenThemes: number;
}

const MAX_QUOTES_PER_THEME = 2;

/**
 * The themes of one question's statements, from its counters: people per theme of a free-text question
 * (`theme:<id>`, one answer each) or of a statement-rows question's text fields (`field:<id>:themePeople:<id>`).
 * `people` is everyone who answered anything, so the respondents are shown only when the rest is not a small group.
 */
export function themeRegister(
  question: Question | undefined,
  counters: Counters,
  slots: QuoteSlots,
  people: number,
  thresholds: Thresholds,
): ThemeRegister {
  const k = effectiveGroup(thresholds);
  const respondents = total(counters, 'n');
  if (!reaches(respondents, thresholds)) return { enough: false, respondents: null, themes: [], hiddenThemes: 0 };
  const prefixes = themePrefixes(question);
  const byTheme = new Map<string, number>();
  for (const name of roleless(counters)) {
    for (const { counter } of prefixes) {
      if (!name.startsWith(counter)) continue;
      const themeId = name.slice(counter.length);
      byTheme.set(themeId, (byTheme.get(themeId) ?? 0) + total(counters, name));
    }
  }
  const all = [...byTheme]
    .filter(([, count]) => count > 0)
    .map(([themeId, count]) => ({ themeId, people: count }))
    .sort((a, b) => b.people - a.people || a.themeId.localeCompare(b.themeId));
  const quoteFields = prefixes.map(({ quoteField }) => quoteField);
  const shown = shownParts(respondents, all, (theme) => theme.people, k).map((theme) => ({
    ...theme,
    label: themeById(theme.themeId).label,
    quotes: theme.people >= Math.max(k, thresholds.comments) ? themeQuotes(slots, quoteFields, theme.themeId) : [],
  }));
  return {
    enough: true,
    respondents: isSafe(people - respondents, k) ? respondents : null,
    themes: shown,
    hiddenThemes: all.length - shown.length,
  };
}

/** Where a question's people-per-theme counters and its quote slots are (see contributions.ts and quotes.ts). */
function themePrefixes(question: Question | undefined): { counter: string; quoteField: string }[] {
  if (question?.kind === 'text') return [{ counter: 'theme:', quoteField: 'text' }];
  if (question?.kind !== 'rows') return [];
  return question.fields
    .filter((field) => field.kind === 'text')
    .map((field) => ({ counter: `field:${field.id}:themePeople:`, quoteField: field.id }));
}

/** Up to two example statements of a theme, names removed, in slot order (deterministic). */
function themeQuotes(slots: QuoteSlots, quoteFields: string[], themeId: string): string[] {
  return Object.keys(slots)
    .filter((slot) => quoteFields.some((field) => slot.startsWith(`${field}:${themeId}:`)))
    .sort()
    .flatMap((slot) => {
      const quote = slots[slot];
      return quote ? [scrubNames(quote.t)] : [];
    })
    .filter((text) => text !== '')
    .slice(0, MAX_QUOTES_PER_THEME);
}

/** Counter names without their role prefix, once each. */
export function roleless(counters: Counters): string[] {
  return [...new Set(Object.keys(counters).map((name) => name.slice(name.indexOf(':') + 1)))];
}
