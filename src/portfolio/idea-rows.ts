import { createHash } from 'node:crypto';
import type { AnswerValue, RowValue } from '../domain/answers';
import { SHARED } from '../domain/row-consent';
import { approachOf, metricOf, type PortfolioQuestions } from './portfolio-questions';

/** An answer as the portfolio reads it. */
export interface PortfolioAnswer {
  userId: string;
  questionId: string;
  value: AnswerValue;
}

/** One use case one person proposed, with what they said about it elsewhere (in memory only, never stored as is). */
export interface IdeaRow {
  userId: string;
  rowId: string;
  title: string;
  /** The person agreed to show its words to leaders (without their name); anything but "yes", or nothing, is a no. */
  shared: boolean;
  value?: number;
  feasibility?: number;
  /** The approach recommended on the person's build decision for this use case, if any. */
  approach?: string;
  /** `<goal>><metric>` of the person's success metrics linked to this use case (the pack's values only). */
  metrics: string[];
}

/**
 * The use-case rows in these answers, each with its build approach and linked metrics. `counted(questionId, userId)`
 * says whether that person's answer to that question may be used (it is left out while their change to it waits to
 * be published with a batch of others).
 */
export function ideaRows(
  questions: PortfolioQuestions,
  answers: Iterable<PortfolioAnswer>,
  counted: (questionId: string, userId: string) => boolean,
): IdeaRow[] {
  const { useCases, decision, metrics } = questions;
  const rowsOf = new Map<string, Map<string, RowValue[]>>();
  for (const answer of answers) {
    if (answer.value.kind !== 'rows' || !counted(answer.questionId, answer.userId)) continue;
    const byQuestion = rowsOf.get(answer.userId) ?? new Map<string, RowValue[]>();
    byQuestion.set(answer.questionId, answer.value.rows);
    rowsOf.set(answer.userId, byQuestion);
  }
  const ideas: IdeaRow[] = [];
  for (const [userId, byQuestion] of rowsOf) {
    const linked = (questionId: string | undefined, field: string | undefined, rowId: string) =>
      (questionId === undefined ? [] : (byQuestion.get(questionId) ?? [])).filter(
        (row) => field !== undefined && row[field] === rowId,
      );
    for (const row of byQuestion.get(useCases.id) ?? []) {
      const title = row[useCases.title];
      if (typeof title !== 'string' || title.trim() === '') continue;
      const rowId = String(row.rowId);
      const approach = linked(decision?.id, decision?.useCase, rowId)
        .map((candidate) => approachOf(questions, candidate))
        .find((found) => found !== undefined);
      const linkedMetrics = linked(metrics?.id, metrics?.useCase, rowId)
        .map((candidate) => metricOf(questions, candidate))
        .filter((found): found is string => found !== undefined);
      ideas.push({
        userId,
        rowId,
        title,
        shared: useCases.consent !== undefined && row[useCases.consent] === SHARED,
        ...rating('value', useCases.value === undefined ? undefined : row[useCases.value]),
        ...rating('feasibility', useCases.feasibility === undefined ? undefined : row[useCases.feasibility]),
        ...(approach === undefined ? {} : { approach }),
        metrics: [...new Set(linkedMetrics)].sort(),
      });
    }
  }
  return ideas;
}

/**
 * An opaque key of a shown title's words and where they came from (like the quote keys of src/aggregation/quotes.ts):
 * when the person edits, unshares or deletes them, no current row has the key any more and the title is dropped.
 */
export function titleKey(idea: Pick<IdeaRow, 'userId' | 'rowId' | 'title'>): string {
  return createHash('sha256')
    .update(`portfolio-title\u0000${idea.userId}\u0000${idea.rowId}\u0000${idea.title}`)
    .digest('base64url')
    .slice(0, 16);
}

function rating<K extends string>(key: K, raw: unknown): Partial<Record<K, number>> {
  return typeof raw === 'number' && Number.isInteger(raw) && raw >= 1 && raw <= 5
    ? ({ [key]: raw } as Record<K, number>)
    : {};
}
