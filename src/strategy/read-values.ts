/** Reading single typed or picked values, shared by question and row submits. */
import { hasVisibleText } from '../cards/safe-text';

const DONT_KNOW = 'dk';

/** "1".."5" → the number, "dk" → null (don't know), anything else → undefined. */
export function readRating(raw: string): number | null | undefined {
  if (raw === DONT_KNOW) return null;
  return /^[1-5]$/.test(raw) ? Number(raw) : undefined;
}

/** Trims, drops control characters and enforces the length limit. */
export function readText(raw: string, limit: number): string | { type: 'invalid'; message: string } {
  // eslint-disable-next-line no-control-regex
  const text = raw.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();
  if (!hasVisibleText(text)) return { type: 'invalid', message: 'Please write something first, or press **Skip**.' };
  if (text.length > limit) {
    return {
      type: 'invalid',
      message: `That's ${text.length.toLocaleString('en-US')} characters; the limit here is ${limit.toLocaleString('en-US')}. Please shorten it and send it again.`,
    };
  }
  return text;
}
