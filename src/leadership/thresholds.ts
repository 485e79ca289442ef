/** Anonymity thresholds of the leadership summaries (SPEC §5: default 5, never below 3; free text 10). */
export interface Thresholds {
  /** A figure is shown only when at least this many people stand behind it. */
  group: number;
  /** Free text (the user's own words) needs at least this many people. */
  comments: number;
}

/** Never below this, whatever is configured. */
export const MIN_GROUP_THRESHOLD = 3;

export const DEFAULT_THRESHOLDS: Thresholds = { group: 5, comments: 10 };

/** The group threshold in force: the configured one, never below MIN_GROUP_THRESHOLD. */
export function effectiveGroup(thresholds: Thresholds): number {
  return Math.max(MIN_GROUP_THRESHOLD, thresholds.group);
}

/** True when a figure backed by `people` may be shown. */
export function reaches(people: number, thresholds: Thresholds): boolean {
  return people >= effectiveGroup(thresholds);
}
