/**
 * Baselines and targets are free text ("20%", "3 days", "about 1,200 a month"). For the spread on the leadership card
 * the first number in the text is put in a 1-2-5 bucket per power of ten, so counters stay few and exact:
 * 0.5, 1, 2, 5, 10, 20, 50 … A text without a number counts as "none".
 */
const NUMBER = /-?\d[\d,]*(?:\.\d+)?/;

/** Bucket key of the first number in `text`: "2e1" for 20–49.9…, "0" for zero, "neg" below zero, "none" without one. */
export function numberBucket(text: string): string {
  const match = NUMBER.exec(text);
  if (!match) return 'none';
  const value = Number(match[0].replace(/,/g, ''));
  if (!Number.isFinite(value)) return 'none';
  if (value < 0) return 'neg';
  if (value === 0) return '0';
  const exponent = Math.floor(Math.log10(value));
  const mantissa = value / 10 ** exponent;
  const lower = mantissa < 2 ? 1 : mantissa < 5 ? 2 : 5;
  return `${lower}e${exponent}`;
}

/** Lower bound of a bucket ("2e1" → 20), or undefined for "none". */
export function bucketLower(bucket: string): number | undefined {
  if (bucket === 'none') return undefined;
  if (bucket === 'neg') return -Infinity;
  return Number(bucket);
}

/** Upper bound of a numeric bucket: the next bucket's lower bound (1 → 2, 2 → 5, 5 → 10). */
export function bucketUpper(bucket: string): number | undefined {
  if (bucket === 'none') return undefined;
  if (bucket === 'neg') return 0;
  if (bucket === '0') return 0;
  const [mantissa, exponent] = bucket.split('e').map(Number);
  const next = mantissa === 1 ? 2 : mantissa === 2 ? 5 : 10;
  return next * 10 ** exponent;
}
