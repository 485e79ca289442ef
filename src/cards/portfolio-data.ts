import { clipBytes } from './fit-budget';
import {
  CardDataError,
  optionalLine,
  safeChoiceValue,
  safeId,
  safeInt,
  safeLine,
  safeList,
  safeObject,
} from './safe-text';

const LIMITS = { title: 200, line: 400, label: 200, fact: 120, factTitle: 40, detail: 700, choice: 100, error: 400 };
/** A label is people's words: at most this many bytes of card JSON, however heavy its characters. */
const LABEL_BYTES = 600;
const QUADRANT_BYTES = 1_500;
const MAX_GROUPS = 20;
const MAX_FACTS = 10;
const MAX_LINES = 10;
/** The edit card lists at most this many groups to merge into and wordings to split out. */
const MAX_CHOICES = 60;
const MAX_PAGE = 10_000;
const MAX_DECISION_QUESTIONS = 8;
const MAX_COUNT = 10_000_000;

function counted(raw: unknown, path: string, maxItems = MAX_LINES): { label: string; detail: string }[] {
  return safeList(raw, path, maxItems, (item, itemPath) => {
    const entry = safeObject(item, itemPath);
    return {
      label: safeLine(entry.label, `${itemPath}.label`, LIMITS.label),
      detail: safeLine(entry.detail, `${itemPath}.detail`, LIMITS.line),
    };
  });
}

function userLabel(raw: unknown, path: string, chars = LIMITS.label, bytes = LABEL_BYTES): string {
  return clipBytes(safeLine(raw, path, chars), bytes);
}

/** Template data of the value/feasibility matrix (on the portfolio card and the leader card). */
export function matrixData(raw: unknown, path = 'matrix'): Record<string, unknown> {
  if (raw === undefined)
    return { hasMatrix: false, hasMatrixChart: false, matrixChart: [], quadrants: [], matrixNote: '' };
  const matrix = safeObject(raw, path);
  const chart = safeList(matrix.chart, `${path}.chart`, 4, (item, itemPath) => {
    const entry = safeObject(item, itemPath);
    return {
      legend: safeLine(entry.legend, `${itemPath}.legend`, LIMITS.factTitle),
      value: safeInt(entry.value, `${itemPath}.value`, 0, MAX_COUNT),
    };
  });
  return {
    hasMatrix: true,
    hasMatrixChart: chart.length > 0,
    matrixChart: chart,
    quadrants: safeList(matrix.quadrants, `${path}.quadrants`, 4, (item, itemPath) => {
      const entry = safeObject(item, itemPath);
      return {
        title: safeLine(entry.title, `${itemPath}.title`, LIMITS.label),
        detail: userLabel(entry.detail, `${itemPath}.detail`, LIMITS.detail, QUADRANT_BYTES),
      };
    }),
    matrixNote: safeLine(matrix.note, `${path}.note`, LIMITS.line),
  };
}

/** Template data of the portfolio card. */
export function portfolioData(raw: unknown): Record<string, unknown> {
  const view = safeObject(raw, 'view');
  const teamName = optionalLine(view.teamName, 'teamName', LIMITS.title);
  const approaches = counted(view.approaches, 'approaches');
  const approachesNote = safeLine(view.approachesNote, 'approachesNote', LIMITS.line);
  const groups = safeList(view.groups, 'groups', MAX_GROUPS, (item, path) => {
    const group = safeObject(item, path);
    const editKey = group.editKey === '' ? '' : safeId(group.editKey, `${path}.editKey`);
    const flag = safeLine(group.flag, `${path}.flag`, LIMITS.line);
    return {
      rankText: `${safeInt(group.rank, `${path}.rank`, 1, MAX_COUNT)}.`,
      label: userLabel(group.label, `${path}.label`),
      facts: safeList(group.facts, `${path}.facts`, MAX_FACTS, (fact, factPath) => {
        const entry = safeObject(fact, factPath);
        return {
          title: safeLine(entry.title, `${factPath}.title`, LIMITS.factTitle),
          value: safeLine(entry.value, `${factPath}.value`, LIMITS.fact),
        };
      }),
      flag,
      hasFlag: flag !== '',
      editKey,
      canEdit: editKey !== '',
    };
  });
  const nextPage = view.nextPage === undefined ? 0 : safeInt(view.nextPage, 'nextPage', 2, MAX_PAGE);
  return {
    title: safeLine(view.title, 'title', LIMITS.title),
    teamName,
    hasTeamName: teamName !== '',
    intro: safeList(view.intro, 'intro', MAX_LINES, (line, path) => safeLine(line, path, LIMITS.line)),
    ...matrixData(view.matrix),
    approaches,
    hasApproaches: approaches.length > 0,
    approachesNote,
    hasApproachesNote: approachesNote !== '',
    groups,
    pageNote: safeLine(view.pageNote, 'pageNote', LIMITS.line),
    folded: safeList(view.folded, 'folded', MAX_LINES, (line, path) => safeLine(line, path, LIMITS.line)),
    nextPage,
    hasNextPage: nextPage > 0,
    footnote: safeLine(view.footnote, 'footnote', LIMITS.line),
  };
}

/** Template data of a group's edit card. */
export function portfolioEditData(raw: unknown): Record<string, unknown> {
  const view = safeObject(raw, 'view');
  const choices = (value: unknown, path: string) =>
    safeList(value, path, MAX_CHOICES, (item, itemPath) => {
      const entry = safeObject(item, itemPath);
      return {
        value: safeChoiceValue(entry.value, `${itemPath}.value`),
        label: userLabel(entry.label, `${itemPath}.label`, LIMITS.choice, 300),
      };
    });
  const statuses = choices(view.statuses, 'statuses');
  const status = safeChoiceValue(view.status, 'status');
  if (!statuses.some((entry) => entry.value === status)) throw new CardDataError('status', 'one of the statuses');
  const mergeTargets = choices(view.mergeTargets, 'mergeTargets');
  const wordings = choices(view.wordings, 'wordings');
  const error = optionalLine(view.error, 'error', LIMITS.error);
  return {
    groupKey: safeId(view.groupKey, 'groupKey'),
    label: userLabel(view.label, 'label'),
    status,
    statuses,
    mergeTargets,
    hasMergeTargets: mergeTargets.length > 0,
    wordings,
    hasWordings: wordings.length > 0,
    renameMaxLength: safeInt(view.renameMaxLength, 'renameMaxLength', 1, LIMITS.label),
    ...decisionData(view, choices),
    error,
    hasError: error !== '',
  };
}

/** The build questions of the edit card (pack text and ids) and the approach leaders' answers gave. */
function decisionData(
  view: Record<string, unknown>,
  choices: (value: unknown, path: string) => { value: string; label: string }[],
): Record<string, unknown> {
  const questions = safeList(view.decisionQuestions, 'decisionQuestions', MAX_DECISION_QUESTIONS, (item, path) => {
    const question = safeObject(item, path);
    const options = choices(question.choices, `${path}.choices`);
    const value = question.value === '' ? '' : safeChoiceValue(question.value, `${path}.value`);
    if (value !== '' && !options.some((option) => option.value === value))
      throw new CardDataError(`${path}.value`, 'one of its choices');
    return {
      id: safeId(question.id, `${path}.id`),
      label: safeLine(question.label, `${path}.label`, LIMITS.line),
      value,
      choices: options,
    };
  });
  const decision = optionalLine(view.decision, 'decision', LIMITS.detail);
  return {
    decisionQuestions: questions,
    hasDecisionQuestions: questions.length > 0,
    decision,
    hasDecision: decision !== '',
  };
}
