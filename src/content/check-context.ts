import type { ChoiceOption, ContentPack, Question } from './types';

/** A question with where it sits in the pack. */
export interface LocatedQuestion {
  question: Question;
  path: string;
  /** Position in the whole questionnaire, to tell whether one question comes before another. */
  order: number;
}

/** What every pack check reads, and where it reports a problem. */
export interface CheckContext {
  pack: ContentPack;
  questions: ReadonlyMap<string, LocatedQuestion>;
  report: (path: string, message: string) => void;
}

export type Report = CheckContext['report'];

/** Reports every repeat of a value, naming where it was first used. */
export function unique(entries: ReadonlyArray<readonly [string, string]>, what: string, report: Report): void {
  const first = new Map<string, string>();
  for (const [value, path] of entries) {
    const earlier = first.get(value);
    if (earlier === undefined) first.set(value, path);
    else report(path, `duplicate ${what} "${value}" (first used at ${earlier})`);
  }
}

export function checkOptions(options: readonly ChoiceOption[], path: string, report: Report): void {
  unique(
    options.map((option, o) => [option.value, `${path}/options/${o}/value`]),
    'option value',
    report,
  );
}

export function checkScale(scale: string, path: string, { pack, report }: CheckContext): void {
  if (!Object.hasOwn(pack.scales, scale))
    report(path, `unknown scale "${scale}" (the pack defines: ${Object.keys(pack.scales).join(', ') || 'none'})`);
}
