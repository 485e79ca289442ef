import { OverlapGuard } from '../../src/leadership/overlap-guard';
import { DEFAULT_THRESHOLDS, effectiveGroup } from '../../src/leadership/thresholds';
import type { GroupFigure, PortfolioFigures } from '../../src/portfolio/portfolio-figures';

/** The guard's portfolio comparison alone (pure: no counters read, so the summaries are an empty stand-in). */
const guard = new OverlapGuard({ publishedCounters: async () => new Map(), thresholds: DEFAULT_THRESHOLDS });
const K = effectiveGroup(DEFAULT_THRESHOLDS);

const group = (key: string, support: number | null, memberKeys = [key]) =>
  ({ key, support, memberKeys }) as unknown as GroupFigure;
const portfolio = (people: number | null, groups: GroupFigure[]) => ({ people, groups }) as unknown as PortfolioFigures;

describe('a team’s portfolio beside the organisation’s (the overlap guard)', () => {
  it('passes when each idea the team shows has none or at least k more supporters in the organisation', () => {
    const team = portfolio(3 * K, [group('a', K), group('b', 2 * K)]);
    const organisation = portfolio(5 * K, [group('a', K), group('b', 3 * K), group('c', K)]);
    expect(guard.portfolioRevealsOutsiders(organisation, team)).toBe(false);
  });

  it('withholds when an idea has a few more supporters in the organisation', () => {
    const team = portfolio(3 * K, [group('a', K)]);
    const organisation = portfolio(5 * K, [group('a', K + 1)]);
    expect(guard.portfolioRevealsOutsiders(organisation, team)).toBe(true);
  });

  it('matches an idea whose anchor wording differs between the two views by its wordings', () => {
    // Team: wordings a (3) and b (2), anchored on a; the organisation's extra supporters of b anchor it on b.
    const team = portfolio(3 * K, [group('a', K, ['a', 'b'])]);
    const organisation = portfolio(5 * K, [group('b', K + 2, ['b', 'a'])]);
    expect(guard.portfolioRevealsOutsiders(organisation, team)).toBe(true);
  });

  it('withholds when one idea of the organisation joins two of the team’s (the groupings differ)', () => {
    const team = portfolio(3 * K, [group('a', K), group('b', K)]);
    const organisation = portfolio(5 * K, [group('a', 3 * K, ['a', 'b', 'bridge'])]);
    expect(guard.portfolioRevealsOutsiders(organisation, team)).toBe(true);
  });

  it('withholds when the people with ideas differ by a few', () => {
    expect(guard.portfolioRevealsOutsiders(portfolio(2 * K + 1, []), portfolio(2 * K, []))).toBe(true);
  });
});
