/** Cosmos ids may not hold / \ ? #; they are escaped (with % itself) so distinct ids stay distinct. */
export function cosmosSafe(id: string): string {
  return id.replace(/[/\\?#%]/g, (char) => `%${char.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
