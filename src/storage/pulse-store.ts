import type { Container, PatchOperation } from '@azure/cosmos';
import { pulseIds, type PulseDoc, type ResultsDoc } from '../domain/pulse-docs';
import type { PulseClose, PulseStore, Versioned } from './ports';
import { createIfAbsent, readInPulse, replaceInPulse } from './pulse-partition';
import { withoutSystemFields } from './system-fields';

/** The pulses the scheduler looks at: open ones, and closed ones whose results card has not landed yet. */
const SCHEDULED = '(c.status = "open" OR c.resultsDue = true)';

/**
 * Pulse documents and their results, in the pulse's own partition ([tenantId, pulseId]) of the `pulses` container;
 * only the scheduler's queries read more than one pulse, and never more than one tenant (or only tenant ids).
 */
export class CosmosPulseStore implements PulseStore {
  constructor(private readonly container: Container) {}

  async createPulse(pulse: PulseDoc): Promise<void> {
    await this.container.items.create(pulse);
  }

  readPulse(tenantId: string, pulseId: string): Promise<Versioned<PulseDoc> | undefined> {
    return readInPulse<PulseDoc>(this.container, pulseIds.pulse(pulseId), tenantId, pulseId);
  }

  replacePulse(pulse: PulseDoc, etag: string): Promise<string | undefined> {
    return replaceInPulse(this.container, pulse, etag);
  }

  async scheduledPulses(tenantId: string): Promise<PulseDoc[]> {
    const { resources } = await this.container.items
      .query<PulseDoc>({
        query: `SELECT * FROM c WHERE c.tenantId = @tenantId AND c.type = "pulse" AND ${SCHEDULED}`,
        parameters: [{ name: '@tenantId', value: tenantId }],
      })
      .fetchAll();
    return resources.map(withoutSystemFields);
  }

  /** The query returns tenant ids, nothing else, and every action taken afterwards stays inside one tenant. */
  async tenantsWithScheduledPulses(): Promise<string[]> {
    const { resources } = await this.container.items
      .query<string>(`SELECT VALUE c.tenantId FROM c WHERE c.type = "pulse" AND ${SCHEDULED}`)
      .fetchAll();
    return [...new Set(resources)];
  }

  /** A conditional patch: of several closers exactly one succeeds, and no response can land after it. */
  closePulse(tenantId: string, pulseId: string, close: PulseClose): Promise<PulseDoc | undefined> {
    const operations: PatchOperation[] = [
      { op: 'set', path: '/status', value: 'closed' },
      { op: 'set', path: '/closedAt', value: close.closedAt },
      { op: 'set', path: '/closedBy', value: close.closedBy },
    ];
    if (close.resultsDue) operations.push({ op: 'set', path: '/resultsDue', value: true });
    return this.patchIfOpen(tenantId, pulseId, operations);
  }

  cancelPulse(tenantId: string, pulseId: string, at: string): Promise<PulseDoc | undefined> {
    return this.patchIfOpen(tenantId, pulseId, [
      { op: 'set', path: '/status', value: 'cancelled' },
      { op: 'set', path: '/closedAt', value: at },
    ]);
  }

  recordChannelCard(tenantId: string, pulseId: string, activityId: string): Promise<void> {
    return this.patch(tenantId, pulseId, [{ op: 'set', path: '/channelActivityId', value: activityId }]);
  }

  recordRosterPage(tenantId: string, pulseId: string, added: number, continuation: string | undefined): Promise<void> {
    return this.patch(tenantId, pulseId, [
      { op: 'incr', path: '/fanOut/recipients', value: added },
      continuation
        ? { op: 'set', path: '/fanOut/rosterContinuation', value: continuation }
        : { op: 'set', path: '/fanOut/phase', value: 'sending' },
    ]);
  }

  markFanOutDone(tenantId: string, pulseId: string): Promise<void> {
    return this.patch(tenantId, pulseId, [{ op: 'set', path: '/fanOut/phase', value: 'done' }]);
  }

  markReminderRoundDone(tenantId: string, pulseId: string): Promise<void> {
    return this.patch(tenantId, pulseId, [{ op: 'set', path: '/reminderRound', value: 'done' }]);
  }

  markResultsPosted(tenantId: string, pulseId: string, at: string): Promise<void> {
    return this.patch(tenantId, pulseId, [
      { op: 'set', path: '/resultsDue', value: false },
      { op: 'set', path: '/resultsPostedAt', value: at },
    ]);
  }

  async decrementResponses(tenantId: string, pulseId: string): Promise<void> {
    try {
      await this.container.item(pulseIds.pulse(pulseId), [tenantId, pulseId]).patch({
        condition: 'FROM c WHERE c.responses > 0 AND c.status = "open"',
        operations: [{ op: 'incr', path: '/responses', value: -1 }],
      });
    } catch (error) {
      if ((error as { code?: number }).code !== 412) throw error;
    }
  }

  async readResults(tenantId: string, pulseId: string): Promise<ResultsDoc | undefined> {
    return (await readInPulse<ResultsDoc>(this.container, pulseIds.results(pulseId), tenantId, pulseId))?.doc;
  }

  createResults(results: ResultsDoc): Promise<boolean> {
    return createIfAbsent(this.container, results);
  }

  /** Atomic changes to the pulse document (no read, no lost update). */
  private async patch(tenantId: string, pulseId: string, operations: PatchOperation[]): Promise<void> {
    await this.container.item(pulseIds.pulse(pulseId), [tenantId, pulseId]).patch(operations);
  }

  private async patchIfOpen(
    tenantId: string,
    pulseId: string,
    operations: PatchOperation[],
  ): Promise<PulseDoc | undefined> {
    try {
      const { resource } = await this.container
        .item(pulseIds.pulse(pulseId), [tenantId, pulseId])
        .patch<PulseDoc>({ condition: 'FROM c WHERE c.status = "open"', operations });
      return resource ? withoutSystemFields(resource) : undefined;
    } catch (error) {
      const code = (error as { code?: number }).code;
      if (code === 412 || code === 404) return undefined;
      throw error;
    }
  }
}
