import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The repository root. */
export const ROOT = path.resolve(__dirname, '..', '..');

/** A file of the repository as text. */
export function readText(relative: string): string {
  return readFileSync(path.join(ROOT, relative), 'utf8');
}

/** Every .bicep file under infra/, by path relative to the root. */
export function bicepFiles(): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const relative = path.posix.join(dir, entry.name);
      if (entry.isDirectory()) walk(relative);
      else if (entry.name.endsWith('.bicep')) files.set(relative, readText(relative));
    }
  };
  walk('infra');
  return files;
}

/** The `{ name: 'X', value: ... }` app settings of the web app, name → value expression. */
export function appSettings(webAppBicep: string): Map<string, string> {
  const matches = webAppBicep.matchAll(/\{\s*name:\s*'([^']+)',\s*value:\s*([^}]+?)\s*\}/g);
  return new Map([...matches].map(([, name, value]) => [name, value]));
}

/** A Bicep file's parameters: name → whether it has a default value. */
export function bicepParams(bicep: string): Map<string, boolean> {
  const matches = bicep.matchAll(/^param (\w+) \w+( =)?/gm);
  return new Map([...matches].map(([, name, hasDefault]) => [name, hasDefault !== undefined]));
}

/** A Bicep file's output names. */
export function bicepOutputs(bicep: string): string[] {
  return [...bicep.matchAll(/^output (\w+) /gm)].map((match) => match[1]);
}

/** The settings src/config.ts reads (its only way in is the text('NAME') helper). */
export function settingsReadByConfig(): string[] {
  return [...readText('src/config.ts').matchAll(/\btext\('([A-Z_]+)'\)/g)].map((match) => match[1]);
}

/** A top-level `resource` declaration of a Bicep file: its type with API version, and its text up to the closing brace. */
export interface BicepResource {
  type: string;
  body: string;
}

/** The top-level resources of a Bicep file by symbolic name (a loop's body included). */
export function bicepResources(bicep: string): Map<string, BicepResource> {
  const resources = new Map<string, BicepResource>();
  for (const match of bicep.matchAll(/^resource (\w+) '([^']+)' = /gm)) {
    const start = match.index! + match[0].length;
    const end = bicep.slice(start).search(/^[}\]]$/m);
    resources.set(match[1], { type: match[2], body: bicep.slice(start, end < 0 ? undefined : start + end + 1) });
  }
  return resources;
}

/** The `name: value` lines directly inside a `module <symbol> …` block's `params`. */
export function moduleParams(bicep: string, symbol: string): Map<string, string> {
  const start = bicep.search(new RegExp(`^module ${symbol} '`, 'm'));
  if (start < 0) return new Map();
  const block = bicep.slice(start, start + bicep.slice(start).search(/^}$/m));
  return new Map([...block.matchAll(/^ {4}(\w+): (.+)$/gm)].map(([, name, value]) => [name, value.trim()]));
}
