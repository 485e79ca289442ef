import { createHash } from 'node:crypto';
import type { Container } from '@azure/cosmos';
import { actionDocId, summaryPlanKey, type ActionDoc, type ActionScope } from '../../src/domain/action-docs';
import type { PulseDoc } from '../../src/domain/pulse-docs';
import { CosmosActionStore } from '../../src/storage/action-store';
import { CosmosPulseStore } from '../../src/storage/pulse-store';
import { openPulse } from '../storage/embedded-containers';

/** The recommendation the seeded summary actions address: a consideration of the default pack. */
export const SEEDED_RECOMMENDATION = 'change-management';

/** Seeds closed pulses and action plans through the app's real stores (the `pulses` container). */
export class ActionSeed {
  private readonly pulses: CosmosPulseStore;
  private readonly actions: CosmosActionStore;

  constructor(
    container: Container,
    private readonly tenantId: string,
  ) {
    this.pulses = new CosmosPulseStore(container);
    this.actions = new CosmosActionStore(container);
  }

  /** A closed pulse `title`, sent by `sender` to `rosterId`. */
  async pulse(title: string, sender: string, rosterId: string): Promise<PulseDoc> {
    const pulse = openPulse(this.tenantId, {
      title,
      createdBy: sender,
      status: 'closed',
      closedAt: '2026-12-01T09:00:00.000Z',
      createdAt: '2026-11-20T09:00:00.000Z',
      deadline: '2026-12-01T09:00:00.000Z',
      origin: { ...openPulse(this.tenantId).origin, rosterId, conversationId: rosterId },
    });
    await this.pulses.createPulse(pulse);
    return pulse;
  }

  /** An action planned from `pulse`'s results, or (pulse omitted) from a summary of `scope`. */
  async action(
    what: string,
    fields: Partial<ActionDoc> & Pick<ActionDoc, 'ownerId' | 'ownerName' | 'createdBy' | 'dueDate'>,
    from: PulseDoc | { scope: ActionScope; rosterId: string },
  ): Promise<ActionDoc> {
    const actionId = createHash('sha256').update(what).digest('hex').slice(0, 32);
    const rosterId = 'pulseId' in from ? from.origin.rosterId : from.rosterId;
    const pulseId = 'pulseId' in from ? from.pulseId : summaryPlanKey(this.tenantId, from.scope, rosterId);
    const action: ActionDoc = {
      id: actionDocId(pulseId, actionId),
      type: 'action',
      tenantId: this.tenantId,
      pulseId,
      actionId,
      rosterId,
      what,
      status: 'open',
      source:
        'pulseId' in from
          ? { kind: 'pulse', pulseId, questionIds: ['q1'] }
          : { kind: 'summary', scope: from.scope, recommendationIds: [SEEDED_RECOMMENDATION] },
      createdAt: new Date(Date.parse('2026-12-01T10:00:00Z') + Number.parseInt(actionId.slice(0, 6), 16)).toISOString(),
      updates: [],
      timeZone: 'Europe/Berlin',
      memberId: `29:${fields.ownerId}`,
      ...fields,
    };
    expect(await this.actions.createAction(action)).toBe(true);
    return action;
  }
}
