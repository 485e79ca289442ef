import { echoLoad, questionnaireLoad, type Target } from './phases';
import { ratio, summarize, type LatencySummary } from './stats';

/** The conversation's p95 against the floor bot's at one concurrency, over alternating rounds of each. */
export interface FloorComparison {
  users: number;
  rounds: number;
  bot: LatencySummary;
  floor: LatencySummary;
  /** Bot p95 / floor p95. */
  p95Ratio: number;
  errors: string[];
}

/**
 * Each round, `users` new users complete the questionnaire, then the floor bot gets as many turns from as many users.
 * Alternating keeps both sides on the same machine state (a busy neighbour slows both, not one), so the ratio is
 * steadier than one long phase of each.
 */
export async function compareWithFloor(
  bot: Target,
  floor: Target,
  tenantId: string,
  users: number,
  rounds: number,
): Promise<FloorComparison> {
  const botLatencies: number[] = [];
  const floorLatencies: number[] = [];
  const errors: string[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const conversation = await questionnaireLoad(bot, tenantId, users);
    botLatencies.push(...conversation.latencies);
    errors.push(
      ...conversation.errors,
      ...conversation.users.flatMap(({ run }) => run.errors),
      ...(conversation.users.length < users ? [`${users - conversation.users.length} users did not finish`] : []),
    );
    const baseline = await echoLoad(floor, tenantId, users, conversation.latencies.length);
    floorLatencies.push(...baseline.latencies);
    errors.push(...baseline.errors);
  }
  const botSummary = summarize(botLatencies);
  const floorSummary = summarize(floorLatencies);
  return {
    users,
    rounds,
    bot: botSummary,
    floor: floorSummary,
    p95Ratio: ratio(botSummary.p95, floorSummary.p95),
    errors,
  };
}
