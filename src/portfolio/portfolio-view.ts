import type {
  PortfolioEditView,
  PortfolioGroupView,
  PortfolioMatrixView,
  PortfolioView,
} from '../cards/portfolio-view-models';
import type { ContentPack } from '../content/types';
import { MATRIX_SPLIT, type GroupFigure, type PortfolioFigures, type Quadrant } from './portfolio-figures';
import { IDEA_STATUSES } from './portfolio-edits';

/** Groups on one page of the portfolio card. */
export const PAGE_SIZE = 10;
/** The edit card offers at most this many groups to merge into (the best ranked) and wordings to split out. */
export const EDIT_CHOICES = 60;
/** A leader's name for a group: at most this many characters. */
export const RENAME_MAX = 80;

/** The quadrants' names. */
export const QUADRANTS: Record<Quadrant, string> = {
  'quick-win': 'Quick wins',
  'big-bet': 'Big bets',
  'fill-in': 'Fill-ins',
  rethink: 'Rethink',
};
const QUADRANT_HINTS: Record<Quadrant, string> = {
  'quick-win': 'high value, high feasibility',
  'big-bet': 'high value, low feasibility',
  'fill-in': 'low value, high feasibility',
  rethink: 'low value, low feasibility',
};
/** The statuses' names. */
export const STATUS_LABELS: Record<string, string> = {
  idea: 'Idea',
  shortlisted: 'Shortlisted',
  piloting: 'Piloting',
  live: 'Live',
  dropped: 'Dropped',
};

/** Names of what the figures hold by id: approaches and linked metrics come from the content pack. */
export interface PortfolioLabels {
  approach(id: string): string;
  metric(id: string): string;
}

export function portfolioLabels(pack: ContentPack): PortfolioLabels {
  const approaches = new Map<string, string>();
  for (const approach of pack.buildDecision?.approaches ?? []) approaches.set(approach.id, approach.label);
  const question = pack.sections
    .flatMap((section) => section.considerations.flatMap((consideration) => consideration.questions))
    .find((candidate) => candidate.id === pack.buildDecision?.question);
  if (question?.kind === 'rows')
    for (const field of question.fields)
      if (field.kind === 'recommendation')
        for (const option of field.formerOptions ?? [])
          if (!approaches.has(option.value)) approaches.set(option.value, option.label);
  return {
    approach: (id) => approaches.get(id) ?? id,
    metric: (id) => {
      const [goalId, metricId] = id.split('>');
      const goal = pack.goals.find((candidate) => candidate.value === goalId);
      const metric = goal?.metrics.find((candidate) => candidate.value === metricId);
      return goal && metric ? `${metric.label} (${goal.label})` : id;
    },
  };
}

/** One page of the portfolio card; the first also has the matrix and the approaches. */
export function portfolioView(
  figures: PortfolioFigures,
  labels: PortfolioLabels,
  options: { title: string; teamName?: string; page: number; canEdit: boolean; wordsHidden?: boolean },
): PortfolioView {
  const { k } = figures;
  const pages = Math.max(1, Math.ceil(figures.groups.length / PAGE_SIZE));
  const page = Math.min(Math.max(1, options.page), pages);
  const first = (page - 1) * PAGE_SIZE;
  const listed = figures.groups.slice(first, first + PAGE_SIZE);
  const intro = [
    figures.people === null
      ? `Fewer than ${k} people have proposed use cases so far, or their ideas wait to be counted with others.`
      : `${figures.people} people proposed use cases. Similar ideas are grouped by their titles.`,
    `Ranked by value × feasibility (the means of people's 1–5 ratings), then by how many people proposed each.`,
    ...(options.wordsHidden
      ? ['People shared their ideas’ words with leaders only: here, groups go by the names leaders gave them.']
      : []),
  ];
  const folded = [
    ...(figures.folded > 0
      ? [`${plural(figures.folded, 'more idea')}, each from fewer than ${k} people, whose words were not shared.`]
      : []),
    ...(figures.rest.groups > 0
      ? [
          `${plural(figures.rest.groups, 'smaller group')} not listed${figures.rest.people === null ? '' : ` (${figures.rest.people} people)`}.`,
        ]
      : []),
  ];
  return {
    title: options.title,
    ...(options.teamName ? { teamName: options.teamName } : {}),
    intro,
    ...(page === 1 ? { matrix: matrixView(figures, !options.wordsHidden) } : {}),
    approaches:
      page === 1
        ? figures.approaches.map((entry) => ({
            label: labels.approach(entry.id),
            detail: plural(entry.people, 'person', 'people'),
          }))
        : [],
    approachesNote:
      page !== 1
        ? ''
        : figures.approaches.length === 0
          ? `Recommended approaches are shown once at least ${k} people share the same one.`
          : 'Each person counts once, with the approach recommended most across their use cases.',
    groups: listed.map((group, i) => groupView(group, first + i + 1, labels, k, options.canEdit)),
    pageNote:
      figures.groups.length === 0
        ? 'No group of ideas to show yet.'
        : `Groups ${first + 1}–${first + listed.length} of ${figures.groups.length}.`,
    folded,
    ...(page < pages ? { nextPage: page + 1 } : {}),
    footnote: `Anonymity: no names; a figure stands for at least ${k} people ("fewer than ${k}" otherwise), and an idea's words are shown only when the person who wrote them agreed. Figures change only when at least ${k} people have changed something.`,
  };
}

