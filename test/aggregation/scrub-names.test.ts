/**
 * scrubNames on 100 KB of text shaped against its patterns. Statements are limited to the pack's text lengths when
 * stored, but the function cleans whatever it is given: each pattern must cost linear time. Before: the e-mail
 * pattern rescanned a run of address characters from each of them, the mention pattern scanned to the end from each
 * "<at", and each capitalised word copied the whole text before it (all quadratic). `npm run bench:text` prints the
 * old against the new time.
 */
import { scrubNames } from '../../src/aggregation/quotes';

const HUNDRED_KB = 100 * 1024;

describe('scrubNames on 100 KB', () => {
  it.each([
    ['letters with no "@" (an e-mail address never completed)', 'a'.repeat(HUNDRED_KB)],
    ['letters and dots with no "@"', 'a.'.repeat(HUNDRED_KB / 2)],
    ['mention openers never closed', '<at'.repeat(HUNDRED_KB / 3)],
    ['unclosed mentions', '<at>'.repeat(HUNDRED_KB / 4)],
  ])('%s: unchanged (nothing to remove)', (_name, text) => {
    expect(scrubNames(text)).toBe(text);
  });

  it('an address with a 100 KB domain and no dot: the handle goes', () => {
    expect(scrubNames(`x@${'a'.repeat(HUNDRED_KB)}`)).toBe('x [name]');
  });

  it('100 KB of capitalised words: the first stays (it starts the text), the run of names becomes one [name]', () => {
    expect(scrubNames('Aa '.repeat(HUNDRED_KB / 3))).toBe('Aa [name]');
  });

  it('100 KB of sentences with names, mentions and addresses: each cleaned as a short one is', () => {
    const sentence = 'Ask Bob at bob@example.com or <at>Ann</at>. Then @carl reviews it.';
    const expected = 'Ask [name] at [name] or [name]. Then [name] reviews it.';
    expect(scrubNames(sentence)).toBe(expected);
    const count = Math.ceil(HUNDRED_KB / sentence.length);
    expect(scrubNames(Array(count).fill(sentence).join(' '))).toBe(Array(count).fill(expected).join(' '));
  });
});
