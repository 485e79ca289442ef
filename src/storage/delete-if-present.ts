import type { Item } from '@azure/cosmos';

/** Deletes the document; false when it was already gone (a repeated delete is not an error). */
export async function deleteIfPresent(item: Item): Promise<boolean> {
  try {
    await item.delete();
    return true;
  } catch (error) {
    if ((error as { code?: number }).code === 404) return false;
    throw error;
  }
}
