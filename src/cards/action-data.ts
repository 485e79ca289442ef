import type { ActionLineView } from './action-view-models';
import { fitLines, jsonBytes } from './fit-budget';
import { CardDataError, safeChoiceValue, safeId, safeInt, safeLine, safeList, safeObject, safeText } from './safe-text';

const MAX_QUESTIONS = 40;
const MAX_ACTIONS = 20;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** What each listed line costs beyond its text (its RichTextBlock and TextRun). */
const LINE_OVERHEAD = 60;
/** The action list shares the results card's budget with its comments (40 KB): it gets at most 8 KB. */
const ACTION_BUDGET = { totalBytes: 8_000, maxLineBytes: 800, minLineBytes: 120, maxLinesPerGroup: MAX_ACTIONS };

/** Template data of the Plan an action card: from a pulse's results or from a summary's recommendations. */
export function actionPlanData(raw: unknown): Record<string, unknown> {
  const view = safeObject(raw, 'view');
  const target = safeObject(view.target, 'target');
  const fromPulse = target.kind === 'pulse';
  if (!fromPulse && target.scope !== 'team' && target.scope !== 'organisation')
    throw new CardDataError('target', 'a pulse or a summary scope');
  const values = safeObject(view.values, 'values');
  const error = view.error === undefined ? '' : safeText(view.error, 'error', 400);
  const owner = safeLine(values.owner, 'values.owner', 80);
  if (view.ownerFrom !== 'team' && view.ownerFrom !== 'organisation')
    throw new CardDataError('ownerFrom', 'team or organisation');
  const fromTeam = view.ownerFrom === 'team';
  return {
    submitAction: fromPulse ? 'plan-create' : 'summary-plan-create',
    pulseId: fromPulse ? safeId(target.pulseId, 'target.pulseId') : '',
    scope: fromPulse ? '' : target.scope,
    token: safeId(view.token, 'token'),
    title: safeLine(view.title, 'title', 200),
    options: safeList(view.options, 'options', MAX_QUESTIONS, (item, path) => {
      const option = safeObject(item, path);
      return {
        id: safeChoiceValue(option.id, `${path}.id`),
        label: safeLine(option.label, `${path}.label`, 400),
      };
    }),
    addressesId: fromPulse ? 'questionIds' : 'recommendationIds',
    addressesLabel: fromPulse ? 'Which questions does it address?' : 'Which recommendations does it address?',
    addressesError: fromPulse ? 'Pick at least one question.' : 'Pick at least one recommendation.',
    ownerLabel: fromTeam ? 'Owner (someone in this team)' : 'Owner (anyone in the organisation)',
    ownerDataset: fromTeam ? 'graph.microsoft.com/users?scope=currentContext' : 'graph.microsoft.com/users',
    whatLabel: fromPulse ? 'What will the team do?' : 'What will be done?',
    minDate: day(view.minDate, 'minDate'),
    maxDate: day(view.maxDate, 'maxDate'),
    whatMaxLength: safeInt(view.whatMaxLength, 'whatMaxLength', 1, 2000),
    whatValue: safeText(values.what, 'values.what', 2000),
    ownerValue: /^[0-9A-Za-z-]*$/.test(owner) ? owner : '',
    dueValue: values.dueDate === '' ? '' : day(values.dueDate, 'values.dueDate'),
    addressedValue: safeList(values.addressed, 'values.addressed', MAX_QUESTIONS, (id, path) =>
      safeChoiceValue(id, path),
    ).join(','),
    hasError: error !== '',
    error,
  };
}

/** Template data of the owner's 1:1 action card (also its reminder). */
export function actionOwnerData(raw: unknown): Record<string, unknown> {
  const view = safeObject(raw, 'view');
  const isOpen = view.status === 'open';
  const lastNote = safeText(view.lastNote, 'lastNote', 400);
  return {
    heading: view.isReminder === true ? 'Reminder: an action is due soon' : 'An action for you',
    pulseId: safeId(view.pulseId, 'pulseId'),
    actionId: safeId(view.actionId, 'actionId'),
    what: safeText(view.what, 'what', 400),
    due: safeLine(view.due, 'due', 60),
    statusText: isOpen ? 'Open' : 'Done',
    source: safeLine(view.source, 'source', 400),
    hasNote: lastNote !== '',
    lastNote: lastNote ? `Latest note: ${lastNote}` : '',
    isOpen,
    minDate: day(view.minDate, 'minDate'),
    maxDate: day(view.maxDate, 'maxDate'),
    noteMaxLength: safeInt(view.noteMaxLength, 'noteMaxLength', 1, 2000),
  };
}

/** The results card's action list: counts and up to MAX_ACTIONS lines, fitted to ACTION_BUDGET. */
export function actionLinesData(raw: unknown): { data: Record<string, unknown>; bytes: number } {
  const lines = raw === undefined ? [] : safeList(raw, 'actions', MAX_ACTIONS, line);
  const open = lines.filter((item) => item.open).length;
  const fitted = fitLines([lines.map((item) => item.text)], ACTION_BUDGET).groups[0];
  const data = {
    hasActionPlans: lines.length > 0,
    actionCounts: `${open} open, ${lines.length - open} done`,
    actionLines: fitted.map((text) => ({ text })),
  };
  return { data, bytes: fitted.reduce((sum, text) => sum + jsonBytes(text) + LINE_OVERHEAD, 0) };
}

function line(item: unknown, path: string): { text: string; open: boolean } {
  const view = safeObject(item, path) as Partial<Record<keyof ActionLineView, unknown>>;
  const open = view.status === 'open';
  const what = safeLine(view.what, `${path}.what`, 200);
  const owner = safeLine(view.ownerName, `${path}.ownerName`, 80);
  const due = safeLine(view.due, `${path}.due`, 60);
  return { open, text: `${open ? '○' : '✓'} ${what} — ${owner}, ${open ? 'due' : 'was due'} ${due}` };
}

function day(value: unknown, path: string): string {
  const text = safeLine(value, path, 10);
  if (!DAY.test(text)) throw new CardDataError(path, 'a day (YYYY-MM-DD)');
  return text;
}
