import { hasVisibleText, neutralise } from '../cards/safe-text';
import type { ChoiceField } from '../content/types';
import type { PortfolioEditChange, PortfolioStatus } from '../storage/ports';
import { IDEA_STATUSES } from './portfolio-edits';
import type { GroupFigure, PortfolioFigures } from './portfolio-figures';
import { DECIDE_PREFIX, RENAME_MAX } from './portfolio-view';

/** The pack's build questions and what their answers recommend (src/content/build-decision.ts). */
export interface DecisionRules {
  questions: readonly ChoiceField[];
  recommend(answers: Record<string, string>): { approach: string } | undefined;
}

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
export function readEditSubmit(
  figures: PortfolioFigures,
  value: Record<string, unknown>,
  rules: DecisionRules,
): EditInput {
  const group = groupNamed(figures, value.group);
  if (!group)
    return { ok: false, error: 'That group is no longer in the portfolio as shown. Type **portfolio** to see it now.' };
  const refuse = (error: string): EditInput => ({ ok: false, group, error });
  const fields = ['portfolio.rename', 'portfolio.status', 'portfolio.merge', 'portfolio.split'] as const;
  if (fields.some((field) => value[field] !== undefined && typeof value[field] !== 'string'))
    return refuse('That edit could not be read. Please try again.');
  const text = (field: (typeof fields)[number]) => (value[field] as string | undefined) ?? '';
  const [rename, status, merge, split] = fields.map(text);
  const typed = neutralise(rename).replace(/\s+/g, ' ').trim();
  const label = hasVisibleText(typed) ? typed : '';
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
  const decided = readDecision(group, value, rules);
  if (typeof decided === 'string') return refuse(decided);
  if (decided) edits.push(decided);
  if (edits.length === 0) return refuse('Nothing was changed: choose or type what to change, then save.');
  return { ok: true, group, edits };
}

/**
 * Leaders' answers to the build questions: none answered is no change; some but not all, or an answer not among a
 * question's options, is refused; the same answers as stored are no change.
 */
function readDecision(
  group: GroupFigure,
  value: Record<string, unknown>,
  rules: DecisionRules,
): PortfolioEditChange | string | undefined {
  const answers: Record<string, string> = {};
  for (const question of rules.questions) {
    const answer = value[`${DECIDE_PREFIX}${question.id}`];
    if (answer === undefined || answer === '') continue;
    if (typeof answer !== 'string' || !question.options.some((option) => option.value === answer))
      return 'Choose one of the answers listed for each build question.';
    answers[question.id] = answer;
  }
  const answered = Object.keys(answers).length;
  if (answered === 0) return undefined;
  if (answered < rules.questions.length)
    return `Answer all ${rules.questions.length} build questions to get a recommended approach, or leave them all empty.`;
  const stored = group.decision?.answers;
  if (stored && rules.questions.every((question) => stored[question.id] === answers[question.id])) return undefined;
  const recommendation = rules.recommend(answers);
  if (!recommendation) return 'These answers give no approach in this questionnaire; please ask its owner to check it.';
  return { kind: 'decide', anchorKey: group.key, answers, approach: recommendation.approach };
}
