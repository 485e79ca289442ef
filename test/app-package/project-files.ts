import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseEnvFile } from '../../scripts/package-app/env-file';

/** The repository root. */
export const ROOT = path.resolve(__dirname, '..', '..');

/** The manifest template as committed, placeholders and all. */
export function manifestTemplate(): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(ROOT, 'appPackage', 'manifest.json'), 'utf8')) as Record<string, unknown>;
}

/** The values of a committed env file, e.g. envValues('dev') for env/.env.dev. */
export function envValues(name: string): Map<string, string> {
  return parseEnvFile(readFileSync(path.join(ROOT, 'env', `.env.${name}`), 'utf8'));
}

/**
 * Stand-ins for what `atk provision` writes to env/.env.<name> (teamsApp/create, arm/deploy outputs): the committed
 * env files leave these empty, as the Agents Toolkit's templates do.
 */
export const PROVISIONED: ReadonlyMap<string, string> = new Map([
  ['TEAMS_APP_ID', '4f3c2a9e-7b1d-4c8e-9a6f-2d5b8e1c7a30'],
  ['BOT_ID', '00000000-0000-0000-0000-0000000000b0'],
  ['BOT_DOMAIN', 'strategyguide-test.azurewebsites.net'],
  ['BOT_ENDPOINT', 'https://strategyguide-test.azurewebsites.net'],
  ['AAD_APP_CLIENT_ID', '7d2c4b6a-1e3f-4a5b-8c9d-0e1f2a3b4c5d'],
  ['AAD_APP_OBJECT_ID', '9a8b7c6d-5e4f-4321-8765-4321fedcba98'],
]);

/** The values of a committed env file after provisioning: its own, with the generated ones filled by stand-ins. */
export function provisionedEnvValues(name: string): Map<string, string> {
  return new Map([...envValues(name), ...PROVISIONED]);
}

/** A throw-away project root holding copies of appPackage/ (without build/) and env/, safe to break. */
export class ScratchProject {
  readonly root = mkdtempSync(path.join(os.tmpdir(), 'app-package-'));

  constructor() {
    const appPackage = path.join(ROOT, 'appPackage');
    cpSync(appPackage, path.join(this.root, 'appPackage'), {
      recursive: true,
      filter: (source) => path.relative(appPackage, source).split(path.sep)[0] !== 'build',
    });
    cpSync(path.join(ROOT, 'env'), path.join(this.root, 'env'), { recursive: true });
  }

  /** Fills env/.env.<name>'s generated values with stand-ins, as `atk provision --env <name>` would. */
  provision(name: string): void {
    for (const [key, value] of PROVISIONED) this.setEnv(name, key, value);
  }

  /** Writes a file under the scratch root. */
  write(relative: string, content: string | Buffer): void {
    writeFileSync(path.join(this.root, relative), content);
  }

  /** Reads a file under the scratch root. */
  read(relative: string): Buffer {
    return readFileSync(path.join(this.root, relative));
  }

  /** Sets one value in env/.env.<name> (an empty string blanks it), keeping the other lines. */
  setEnv(name: string, key: string, value: string): void {
    const file = `env/.env.${name}`;
    const lines = this.read(file).toString('utf8').split('\n');
    const at = lines.findIndex((line) => line.startsWith(`${key}=`));
    if (at >= 0) lines[at] = `${key}=${value}`;
    else lines.push(`${key}=${value}`);
    this.write(file, lines.join('\n'));
  }

  cleanup(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
