import type { Config } from '../../config';
import { ContentIndex } from '../../content/content-index';
import { loadContentPack } from '../../content/load-content-pack';
import { effectiveGroup } from '../../leadership/thresholds';
import { CosmosAggregateStore } from '../../storage/aggregate-store';
import { CosmosSessionStore } from '../../storage/session-store';
import { CosmosTeamMembership } from '../../storage/team-membership';
import type { SessionStore, TeamMembership } from '../../storage/ports';
import { openCosmos } from '../../storage/cosmos';
import { cosmosSafe } from '../../storage/cosmos-id';
import { AnswerRecorder } from '../../strategy/answer-recorder';
import { TurnUnit } from '../../strategy/turn-unit';
import { PLAYGROUND_DEFAULTS } from '../playground-defaults';
import { demoAnswers, demoPath, type DemoAnswer } from './answers';
import { CombinedChanges } from './combined-changes';
import { assertDemoAllowed } from './demo-allowed';
import { DEMO_TEAMS, demoPeople, type DemoPerson } from './organisation';
import { SeededRandom } from './random';

export interface DemoSeedOptions {
  config: Config;
  /** The embedded server's endpoint and key. */
  cosmos: { endpoint: string; key?: string };
  /** The same seed builds the same organisation and answers. */
  seed?: number;
  /** When the seed runs; the simulated people answered in the four weeks before. */
  now?: Date;
}

export interface DemoSeedReport {
  /** The Agents Playground's tenant, where the demo organisation lives. */
  tenantId: string;
  people: number;
  leaders: number;
  /** People who answered every question of their path. */
  finished: number;
  answers: number;
  teams: { id: string; name: string; people: number }[];
  /** One simulated person's Entra object id, for trying "grant leader <id>". */
  examplePersonId: string;
}

export const DEFAULT_DEMO_SEED = 20261;
const DAY_MS = 86_400_000;
/** People (or documents) written at once. */
const WIDTH = 8;

/**
 * Fills the Playground's tenant with a simulated organisation through the stores a real turn uses: each person's
 * team membership (TeamMembership) and answers, recorded by the AnswerRecorder and written with their session
 * (SessionStore); then the counter changes of all of them, summed per document and applied with every person marked
 * pending (AggregateStore), and published as a batch left pending that long would be. The counters are those the
 * same answers given in chat would make, and the leadership summaries show them under the same thresholds.
 */
export async function seedDemo(options: DemoSeedOptions): Promise<DemoSeedReport> {
  const { config } = options;
  assertDemoAllowed(config);
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const now = (options.now ?? new Date()).getTime();
  const index = new ContentIndex(loadContentPack(config.contentPackPath));
  const tenantId = cosmosSafe(PLAYGROUND_DEFAULTS.tenantId.toLowerCase());
  const random = new SeededRandom(seed + 1);
  // Made before anything is stored, so the answers do not depend on the order writes finish in.
  const plan = demoPeople(seed).map((person) => ({ person, answers: demoAnswers(index, person, random) }));
  const { client, containers } = await openCosmos({ ...options.cosmos, database: config.cosmos.database, local: true });
  try {
    const newest = Math.min(...plan.map(({ person }) => person.daysAgo));
    let clock = new Date(now - newest * DAY_MS);
    const aggregates = new CosmosAggregateStore(
      containers.aggregates,
      effectiveGroup(config.summaryThresholds),
      () => clock,
    );
    const memberships = new CosmosTeamMembership(containers.users);
    const sessions = new CosmosSessionStore(containers.users);
    const combined = new CombinedChanges();
    await pool(plan, WIDTH, async ({ person, answers }) => {
      const answeredAt = new Date(now - person.daysAgo * DAY_MS);
      combined.add(
        person.userId,
        await storePerson({ sessions, memberships }, index, tenantId, person, answers, answeredAt),
      );
    });
    // Marked pending as of the newest answer, then published as any batch left pending that long would be.
    const changes = combined.all();
    await pool(changes, WIDTH, ({ personIds, change }) => aggregates.applyTogether(tenantId, personIds, change));
    clock = new Date(now);
    await pool(changes, WIDTH, ({ change }) => aggregates.publishIfDue(tenantId, change.questionId, change.teamId));
  } finally {
    client.dispose();
  }
  return {
    tenantId,
    people: plan.length,
    leaders: plan.filter(({ person }) => person.role === 'leader').length,
    finished: plan.filter(({ person, answers }) => answers.length === demoPath(index, person).questionIds.size).length,
    answers: plan.reduce((sum, { answers }) => sum + answers.length, 0),
    examplePersonId: plan[0].person.userId,
    teams: DEMO_TEAMS.map(({ id, name }) => ({
      id,
      name,
      people: plan.filter(({ person }) => person.team.id === id).length,
    })),
  };
}

/**
 * One person as their turns would store them: a member of their team, then their answers recorded and written with
 * their session. Returns the turn, whose counter changes are still to be applied.
 */
async function storePerson(
  stores: { sessions: SessionStore; memberships: TeamMembership },
  index: ContentIndex,
  tenantId: string,
  person: DemoPerson,
  answers: readonly DemoAnswer[],
  answeredAt: Date,
): Promise<TurnUnit> {
  const { userId } = person;
  const session = CosmosSessionStore.forNewPerson(tenantId, userId, `a:demo-${userId}`);
  await stores.memberships.join(session, person.team.id);
  const unit = new TurnUnit({ tenantId, userId, role: person.role }, session, () =>
    Promise.reject(new Error('programming error: the demo applies its changes in bulk (CombinedChanges)')),
  );
  const recorder = new AnswerRecorder(index, () => answeredAt);
  // As "start full" would: the path is chosen before the first answer.
  recorder.choosePath(unit, demoPath(index, person).id);
  for (const { ref, value } of answers) recorder.record(unit, ref, value);
  session.doc.welcomed = true;
  await stores.sessions.save(session, answeredAt, unit.pendingAnswers);
  return unit;
}

async function pool<T>(items: readonly T[], width: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}
