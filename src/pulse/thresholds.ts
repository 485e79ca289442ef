/** Anonymity rules of a pulse: who may see what, depending on how many people answered. */

/** The threshold a pulse gets when its sender does not choose one. */
export const DEFAULT_THRESHOLD = 5;
/** No pulse may show scores with fewer respondents than this, whatever its sender asks for. */
export const MIN_THRESHOLD = 3;
/** Free-text comments need more respondents than scores before anyone sees them. */
export const DEFAULT_COMMENT_THRESHOLD = 10;
/** An upper bound, only so that a typo cannot make a pulse that never shows results. */
export const MAX_THRESHOLD = 1000;

export type ThresholdCheck = { ok: true; value: number } | { ok: false; message: string };

/** The tenant's rule: the lowest threshold a sender may pick, and the one an empty field means (not below it). */
export interface ThresholdRule {
  minimum: number;
  fallback: number;
}

/** Checks the threshold a sender asked for: empty means the tenant's default; below the minimum is refused. */
export function checkThreshold(
  requested: unknown,
  { minimum, fallback }: ThresholdRule = { minimum: MIN_THRESHOLD, fallback: DEFAULT_THRESHOLD },
): ThresholdCheck {
  if (requested === undefined || requested === null || requested === '')
    return { ok: true, value: Math.max(fallback, minimum) };
  const value = typeof requested === 'number' ? requested : Number(String(requested).trim());
  if (!Number.isInteger(value) || value > MAX_THRESHOLD)
    return {
      ok: false,
      message: `The anonymity threshold must be a whole number from ${minimum} to ${MAX_THRESHOLD}.`,
    };
  if (value < minimum)
    return {
      ok: false,
      message: `The anonymity threshold can't be below ${minimum}: with fewer people, answers could be traced back to someone.`,
    };
  return { ok: true, value };
}

/**
 * The fewest people a pulse may go to (its sender, who never gets it, not counted): two more than its threshold. The
 * sender picks the audience, so with one accomplice they could otherwise fill the threshold around one victim.
 */
export function minimumAudience(threshold: number): number {
  return threshold + 2;
}

/** The comment threshold of a pulse: never below its score threshold. */
export function commentThresholdFor(threshold: number, configured = DEFAULT_COMMENT_THRESHOLD): number {
  return Math.max(threshold, configured);
}

export interface Visibility {
  /** Distributions, means and favourability. */
  scores: boolean;
  /** Free-text comments. */
  comments: boolean;
}

/** What a results card may show for this many responses (the threshold was checked when the pulse was made). */
export function visibility(responses: number, threshold: number, commentThreshold: number): Visibility {
  const scores = responses >= threshold;
  return { scores, comments: scores && responses >= commentThreshold };
}