/**
 * Groups per quadrant as a chart, and as text which groups are in each (by name, or only how many without `names`);
 * the split at 3 on the 1–5 scales.
 */
export function matrixView(figures: PortfolioFigures, names = true, perQuadrant = 3): PortfolioMatrixView {
  const quadrants = Object.keys(QUADRANTS) as Quadrant[];
  const inQuadrant = (quadrant: Quadrant) => figures.groups.filter((group) => group.quadrant === quadrant);
  return {
    chart: quadrants
      .map((quadrant) => ({ legend: QUADRANTS[quadrant], value: inQuadrant(quadrant).length }))
      .filter((entry) => entry.value > 0),
    quadrants: quadrants.map((quadrant) => {
      const groups = inQuadrant(quadrant);
      const named = groups.slice(0, perQuadrant).map((group) => group.label);
      const more = groups.length - named.length;
      return {
        title: `${QUADRANTS[quadrant]} (${QUADRANT_HINTS[quadrant]})`,
        detail:
          groups.length === 0
            ? 'none'
            : names
              ? `${named.join('; ')}${more > 0 ? `; and ${more} more` : ''}`
              : plural(groups.length, 'group'),
      };
    }),
    note: `Value and feasibility are the means of people's 1–5 ratings; ${MATRIX_SPLIT} or more counts as high.`,
  };
}

function groupView(
  group: GroupFigure,
  rank: number,
  labels: PortfolioLabels,
  k: number,
  canEdit: boolean,
): PortfolioGroupView {
  const mean = (value: number | null) => (value === null ? `shown from ${k} people` : value.toFixed(1));
  const facts = [
    { title: 'People', value: group.support === null ? `fewer than ${k}` : String(group.support) },
    { title: 'Value', value: mean(group.value) },
    { title: 'Feasibility', value: mean(group.feasibility) },
    { title: 'Matrix', value: group.quadrant === null ? 'not rated enough' : QUADRANTS[group.quadrant] },
    {
      title: 'Approach',
      value: group.approach === null ? `none shared by ${k} or more people yet` : labels.approach(group.approach),
    },
    ...(group.metrics.length > 0
      ? [
          {
            title: 'Metrics',
            value: group.metrics.map((metric) => `${labels.metric(metric.id)}: ${metric.people}`).join('; '),
          },
        ]
      : []),
    { title: 'Status', value: STATUS_LABELS[group.status] ?? group.status },
  ];
  const counts = group.approaches.map((entry) => `${labels.approach(entry.id)}: ${entry.people}`).join('; ');
  return {
    rank,
    label: group.label,
    facts,
    flag: group.disagreement
      ? `People recommend different approaches for this idea${counts === '' ? '' : ` (${counts})`}.`
      : '',
    editKey: canEdit ? group.key : '',
  };
}

/** The edit card of a group: rename, status, merge into another shown group, split a wording out. */
export function portfolioEditView(figures: PortfolioFigures, group: GroupFigure, error?: string): PortfolioEditView {
  return {
    groupKey: group.key,
    label: group.label,
    status: group.status,
    statuses: IDEA_STATUSES.map((status) => ({ value: status, label: STATUS_LABELS[status] ?? status })),
    mergeTargets: figures.groups
      .filter((other) => other.key !== group.key)
      .slice(0, EDIT_CHOICES)
      .map((other) => ({ value: other.key, label: other.label })),
    wordings: group.wordings.slice(0, EDIT_CHOICES).map((wording) => ({ value: wording.key, label: wording.title })),
    renameMaxLength: RENAME_MAX,
    ...(error ? { error } : {}),
  };
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
