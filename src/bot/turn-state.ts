import type { TurnContext } from 'botbuilder';
import type { TurnUnit } from '../strategy/turn-unit';

const TURN_UNIT = Symbol('strategy-guide.turn-unit');

/** Attaches the turn's unit of work (session, speaker, pending aggregate changes) to the context. */
export function attachTurnUnit(context: TurnContext, unit: TurnUnit): void {
  context.turnState.set(TURN_UNIT, unit);
}

/** The turn's unit of work; the bot attaches it before any dialog runs. */
export function turnUnitOf(context: TurnContext): TurnUnit {
  const unit = context.turnState.get(TURN_UNIT) as TurnUnit | undefined;
  if (!unit) throw new Error('no turn unit attached to this turn');
  return unit;
}
