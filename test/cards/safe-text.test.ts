import { clipBytes, fitLines, jsonBytes } from '../../src/cards/fit-budget';
import { CardDataError, clip, hasVisibleText, neutralise, safeLine, safeText } from '../../src/cards/safe-text';

describe('neutralise', () => {
  it('turns a Teams mention into plain text and angle brackets into look-alikes', () => {
    expect(neutralise('Hi <at>Boss</at>, see <AT id="0">Team</AT>')).toBe('Hi Boss, see Team');
    expect(neutralise('<b>bold</b> & 1 < 2')).toBe('‹b›bold‹/b› & 1 ‹ 2');
    expect(neutralise('&lt;at&gt;Boss&#60;/at&#x3E;')).toBe('‹at›Boss‹/at›');
    expect(neutralise('<at>unclosed')).toBe('‹at›unclosed');
  });

  it('collapses control characters, bidi overrides and lone surrogates, keeping line breaks and emoji', () => {
    expect(neutralise('a\u0000\u0001\u0007b\u202Ec\u2066d')).toBe('a b c d');
    expect(neutralise('one\r\ntwo\rthree\u2028four')).toBe('one\ntwo\nthree\nfour');
    expect(neutralise('a\n\n\n\nb\tc')).toBe('a\n\nb c');
    expect(neutralise('ok 😀 \uD83D x \uDE00 y')).toBe('ok 😀   x   y');
  });

  // The mention pattern was lazy to the end of the text from every "<at": quadratic (100 KB took seconds).
  it.each([
    ['unclosed mentions', '<at>'.repeat(25_600), '‹at›'.repeat(25_600)],
    ['mention openers without ">"', '<at'.repeat(34_000), '‹at'.repeat(34_000)],
    ['openers with attributes', '<at id="0" '.repeat(10_000), '‹at id="0" '.repeat(10_000)],
    ['100 KB of mentions', '<at>Ada</at> '.repeat(8_000), 'Ada '.repeat(8_000)],
  ])('100 KB of %s: every mention becomes its name, every other bracket a look-alike', (_name, text, expected) => {
    expect(text.length).toBeGreaterThanOrEqual(100_000);
    expect(neutralise(text)).toBe(expected);
  });
});

describe('hasVisibleText', () => {
  it('is false for spaces, zero-width and blank letters only, true once anything shows', () => {
    for (const blank of [
      '',
      ' \n\t',
      '\u200b\u200c\u200d',
      '\u2060\ufeff\u00ad',
      '\u3164\u2800\u00a0',
      '\ufe0f\u034f\u180b',
    ])
      expect(hasVisibleText(blank)).toBe(false);
    for (const shown of ['a', '\u200b.', '👍', '\u0301é', '👨‍👩‍👧'.normalize(), '❤\ufe0f'])
      expect(hasVisibleText(shown)).toBe(true);
  });
});

describe('safeText and safeLine', () => {
  it('check the type and clip by code points', () => {
    expect(() => safeText(3, 'field', 10)).toThrow(CardDataError);
    expect(() => safeLine(undefined, 'field', 10)).toThrow('Card data "field" must be a string');
    expect(safeLine('  a\n b  ', 'f', 10)).toBe('a b');
    expect(safeText('  a\n b  ', 'f', 10)).toBe('a\n b');
    expect(clip('😀😀😀😀', 3)).toBe('😀😀…');
    expect(clip('abc', 3)).toBe('abc');
  });
});

describe('byte budgets', () => {
  it('measure JSON bytes and clip without splitting a character', () => {
    expect(jsonBytes('a"😀')).toBe(1 + 2 + 4);
    const clipped = clipBytes('😀'.repeat(10), 13);
    expect(clipped).toBe('😀😀…');
    expect(jsonBytes(clipped)).toBeLessThanOrEqual(13);
  });

  it('share a budget across lines, cap lines per group and report truncation', () => {
    const budget = { totalBytes: 100, maxLineBytes: 40, minLineBytes: 10, maxLinesPerGroup: 3 };
    expect(fitLines([['short'], ['also short']], budget)).toEqual({
      groups: [['short'], ['also short']],
      truncated: false,
    });
    const fitted = fitLines([['x'.repeat(500)], ['a', 'b', 'c', 'd', 'e']], budget);
    expect(fitted.truncated).toBe(true);
    expect(fitted.groups[1]).toEqual(['a', 'b', '… and 3 more']);
    expect(jsonBytes(fitted.groups[0][0])).toBeLessThanOrEqual(25);
  });
});
