import { type LineBudget, clipBytes, fitLines } from './fit-budget';
import { safeId, safeInt, safeList, safeObject, safeLine } from './safe-text';

// With these budgets and caps a worst case (every answer long, every character four bytes in
// JSON) stays under about 65 KB; the card tests render that case.
const REVIEW_BUDGET: LineBudget = { totalBytes: 16000, maxLineBytes: 400, minLineBytes: 48, maxLinesPerGroup: 3 };
const MY_DATA_BUDGET: LineBudget = { totalBytes: 20000, maxLineBytes: 600, minLineBytes: 48, maxLinesPerGroup: 4 };
const LIMITS = { titleBytes: 160, questionBytes: 240, chars: 4000, packId: 100, updated: 100 };
const MAX_ITEMS = 500;
const MAX_SHOWN_ANSWERS = 60;

interface AnswerItem {
  questionId: string;
  question: string;
  lines: string[];
}

function answerItem(raw: unknown, path: string): AnswerItem {
  const item = safeObject(raw, path);
  return {
    questionId: safeId(item.questionId, `${path}.questionId`),
    question: clipBytes(safeLine(item.question, `${path}.question`, LIMITS.chars), LIMITS.questionBytes),
    lines: safeList(item.answerLines, `${path}.answerLines`, MAX_ITEMS, (line, linePath) =>
      safeLine(line, linePath, LIMITS.chars),
    ),
  };
}

/** Keeps the first answers that fit on a card and shortens their lines to the budget. */
function fitItems(
  items: AnswerItem[],
  budget: LineBudget,
): { items: AnswerItem[]; truncated: boolean; hidden: number } {
  const shown = items.slice(0, MAX_SHOWN_ANSWERS);
  const fitted = fitLines(
    shown.map((item) => item.lines),
    budget,
  );
  return {
    items: shown.map((item, index) => ({ ...item, lines: fitted.groups[index] })),
    truncated: fitted.truncated,
    hidden: items.length - shown.length,
  };
}

function hiddenData(hidden: number): Record<string, unknown> {
  return { hasHidden: hidden > 0, hiddenCount: String(hidden) };
}

/** Template data of the review card. */
export function reviewData(raw: unknown): Record<string, unknown> {
  const view = safeObject(raw, 'view');
  const sections = safeList(view.sections, 'sections', MAX_ITEMS, (item, path) => {
    const section = safeObject(item, path);
    return {
      title: clipBytes(safeLine(section.title, `${path}.title`, LIMITS.chars), LIMITS.titleBytes),
      items: safeList(section.items, `${path}.items`, MAX_ITEMS, answerItem),
    };
  });
  const fitted = fitItems(
    sections.flatMap((section) => section.items),
    REVIEW_BUDGET,
  );
  let next = 0;
  const fittedSections = sections
    .map((section) => ({
      title: section.title,
      items: section.items.map(() => fitted.items[next++]).filter((item) => item !== undefined),
    }))
    .filter((section) => section.items.length > 0);
  return {
    sections: fittedSections,
    isEmpty: fittedSections.length === 0,
    truncated: fitted.truncated,
    ...hiddenData(fitted.hidden),
  };
}

/** Template data of the my-data card. */
export function myDataData(raw: unknown): Record<string, unknown> {
  const view = safeObject(raw, 'view');
  const fitted = fitItems(safeList(view.answers, 'answers', MAX_ITEMS, answerItem), MY_DATA_BUDGET);
  const lastUpdated = safeLine(view.lastUpdated, 'lastUpdated', LIMITS.updated);
  const answerCount = fitted.items.length + fitted.hidden;
  const other = safeObject(view.other, 'other');
  const pulseResponses = safeInt(other.pulseResponses, 'other.pulseResponses', 0, 1_000_000);
  const pulsesReceived = safeInt(other.pulsesReceived, 'other.pulsesReceived', 0, 1_000_000);
  const digest = safeLine(other.digest, 'other.digest', LIMITS.packId);
  return {
    pulseResponses: String(pulseResponses),
    pulsesReceived: String(pulsesReceived),
    hasPulses: pulseResponses + pulsesReceived > 0,
    digest,
    hasDigest: digest !== '',
    packId: safeLine(view.packId, 'packId', LIMITS.packId),
    packVersion: safeLine(view.packVersion, 'packVersion', LIMITS.packId),
    lastUpdated,
    hasUpdated: lastUpdated !== '',
    answers: fitted.items,
    answerCount: String(answerCount),
    isEmpty: answerCount === 0,
    truncated: fitted.truncated,
    ...hiddenData(fitted.hidden),
  };
}
