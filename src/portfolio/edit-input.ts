import { neutralise } from '../cards/safe-text';
import type { PortfolioEditChange, PortfolioStatus } from '../storage/ports';
import { IDEA_STATUSES } from './portfolio-edits';
import type { GroupFigure, PortfolioFigures } from './portfolio-figures';
import { RENAME_MAX } from './portfolio-view';

/** A checked edit submit: the edits to store, in the order they apply. */
export type EditInput =
  { ok: true; group: GroupFigure; edits: PortfolioEditChange[] } | { ok: false; group?: GroupFigure; error: string };

/** The group an Edit or Save button names, if it is in the portfolio as the leader can see it now. */
export function groupNamed(figures: PortfolioFigures, key: unknown): GroupFigure | undefined {
  return typeof key === 'string' ? figures.groups.find((group) => group.key === key) : undefined;
}

/**
 * Checks a Save of the edit card against the portfolio as it is now: the group is shown, the status is one of the
 * list, a merge names another shown group, a split one of the group's wordings with shared words, and a new name is
 * text within the limit. Anything else is refused with a reason and changes nothing.
 */
export function readEditSubmit(figures: PortfolioFigures, value: Record<string, unknown>): EditInput {
  const group = groupNamed(figures, value.group);
  if (!group)
    return { ok: false, error: 'That group is no longer in the portfolio as shown. Type **portfolio** to see it now.' };
  const refuse = (error: string): EditInput => ({ ok: false, group, error });
  const fields = ['portfolio.rename', 'portfolio.status', 'portfolio.merge', 'portfolio.split'] as const;
  if (fields.some((field) => value[field] !== undefined && typeof value[field] !== 'string'))
    return refuse('That edit could not be read. Please try again.');
  const text = (field: (typeof fields)[number]) => (value[field] as string | undefined) ?? '';
  const [rename, status, merge, split] = fields.map(text);
  const label = neutralise(rename).replace(/\s+/g, ' ').trim();
  if (Array.from(label).length > RENAME_MAX) return refuse(`A name can be at most ${RENAME_MAX} characters long.`);
  const edits: PortfolioEditChange[] = [];
  if (label !== '' && label !== group.label) edits.push({ kind: 'rename', anchorKey: group.key, label });
  if (status !== '') {
    if (!(IDEA_STATUSES as readonly string[]).includes(status)) return refuse('Choose one of the statuses listed.');
    if (status !== group.status)
      edits.push({ kind: 'status', anchorKey: group.key, status: status as PortfolioStatus });
  }
  if (merge !== '') {
    if (merge === group.key || !groupNamed(figures, merge))
      return refuse('Choose another group of the list to merge into.');
    edits.push({ kind: 'merge', fromKey: group.key, intoKey: merge });
  }
  if (split !== '') {
    if (!group.wordings.some((wording) => wording.key === split))
      return refuse('Choose one of the wordings listed to split out.');
    edits.push({ kind: 'split', key: split });
  }
  if (edits.length === 0) return refuse('Nothing was changed: choose or type what to change, then save.');
  return { ok: true, group, edits };
}
