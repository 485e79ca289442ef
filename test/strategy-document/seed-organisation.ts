import type { RawAnswer } from '../../src/aggregation/recompute';
import type { ContentIndex } from '../../src/content/content-index';
import type { Containers } from '../../src/storage/cosmos';
import type { AggregateStore } from '../../src/storage/ports';
import { answerDocument } from '../../src/storage/user-docs';
import { applyAsTurnsWould } from '../leadership/drive';

const WANTS = ['Automate routine paperwork, as Dana Smith asked', 'Answer customer questions faster'];
const DO_NOT_WANTS = ['Never replace jobs', 'Keep personal data private'];
const IDEAS = [
  { title: 'Summarise meeting notes', value: 4, feasibility: 5 },
  { title: 'Invoice triage', value: 5, feasibility: 2 },
  { title: 'Draft marketing content', value: 2, feasibility: 4 },
];

/** People `<prefix>-<n>`: every rating, statements, use cases (shared), a build decision and a metric each. */
export function organisationAnswers(index: ContentIndex, prefix: string, count: number): RawAnswer[] {
  const answers: RawAnswer[] = [];
  for (let i = 0; i < count; i++) {
    const userId = `${prefix}-${i}`;
    const role = i % 3 === 0 ? 'leader' : 'employee';
    const add = (questionId: string, value: RawAnswer['value']) => answers.push({ userId, questionId, role, value });
    index.allQuestions().forEach(({ question }, q) => {
      if (question.kind === 'rating')
        add(question.id, { kind: 'rating', value: role === 'leader' ? 5 - (q % 2) : 1 + ((i + q) % 4) });
    });
    add('am-want', { kind: 'rows', rows: [{ rowId: 'w', statement: WANTS[i % WANTS.length] }] });
    add('am-do-not-want', { kind: 'rows', rows: [{ rowId: 'd', statement: DO_NOT_WANTS[i % 2] }] });
    add('bi-innovation-areas', { kind: 'text', text: 'faster customer support, says Dana Smith' });
    add('ba-awareness-initiatives', { kind: 'multi', values: ['training'] });
    add('uc-use-cases', {
      kind: 'rows',
      rows: IDEAS.map((idea, n) => ({ rowId: `uc${n}`, ...idea, share: 'yes' })),
    });
    add('dr-build-approach', {
      kind: 'rows',
      rows: [{ rowId: 'dr0', 'use-case': 'uc0', approach: 'copilot-studio' }],
    });
    add('sm-metrics', {
      kind: 'rows',
      rows: [
        {
          rowId: 'm',
          goal: 'employee-productivity',
          'use-case': 'uc0',
          metric: 'task-completion-time',
          baseline: `${30 + (i % 5)} minutes`,
          target: `${10 + (i % 3)} minutes`,
          'time-frame': '6-months',
        },
      ],
    });
  }
  return answers;
}

/** Stores the answers as turns would (answer documents, then counters person by person, so batches are published). */
export async function storeOrganisation(
  target: { containers: Containers; aggregates: AggregateStore; index: ContentIndex; tenantId: string },
  answers: readonly RawAnswer[],
): Promise<void> {
  const { containers, aggregates, index, tenantId } = target;
  for (const answer of answers)
    await containers.users.items.upsert(
      answerDocument({
        tenantId,
        userId: answer.userId,
        questionId: answer.questionId,
        sectionId: index.find(answer.questionId)?.section.id ?? '',
        packId: index.pack.id,
        packVersion: index.pack.version,
        role: answer.role,
        value: answer.value,
        answeredAt: '2026-12-01T00:00:00.000Z',
      }),
    );
  await applyAsTurnsWould(aggregates, index, tenantId, answers);
}
