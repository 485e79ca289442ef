import type { ContentPack } from '../content/types';
import { IDEA_STATUSES } from '../portfolio/portfolio-edits';
import type { Counted, GroupFigure, Quadrant } from '../portfolio/portfolio-figures';
import type { PortfolioData } from '../portfolio/portfolio-service';
import { QUADRANTS, STATUS_LABELS } from '../portfolio/portfolio-view';
import type { DashboardCounted, DashboardOption, DashboardPortfolio, DashboardPortfolioGroup } from './api-types';

/** The filters of the portfolio view, each checked against the pack (team: against the viewer's teams). */
export interface PortfolioFilters {
  team?: string;
  goal?: string;
  approach?: string;
  status?: string;
}

/** The options the filters offer: the pack's goals and approaches, and the statuses. */
export function filterOptions(pack: ContentPack): DashboardPortfolio['options'] {
  return {
    goals: pack.goals.map((goal) => ({ id: goal.value, label: goal.label })),
    approaches: (pack.buildDecision?.approaches ?? []).map(({ id, label }) => ({ id, label })),
    statuses: IDEA_STATUSES.map((status) => ({ id: status, label: STATUS_LABELS[status] ?? status })),
  };
}

/** Reads the filters of a query; 'bad request' when one names something that is not an option. */
export function readFilters(
  query: URLSearchParams,
  options: DashboardPortfolio['options'],
  teams: readonly string[],
): PortfolioFilters | 'bad request' | 'forbidden' {
  const filters: PortfolioFilters = {};
  const pick = (name: keyof PortfolioFilters, allowed: readonly DashboardOption[]): boolean => {
    const value = query.get(name);
    if (value === null || value === '') return true;
    if (!allowed.some((option) => option.id === value)) return false;
    filters[name] = value;
    return true;
  };
  if (!pick('goal', options.goals) || !pick('approach', options.approaches) || !pick('status', options.statuses))
    return 'bad request';
  const team = query.get('team');
  if (team !== null && team !== '') {
    if (!teams.includes(team)) return 'forbidden';
    filters.team = team;
  }
  return filters;
}

/** The portfolio's figures as the dashboard shows them: the groups that match the filters, with the pack's names. */
export function portfolioBoard(
  data: PortfolioData,
  options: DashboardPortfolio['options'],
  filters: PortfolioFilters,
  canEdit: boolean,
): DashboardPortfolio {
  const { figures, labels } = data;
  const counted = (entries: readonly Counted[], label: (id: string) => string): DashboardCounted[] =>
    entries.map(({ id, people }) => ({ id, label: label(id), people }));
  const matches = (group: GroupFigure) =>
    (!filters.status || group.status === filters.status) &&
    (!filters.approach || group.approaches.some((entry) => entry.id === filters.approach)) &&
    (!filters.goal || group.metrics.some((entry) => entry.id.split('>')[0] === filters.goal));
  const groups: DashboardPortfolioGroup[] = figures.groups.flatMap((group, i) =>
    matches(group)
      ? [
          {
            key: group.key,
            rank: i + 1,
            label: group.label,
            renamed: group.renamed,
            status: group.status,
            statusLabel: STATUS_LABELS[group.status] ?? group.status,
            support: group.support,
            value: group.value,
            feasibility: group.feasibility,
            quadrant: group.quadrant,
            approach: group.approach === null ? null : { id: group.approach, label: labels.approach(group.approach) },
            approaches: counted(group.approaches, labels.approach),
            disagreement: group.disagreement,
            metrics: counted(group.metrics, labels.metric),
            wordings: canEdit ? group.wordings : [],
          },
        ]
      : [],
  );
  return {
    available: true,
    scope: filters.team ? { kind: 'team', teamId: filters.team } : { kind: 'organisation' },
    filters,
    options,
    k: figures.k,
    people: figures.people,
    groups,
    quadrants: (Object.keys(QUADRANTS) as Quadrant[]).map((quadrant) => ({
      quadrant,
      title: QUADRANTS[quadrant],
      groups: groups.filter((group) => group.quadrant === quadrant).length,
    })),
    matrix: data.matrix,
    approaches: counted(figures.approaches, labels.approach),
    disagreements: groups.filter((group) => group.disagreement).map((group) => group.key),
    folded: figures.folded,
    rest: figures.rest,
    computedAt: figures.computedAt,
    canEdit,
  };
}

/** The view when the pack asks for no use cases. */
export function noPortfolio(options: DashboardPortfolio['options'], filters: PortfolioFilters): DashboardPortfolio {
  return {
    available: false,
    scope: filters.team ? { kind: 'team', teamId: filters.team } : { kind: 'organisation' },
    filters,
    options,
    k: 0,
    people: null,
    groups: [],
    quadrants: [],
    approaches: [],
    disagreements: [],
    folded: 0,
    rest: { groups: 0, people: null },
    computedAt: '',
    canEdit: false,
  };
}
