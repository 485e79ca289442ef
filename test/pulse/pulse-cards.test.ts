import { CardRenderer } from '../../src/cards/card-renderer';
import type { PulseResultsView } from '../../src/cards/pulse-view-models';
import { cardText } from '../support/bot-harness';
import { unboundPlaceholders, validateCard } from '../cards/validate-card';

const renderer = new CardRenderer();

const results: PulseResultsView = {
  title: 'AI readiness',
  responses: 12,
  reached: 20,
  unreachable: 2,
  responseRate: 0.6,
  threshold: 5,
  commentThreshold: 10,
  allowComment: true,
  questions: [
    {
      questionId: 'rd-skills',
      text: 'Skills: how ready are our people?',
      kind: 'rating',
      answered: 11,
      dontKnow: 1,
      mean: 3.4545,
      favourable: 0.4545,
      bars: ['Not ready', 'Slightly', 'Partly', 'Mostly', 'Fully'].map((label, i) => ({
        label,
        count: [1, 2, 3, 4, 1][i],
      })),
    },
  ],
  comments: ['${secret} stays literal', '<at>Boss</at> please read', 'x'.repeat(3000), ...Array(200).fill('more')],
};

describe('pulse cards (adaptivecards validation, user text as data)', () => {
  it('renders results with a chart, its text fallback and comments that stay plain text, within the size limit', () => {
    const card = renderer.pulseResults(results).content;
    expect(validateCard(card)).toEqual([]);
    const text = cardText(card);
    expect(text).toMatch(/Mean 3\.5 of 5 · 45% favourable \(4 or 5\) · 11 answered · 1 don't know/);
    expect(JSON.stringify(card)).toMatch(/Partly: 3 \(27%\)/);
    expect(text).toContain('${secret} stays literal');
    expect(JSON.stringify(card)).toContain('"title":"Not reached","value":"2 (');
    expect(text).not.toContain('<at>');
    expect(unboundPlaceholders(card).filter((where) => !where.includes('secret'))).toEqual([]);
  });

  it('shows only the count below the threshold', () => {
    const card = renderer.pulseResults({
      ...results,
      responses: 3,
      unreachable: 0,
      questions: null,
      comments: null,
    }).content;
    expect(validateCard(card)).toEqual([]);
    expect(JSON.stringify(card)).not.toContain('Not reached');
    expect(cardText(card)).toMatch(/This pulse got 3, so only the count is shown/);
    expect(JSON.stringify(card)).not.toMatch(/Chart/);
  });
});
