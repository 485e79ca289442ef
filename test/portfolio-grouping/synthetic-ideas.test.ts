import { normaliseTitle } from '../../src/portfolio/normalise-title';
import { syntheticIdeas } from '../../scripts/portfolio-grouping/synthetic-ideas';

const TITLES = ['Draft replies to customer emails', 'Summarise meeting notes', 'Forecast sales for next quarter'];

describe('syntheticIdeas', () => {
  it('gives the asked number of ideas with distinct keys that are their titles’ keys, the same on every run', () => {
    const ideas = syntheticIdeas(TITLES, 500);
    expect(ideas).toHaveLength(500);
    expect(new Set(ideas.map((idea) => idea.key)).size).toBe(500);
    for (const idea of ideas) {
      expect(idea.key).toBe(normaliseTitle(idea.title).key);
      expect(idea.weight).toBeGreaterThanOrEqual(1);
      expect(idea.weight).toBeLessThanOrEqual(4);
    }
    expect(syntheticIdeas(TITLES, 500)).toEqual(ideas);
    expect(syntheticIdeas(TITLES, 500, 7)).not.toEqual(ideas);
  });

  it('says so when the titles cannot give that many distinct keys', () => {
    // One short word: a team and a place give at most a few hundred keys.
    expect(() => syntheticIdeas(['AI'], 2_000)).toThrow(/distinct keys/);
  });
});
