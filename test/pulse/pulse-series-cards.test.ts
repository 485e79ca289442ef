import { CardRenderer, MAX_CARD_BYTES } from '../../src/cards/card-renderer';
import type { PulseResultsView } from '../../src/cards/pulse-view-models';
import { CardDataError } from '../../src/cards/safe-text';
import { cardText } from '../support/bot-harness';
import { unboundPlaceholders, validateCard } from '../cards/validate-card';

const renderer = new CardRenderer();
const question = (i: number, text = `Question ${i}: how ready are we?`) => ({
  questionId: `q${i}`,
  text,
  kind: 'rating' as const,
  answered: 11,
  dontKnow: 1,
  mean: 3.5,
  favourable: 0.5,
  bars: ['Not ready', 'Slightly', 'Partly', 'Mostly', 'Fully'].map((label) => ({ label, count: 2 })),
});
const base: PulseResultsView = {
  title: 'AI readiness',
  responses: 12,
  reached: 20,
  unreachable: 0,
  responseRate: 0.6,
  threshold: 5,
  commentThreshold: 10,
  allowComment: true,
  questions: [question(1), question(2)],
  comments: null,
};
const series = {
  pulseId: 'a'.repeat(32),
  repeatLabel: 'Every week',
  changes: [0.4, -0.2],
  caution: null,
  lines: [
    {
      legend: 'Question 1',
      points: [
        { x: '1 Dec', y: 3.1 },
        { x: '8 Dec', y: 3.5 },
      ],
    },
  ],
};

describe('results card of a recurring pulse (adaptivecards validation)', () => {
  it('shows the change per question, the trend chart with its text sparkline, and both buttons', () => {
    const card = renderer.pulseResults({ ...base, series }).content;
    expect(validateCard(card)).toEqual([]);
    expect(unboundPlaceholders(card)).toEqual([]);
    const text = cardText(card);
    expect(text).toContain('▲ 0.4 since last run');
    expect(text).toContain('▼ 0.2 since last run');
    expect(JSON.stringify(card)).toContain('"type":"Chart.Line"');
    expect(JSON.stringify(card)).toContain('Question 1: 3.1 → 3.5');
    expect(JSON.stringify(card)).toContain('{"x":"1 Dec","y":3.1}');
    expect(JSON.stringify(card)).toMatch(/"action":"run-again","pulseId":"a{32}"/);
    expect(JSON.stringify(card)).toMatch(/"action":"stop-series"/);
    expect(text).toContain('This pulse repeats: every week.');
  });

  it('a one-off pulse gets Run again only, and no trend', () => {
    const card = renderer.pulseResults({
      ...base,
      series: { ...series, repeatLabel: null, changes: null, lines: [] },
    }).content;
    expect(validateCard(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain('run-again');
    expect(JSON.stringify(card)).not.toContain('stop-series');
    expect(JSON.stringify(card)).not.toContain('Chart.Line');
    expect(cardText(card)).not.toContain('since last run');
  });

  it('shows the caution when the audience changed a lot', () => {
    const caution = 'This run reached 30 people and the last one 20: …';
    const card = renderer.pulseResults({ ...base, series: { ...series, caution } }).content;
    expect(validateCard(card)).toEqual([]);
    expect(cardText(card)).toContain(caution);
  });

  it('worst case: 8 long questions, 8 trend lines of 6 runs, many comments, stays valid and under the budget', () => {
    const long = 'x'.repeat(500);
    const card = renderer.pulseResults({
      ...base,
      questions: Array.from({ length: 8 }, (_, i) => question(i, long)),
      comments: Array(400).fill('y'.repeat(2000)),
      series: {
        ...series,
        caution: 'z'.repeat(1000),
        changes: Array(8).fill(-3.9),
        lines: Array.from({ length: 8 }, () => ({
          legend: long,
          points: Array.from({ length: 6 }, (_, i) => ({ x: `${i + 1} December`, y: 5 })),
        })),
      },
    }).content;
    expect(validateCard(card)).toEqual([]);
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(MAX_CARD_BYTES);
  });

  it('refuses figures out of range instead of drawing them', () => {
    expect(() =>
      renderer.pulseResults({ ...base, series: { ...series, lines: [{ legend: 'q', points: [{ x: '1', y: 9 }] }] } }),
    ).toThrow(CardDataError);
    expect(() => renderer.pulseResults({ ...base, series: { ...series, changes: [Number.NaN, 0] } })).toThrow(
      CardDataError,
    );
  });
});
