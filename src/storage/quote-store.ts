import { createHash } from 'node:crypto';
import type { Container, PatchOperation } from '@azure/cosmos';
import type { QuoteChange, QuoteSlots } from '../aggregation/quotes';
import { withoutSystemFields } from './system-fields';

/** The example statements of one question in one scope (see src/aggregation/quotes.ts), in the aggregates container. */
export interface QuotesDoc {
  id: string;
  type: 'quotes';
  tenantId: string;
  questionId: string;
  teamId?: string;
  quotes: QuoteSlots;
}

const PATCH_LIMIT = 10;

/** Quote slots: set with a patch, emptied with a patch conditional on the slot still holding the statement. */
export class QuoteStore {
  constructor(private readonly container: Container) {}

  async apply(tenantId: string, questionId: string, changes: readonly QuoteChange[], teamId?: string): Promise<void> {
    const item = this.container.item(quotesId(questionId, teamId), [tenantId, questionId]);
    for (const change of changes) {
      if (!('clearIfKey' in change)) continue;
      try {
        await item.patch({
          condition: `FROM c WHERE c.quotes["${change.slot}"].k = "${change.clearIfKey}"`,
          operations: [{ op: 'set', path: `/quotes/${change.slot}`, value: null }],
        });
      } catch (error) {
        const code = (error as { code?: number }).code;
        if (code !== 412 && code !== 404) throw error;
      }
    }
    const sets: PatchOperation[] = changes.flatMap((change) =>
      'set' in change ? [{ op: 'set' as const, path: `/quotes/${change.slot}`, value: change.set }] : [],
    );
    for (let start = 0; start < sets.length; start += PATCH_LIMIT) {
      const operations = sets.slice(start, start + PATCH_LIMIT);
      try {
        await item.patch(operations);
      } catch (error) {
        if ((error as { code?: number }).code !== 404) throw error;
        await this.createOrPatch(tenantId, questionId, teamId, operations);
      }
    }
  }

  /** The slots of the given questions (missing documents give no slots), one point read each. */
  async read(tenantId: string, questionIds: readonly string[], teamId?: string): Promise<Map<string, QuoteSlots>> {
    const result = new Map<string, QuoteSlots>();
    await Promise.all(
      questionIds.map(async (questionId) => {
        const { resource } = await this.container
          .item(quotesId(questionId, teamId), [tenantId, questionId])
          .read<QuotesDoc>();
        result.set(questionId, resource ? resource.quotes : {});
      }),
    );
    return result;
  }

  /** Overwrites a question's slots (the rebuild). */
  async replace(tenantId: string, questionId: string, quotes: QuoteSlots, teamId?: string): Promise<void> {
    await this.container.items.upsert(document(tenantId, questionId, teamId, quotes));
  }

  /** Every quotes document of the tenant (for the rebuild). */
  async readAll(tenantId: string): Promise<QuotesDoc[]> {
    const { resources } = await this.container.items
      .query<QuotesDoc>({
        query: 'SELECT * FROM c WHERE c.tenantId = @tenantId AND c.type = "quotes"',
        parameters: [{ name: '@tenantId', value: tenantId }],
      })
      .fetchAll();
    return resources.map(withoutSystemFields);
  }

  private async createOrPatch(
    tenantId: string,
    questionId: string,
    teamId: string | undefined,
    operations: PatchOperation[],
  ): Promise<void> {
    const quotes = Object.fromEntries(
      operations.map((operation) => [operation.path.slice('/quotes/'.length), (operation as { value: unknown }).value]),
    ) as QuoteSlots;
    try {
      await this.container.items.create(document(tenantId, questionId, teamId, quotes));
    } catch (error) {
      if ((error as { code?: number }).code !== 409) throw error;
      await this.container.item(quotesId(questionId, teamId), [tenantId, questionId]).patch(operations);
    }
  }
}

function document(tenantId: string, questionId: string, teamId: string | undefined, quotes: QuoteSlots): QuotesDoc {
  return {
    id: quotesId(questionId, teamId),
    type: 'quotes',
    tenantId,
    questionId,
    ...(teamId === undefined ? {} : { teamId }),
    quotes,
  };
}

function quotesId(questionId: string, teamId?: string): string {
  if (teamId === undefined) return `quotes|${questionId}`;
  return `quotes|team-${createHash('sha256').update(teamId).digest('base64url').slice(0, 22)}|${questionId}`;
}
