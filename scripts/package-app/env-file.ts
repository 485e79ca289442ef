import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** Parses a dotenv file as the Agents Toolkit writes them: KEY=VALUE lines, # comments, optional quotes. */
export function parseEnvFile(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match) continue;
    const [, key, raw] = match;
    const quoted = /^(["'])(.*)\1$/.exec(raw);
    values.set(key, quoted ? quoted[2] : raw.replace(/\s+#.*$/, ''));
  }
  return values;
}

/**
 * The values of one environment: `.env.<name>`, then `.env.<name>.user` (local overrides and secrets) on top.
 * Undefined when the environment has no file.
 */
export function readEnvironment(envDir: string, name: string): Map<string, string> | undefined {
  const file = path.join(envDir, `.env.${name}`);
  if (!/^[A-Za-z0-9_-]+$/.test(name) || !existsSync(file)) return undefined;
  const values = parseEnvFile(readFileSync(file, 'utf8'));
  const userFile = `${file}.user`;
  if (existsSync(userFile))
    for (const [key, value] of parseEnvFile(readFileSync(userFile, 'utf8'))) values.set(key, value);
  return values;
}

/** The environment names that have a `.env.<name>` file in the folder. */
export function environmentNames(envDir: string): string[] {
  if (!existsSync(envDir)) return [];
  return readdirSync(envDir)
    .map((file) => /^\.env\.([A-Za-z0-9_-]+)$/.exec(file)?.[1])
    .filter((name): name is string => name !== undefined)
    .sort();
}
