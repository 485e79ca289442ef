import { newInstanceId, owedFields, type OwedChanges } from '../../src/aggregation/owed-changes';
import type { Containers } from '../../src/storage/cosmos';
import { personId } from '../../src/storage/user-docs';

/**
 * As if another instance had stored one of this person's turns and not yet written its counters: one owed change (a
 * person counted once more on `questionId`) put on their person document. Returns it, to apply it later.
 */
export async function owedByAnotherInstance(
  containers: Containers,
  tenantId: string,
  userId: string,
  questionId: string,
): Promise<OwedChanges> {
  const owed: OwedChanges = {
    by: newInstanceId(new Date()),
    seq: 1,
    at: Math.floor(Date.now() / 1000),
    changes: [{ questionId, delta: { 'employee:n': 1 }, quoteSets: [], quoteRemovals: [] }],
  };
  const fields = owedFields([owed]) ?? {};
  await containers.users
    .item(personId(userId), [tenantId, userId])
    .patch(Object.entries(fields).map(([name, value]) => ({ op: 'set', path: `/${name}`, value })));
  return owed;
}
