/** `${{NAME}}`: the Agents Toolkit's placeholder syntax in manifests, parameter files and its YAML. */
export const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** Placeholders that may be empty: a production environment has no name suffix. */
export const MAY_BE_EMPTY: ReadonlySet<string> = new Set(['APP_NAME_SUFFIX']);

/** The placeholder names used anywhere in the text, each once, in order of first use. */
export function placeholderNames(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((match) => match[1]))];
}

/**
 * Fills the placeholders inside every string of a parsed JSON value (so a value can never break the JSON).
 * Returns the filled copy and the names that have no value (an empty value counts as none, except MAY_BE_EMPTY).
 */
export function fillPlaceholders<T>(json: T, values: ReadonlyMap<string, string>): { filled: T; missing: string[] } {
  const missing = new Set<string>();
  const fill = (node: unknown): unknown => {
    if (typeof node === 'string') {
      return node.replace(PLACEHOLDER, (_, name: string) => {
        const value = values.get(name) ?? '';
        if (value === '' && !(values.has(name) && MAY_BE_EMPTY.has(name))) missing.add(name);
        return value;
      });
    }
    if (Array.isArray(node)) return node.map(fill);
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, fill(child)]));
    }
    return node;
  };
  return { filled: fill(json) as T, missing: [...missing] };
}
