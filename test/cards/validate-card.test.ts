import { validateCard } from './validate-card';

const card = (body: object[], extra: object = {}): object => ({ type: 'AdaptiveCard', version: '1.5', body, ...extra });
const chart = { type: 'Chart.HorizontalBar', title: 'T', data: [{ x: 'a', y: 1 }] };

describe('validateCard', () => {
  it('accepts a plain valid card and a chart with a valid fallback', () => {
    expect(validateCard(card([{ type: 'TextBlock', text: 'Hi', wrap: true }]))).toEqual([]);
    expect(validateCard(card([{ ...chart, fallback: { type: 'TextBlock', text: 'a: 1' } }]))).toEqual([]);
  });

  it('reports the problems the library and the Teams limits catch', () => {
    expect(validateCard(card([], { version: '1.6' }))).toEqual([expect.stringMatching(/version 1.6/)]);
    expect(validateCard(card([chart])).join()).toMatch(/needs a fallback/);
    expect(validateCard(card([{ ...chart, fallback: { type: 'Bogus' } }])).join()).toMatch(
      /Unknown element type "Bogus"/,
    );
    expect(
      validateCard(card([{ type: 'Chart.Bubble', data: [], fallback: { type: 'TextBlock', text: 'x' } }])).join(),
    ).toMatch(/unknown chart type/);
    expect(
      validateCard(
        card([
          { type: 'Input.Text', id: 'a' },
          { type: 'Input.Text', id: 'a' },
        ]),
      ).join(),
    ).toMatch(/Duplicate Id/);
    expect(validateCard(card([{ type: 'Input.Text', id: 'a', isRequired: true }])).join()).toMatch(
      /label.*error message/,
    );
    expect(validateCard(card([{ type: 'Input.Text', id: 'a', label: 'A', labelPosition: 'inline' }])).join()).toMatch(
      /version 1.6/,
    );
    expect(validateCard(card([{ type: 'TextBlock', text: 'x'.repeat(90_000) }])).join()).toMatch(/bytes, limit/);
    expect(validateCard('not a card')).toEqual(['card content is not an object']);
  });
});
