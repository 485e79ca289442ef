import type { CountingCosmos } from './counting-cosmos';
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
export async function soloQuestionnaire(target: Target, tenantId: string, cosmos: CountingCosmos): Promise<SoloRun> {
  const perTurn: { tally: Tally; ms: number }[] = [];
  let current: Tally | undefined;
  const load = await questionnaireLoad(target, tenantId, 1, {
    before: () => {
      current = new Tally();
      cosmos.attach(current);
    },
    after: (result) => {
      if (!current) return;
      cosmos.detach(current);
      perTurn.push({ tally: current, ms: result.ms });
      current = undefined;
    },
  });
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
