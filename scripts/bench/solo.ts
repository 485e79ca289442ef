import type { CosmosProcess } from './cosmos-process';
import { Tally } from './cosmos-requests';
import { questionnaireLoad, type QuestionnaireLoad, type Target } from './phases';

export interface TurnKindFigures {
  label: string;
  turns: number;
  latencies: number[];
  /** Every Cosmos request these turns caused, summed. */
  requests: Tally;
}

export interface SoloRun {
  load: QuestionnaireLoad;
  /** By kind of turn, in the order the kinds first occurred. */
  kinds: TurnKindFigures[];
}

/**
 * One user alone: with no other turn in flight, every Cosmos request that arrives during a turn belongs to it,
 * so the requests can be told per kind of turn (answer, row, done, ...).
 */
export async function soloQuestionnaire(target: Target, tenantId: string, cosmos: CosmosProcess): Promise<SoloRun> {
  const counted: Promise<{ tally: Tally; ms: number }>[] = [];
  let current: number | undefined;
  const load = await questionnaireLoad(target, tenantId, 1, {
    think: async () => {
      current = await cosmos.attach();
    },
    after: (result) => {
      if (current === undefined) return;
      counted.push(cosmos.detach(current).then((tally) => ({ tally, ms: result.ms })));
      current = undefined;
    },
  });
  const perTurn = await Promise.all(counted);
  const log = load.users[0]?.run.log ?? [];
  const kinds = new Map<string, TurnKindFigures>();
  log.forEach((label, index) => {
    const turn = perTurn[index];
    if (!turn) return;
    const figures = kinds.get(label) ?? { label, turns: 0, latencies: [], requests: new Tally() };
    figures.turns += 1;
    figures.latencies.push(turn.ms);
    figures.requests.merge(turn.tally);
    kinds.set(label, figures);
  });
  return { load, kinds: [...kinds.values()] };
}
