import type { RawAnswer } from '../../src/aggregation/recompute';
import type { ContentIndex } from '../../src/content/content-index';
import type { RowValue } from '../../src/domain/answers';
import type { Containers } from '../../src/storage/cosmos';
import type { AggregateStore } from '../../src/storage/ports';
import { answerDocument } from '../../src/storage/user-docs';
import { applyAsTurnsWould } from '../leadership/drive';

/** One use case as a person enters it, with the build approach recommended for it (if they went through that). */
export interface Idea {
  title: string;
  shared?: boolean;
  value?: number;
  feasibility?: number;
  approach?: string;
  /** `<goal>><metric>` of a success metric linked to it. */
  metric?: string;
}

/** The use-case rows of these ideas (`share` is the pack's consent toggle: "yes", "no", or absent as in old rows). */
export function useCaseRows(ideas: readonly Idea[]): RowValue[] {
  return ideas.map((idea, i) => ({
    rowId: `uc${i}`,
    title: idea.title,
    ...(idea.value ? { value: idea.value } : {}),
    ...(idea.feasibility ? { feasibility: idea.feasibility } : {}),
    ...(idea.shared === undefined ? {} : { share: idea.shared ? 'yes' : 'no' }),
  }));
}

/** A person's answers holding these ideas: use cases, build decisions and metrics linked to them. */
export function ideaAnswers(userId: string, ideas: readonly Idea[]): RawAnswer[] {
  const answer = (questionId: string, rows: RowValue[]): RawAnswer[] =>
    rows.length === 0 ? [] : [{ userId, questionId, role: 'employee', value: { kind: 'rows', rows } }];
  const decisions = ideas.flatMap((idea, i) =>
    idea.approach ? [{ rowId: `dr${i}`, 'use-case': `uc${i}`, approach: idea.approach }] : [],
  );
  const metrics = ideas.flatMap((idea, i) => {
    if (!idea.metric) return [];
    const [goal, metric] = idea.metric.split('>');
    return [{ rowId: `sm${i}`, goal, 'use-case': `uc${i}`, metric, target: 'more' }];
  });
  return [
    ...answer('uc-use-cases', useCaseRows(ideas)),
    ...answer('dr-build-approach', decisions),
    ...answer('sm-metrics', metrics),
  ];
}

/** `count` people (ids `<prefix>-<n>`) each proposing these ideas. */
export function crowd(prefix: string, count: number, ideas: readonly Idea[]): Record<string, Idea[]> {
  return Object.fromEntries(Array.from({ length: count }, (_, i) => [`${prefix}-${i}`, [...ideas]]));
}

/**
 * People's answers stored as their turns would store them (answer documents, and a membership when `teamId` is given)
 * and their counters applied person by person, so batches are published as they would be.
 */
export async function propose(
  target: { containers: Containers; aggregates: AggregateStore; index: ContentIndex; tenantId: string },
  people: Record<string, readonly Idea[]>,
  teamId?: string,
): Promise<void> {
  const { containers, aggregates, index, tenantId } = target;
  const raw: RawAnswer[] = [];
  for (const [userId, ideas] of Object.entries(people)) {
    const answers = ideaAnswers(userId, ideas);
    for (const answer of answers)
      await containers.users.items.upsert(
        answerDocument({
          tenantId,
          userId,
          questionId: answer.questionId,
          sectionId: index.find(answer.questionId)?.section.id ?? '',
          packId: index.pack.id,
          packVersion: index.pack.version,
          role: answer.role,
          value: answer.value,
          answeredAt: '2026-12-07T00:00:00.000Z',
        }),
      );
    if (teamId)
      await containers.users.items.upsert({
        id: `membership|${userId}`,
        type: 'membership',
        tenantId,
        userId,
        teamIds: [teamId],
      });
    raw.push(...answers);
  }
  await applyAsTurnsWould(aggregates, index, tenantId, raw);
  if (teamId) await applyAsTurnsWould(aggregates, index, tenantId, raw, teamId);
}
