import type { ActionLineView } from '../cards/action-view-models';
import type { PulseDoc } from '../domain/pulse-docs';
import type { ActionStore } from '../storage/ports';
import { MAX_ACTIONS_PER_PULSE } from '../domain/action-docs';
import { formatDueDate } from './action-schedule';

/**
 * The team's latest actions (from this pulse and its earlier ones), as the team's results cards list them. The owner's name is shown: the card goes to the
 * team's own channel, whose members a manager picked the owner from, so the name is no news to anyone who sees it.
 */
export async function actionLines(
  actions: ActionStore | undefined,
  pulse: Pick<PulseDoc, 'tenantId' | 'origin'>,
): Promise<{ actions?: ActionLineView[] }> {
  if (!actions) return {};
  const planned = await actions.actionsOfTeam(pulse.tenantId, pulse.origin.rosterId, MAX_ACTIONS_PER_PULSE);
  return {
    actions: planned.map((action) => ({
      what: action.what,
      due: formatDueDate(action.dueDate),
      status: action.status,
      ownerName: action.ownerName,
    })),
  };
}
