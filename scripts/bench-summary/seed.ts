import { recomputeCounters } from '../../src/aggregation/recompute';
import type { ContentIndex } from '../../src/content/content-index';
import type { RowValue } from '../../src/domain/answers';
import { CosmosAggregateStore } from '../../src/storage/aggregate-store';
import { answerDocument, type StoredAnswer } from '../../src/storage/user-docs';
import type { Containers } from '../../src/storage/cosmos';

const STATEMENTS = [
  'Automate routine paperwork',
  'Answer customer questions faster',
  'Summarise long meeting notes',
  'Forecast demand from our sales data',
  'Draft first versions of marketing content',
  'Help new starters learn our tools',
  'Never replace jobs without a plan',
  'Keep personal data out of prompts',
  'No decisions about people without a human',
];

/** Use-case ideas people propose (each person two of them, some with their own wording). */
const IDEAS = [
  'Draft replies to customer emails',
  'Summarise meeting notes',
  'Forecast demand from sales data',
  'Answer HR policy questions',
  'Translate product manuals',
  'Review supplier contracts',
  'Write marketing copy',
  'Triage support tickets',
  'Generate test data',
  'Onboarding assistant for new starters',
  'Detect invoice fraud',
  'Plan delivery routes',
];
const APPROACHES = ['m365-copilot-saas', 'copilot-studio', 'ai-foundry-paas', 'custom-model-iaas'];

/**
 * One person's answers: every rating question, two ambition statements, one do-not-want, two use cases (the first
 * shared with leaders), a build decision for the first and one metric row linked to it.
 */
export function personAnswers(index: ContentIndex, tenantId: string, person: number): StoredAnswer[] {
  const userId = `bench-person-${person}`;
  const goals = index.pack.goals;
  const goal = goals[person % goals.length];
  const answers: StoredAnswer[] = [];
  const add = (questionId: string, value: StoredAnswer['value']) =>
    answers.push(
      answerDocument({
        tenantId,
        userId,
        questionId,
        sectionId: index.find(questionId)?.section.id ?? '',
        packId: index.pack.id,
        packVersion: index.pack.version,
        role: person % 9 === 0 ? 'leader' : 'employee',
        value,
        answeredAt: '2026-11-01T00:00:00.000Z',
      }),
    );
  index.allQuestions().forEach(({ question }, i) => {
    if (question.kind === 'rating')
      add(question.id, { kind: 'rating', value: (person + i) % 11 === 0 ? null : ((person * 7 + i) % 5) + 1 });
  });
  const statement = (offset: number): RowValue => ({
    rowId: `r${offset}`,
    statement: `${STATEMENTS[(person + offset) % STATEMENTS.length]} (${person})`,
  });
  add(index.pack.summary.want, { kind: 'rows', rows: [statement(0), statement(3)] });
  add(index.pack.summary.doNotWant, { kind: 'rows', rows: [statement(6)] });
  const idea = (offset: number) => IDEAS[(person * 7 + offset) % IDEAS.length];
  add('uc-use-cases', {
    kind: 'rows',
    rows: [
      { rowId: 'u1', title: idea(0), value: (person % 5) + 1, feasibility: ((person * 3) % 5) + 1, share: 'yes' },
      { rowId: 'u2', title: `${idea(5)} for team ${person % 40}`, value: 3, share: person % 2 ? 'yes' : 'no' },
    ],
  });
  add('dr-build-approach', {
    kind: 'rows',
    rows: [{ rowId: 'd1', 'use-case': 'u1', approach: APPROACHES[person % APPROACHES.length] }],
  });
  const fields = index.pack.summary.metricFields;
  add(index.pack.summary.metrics, {
    kind: 'rows',
    rows: [
      {
        rowId: 'm1',
        'use-case': 'u1',
        [fields.goal]: goal.value,
        [fields.metric]: goal.metrics[person % goal.metrics.length].value,
        [fields.baseline]: `${(person % 40) + 5}% today`,
        [fields.target]: `${(person % 40) + 25}% next year`,
        [fields.timeFrame]: index.pack.timeFrames[0]?.value ?? '',
      },
    ],
  });
  return answers;
}

/**
 * Adds people until the tenant holds `target` answers: answer documents written straight to the users container
 * (many at once, not through the bot), and each person's counters added to the aggregates as their turns would.
 */
export async function seedUpTo(
  containers: Containers,
  index: ContentIndex,
  tenantId: string,
  state: { people: number; answers: number },
  target: number,
): Promise<void> {
  const batch: StoredAnswer[] = [];
  while (state.answers + batch.length < target) {
    const answers = personAnswers(index, tenantId, state.people++);
    batch.push(...answers.slice(0, target - state.answers - batch.length));
  }
  await pool(batch, 64, (answer) => patiently(() => containers.users.items.upsert(answer, { abortSignal: timeout() })));
  // Person by person, as their turns would: summaries read what is published, and that takes batches of people.
  const aggregates = new CosmosAggregateStore(containers.aggregates);
  const byPerson = new Map<string, StoredAnswer[]>();
  for (const answer of batch) byPerson.set(answer.userId, [...(byPerson.get(answer.userId) ?? []), answer]);
  const changes = [...byPerson].flatMap(([userId, answers]) =>
    [...recomputeCounters(index, answers)].map(([questionId, delta]) => ({ userId, questionId, delta })),
  );
  await pool(changes, 16, ({ userId, questionId, delta }) =>
    aggregates.apply(tenantId, userId, { questionId, delta, quoteSets: [], quoteRemovals: [] }),
  );
  state.answers += batch.length;
}

/** How long one seeding upsert may take: on a busy machine the embedded server now and then leaves one unanswered. */
const UPSERT_TIMEOUT_MS = 30_000;
const timeout = () => AbortSignal.timeout(UPSERT_TIMEOUT_MS);

/** An idempotent write, tried again (at most three times in all) when it timed out or its connection was reset. */
async function patiently<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      const { name, code } = error as { name?: string; code?: unknown };
      const stalled =
        name === 'AbortError' || code === 'AbortError' || code === 'ECONNRESET' || name === 'TimeoutError';
      if (!stalled || attempt >= 3) throw error;
    }
  }
}

async function pool<T>(items: readonly T[], width: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}
