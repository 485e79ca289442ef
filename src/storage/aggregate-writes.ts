import type { Container, Item, PatchOperation } from '@azure/cosmos';
import type { AggregateChange } from '../aggregation/aggregate-changes';
import { isCurrent, newAggregate, offered, upgraded, type AggregateDoc, type FollowUp } from './aggregate-doc';
import { withoutSystemFields } from './system-fields';

/** Conditional writes after a change (publishing, upgrading, the rebuild) read again and retry a few times at most. */
export const ATTEMPTS = 3;

export type Stored = AggregateDoc & { _etag?: string };

/** A conditional patch; the document it answers with, or undefined when its condition no longer held (412). */
export async function sendFollowUp(item: Item, followUp: FollowUp): Promise<Stored | undefined> {
  try {
    const { resource } = await item.patch<Stored>(
      followUp.condition ? { condition: followUp.condition, operations: followUp.operations } : followUp.operations,
    );
    return resource;
  } catch (error) {
    if ((error as { code?: number }).code === 412) return undefined;
    throw error;
  }
}

/** Gives a document from before publication the parts a change writes into; says whether it was there. */
export async function upgradeToCurrent(item: Item): Promise<'current' | 'missing'> {
  for (let attempt = 1; ; attempt++) {
    const { resource } = await item.read<Stored>();
    if (!resource) return 'missing';
    if (isCurrent(resource)) return 'current';
    try {
      await item.replace(upgraded(withoutSystemFields(resource)), {
        accessCondition: { type: 'IfMatch', condition: resource._etag ?? '' },
      });
      return 'current';
    } catch (error) {
      if ((error as { code?: number }).code !== 412 || attempt >= ATTEMPTS) throw error;
    }
  }
}

/** Creates the counters document holding the change (amounts, pending mark, statements); false if another turn created it first. */
export async function createAggregateWith(
  container: Container,
  tenantId: string,
  operations: PatchOperation[],
  change: AggregateChange,
): Promise<boolean> {
  const valued = operations as Array<{ op: string; path: string; value: unknown }>;
  const under = (prefix: string) =>
    Object.fromEntries(
      valued
        .filter((operation) => operation.path.startsWith(prefix))
        .map((operation) => [operation.path.slice(prefix.length), operation.value]),
    );
  const counters = Object.fromEntries(
    Object.entries(under('/counters/')).map(([name, value]) => [name, Number(value)]),
  );
  const pending = Object.fromEntries(Object.entries(under('/pending/')).map(([person, at]) => [person, Number(at)]));
  // The new document's slots take the smallest of the change's statements, as an offer would.
  const quotes = Object.fromEntries(offered({}, change.quoteSets));
  try {
    await container.items.create(
      newAggregate(tenantId, change.questionId, change.teamId, { counters, quotes, pending }),
    );
    return true;
  } catch (error) {
    if ((error as { code?: number }).code !== 409) throw error;
    return false;
  }
}
