import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

/** What the running app reads, from the project root: its code, card templates, content pack and package files. */
export const RUNTIME_FILES = [
  'package.json',
  'package-lock.json',
  'lib/src',
  'lib/dialogs',
  'lib/dashboard-web',
  'cards',
  'dialogs/content',
];

/** Where `npm run stage:deploy` puts the package, relative to the project root (git-ignored). */
export const DEPLOY_FOLDER = 'deploy';

const INSTALL_DEADLINE_MS = 600_000;

/** npm settings the install keeps from the environment: where the registry, cache and certificates are. */
const NPM_SETTINGS = new Set([
  'registry',
  'cache',
  'userconfig',
  'globalconfig',
  'cafile',
  'proxy',
  'https_proxy',
  'noproxy',
]);

/** A problem a person can fix, e.g. a missing build. */
export class StageError extends Error {
  override name = 'StageError';
}

export interface StageOptions {
  /** The project root: package.json, the lock file and the built lib/. */
  root: string;
  /** The folder to fill; emptied first. */
  out: string;
  /** The environment npm runs in (default: this process's); npm's own run settings are dropped from it. */
  env?: NodeJS.ProcessEnv;
}

/**
 * Puts together what App Service runs: the built app, its cards and content pack, package.json and the lock file,
 * and `npm ci --omit=dev` there, so no devDependency is installed and nothing is built on the server. The bin links
 * are removed after the install scripts used them: `npm start` needs none, and a zip keeps symbolic links badly.
 */
export async function stageDeployment(options: StageOptions): Promise<void> {
  const { root, out } = options;
  if (!existsSync(path.join(root, 'lib', 'src', 'index.js')))
    throw new StageError('lib/ is missing: run `npm run build` first (`npm run stage:deploy` does).');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  for (const file of RUNTIME_FILES) cpSync(path.join(root, file), path.join(out, file), { recursive: true });
  await promisify(execFile)('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline'], {
    cwd: out,
    env: installEnv(options.env ?? process.env),
    timeout: INSTALL_DEADLINE_MS,
    maxBuffer: 16 * 1024 * 1024,
  });
  removeBinLinks(path.join(out, 'node_modules'));
}

/** Removes every node_modules/.bin folder (npm's command links) under a node_modules folder, nested ones too. */
function removeBinLinks(nodeModules: string): void {
  const binFolders = readdirSync(nodeModules, { recursive: true, encoding: 'utf8' }).filter(
    (entry) =>
      path.basename(entry) === '.bin' && path.basename(path.dirname(path.join(nodeModules, entry))) === 'node_modules',
  );
  for (const entry of binFolders) rmSync(path.join(nodeModules, entry), { recursive: true, force: true });
}

/**
 * The environment for the install. `npm run` exports its own settings as npm_config_* (among them local_prefix, the
 * project root): passed on, they would point the install at the project instead of the folder.
 */
export function installEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(env).filter(([name]) => {
      const npmSetting = /^npm_config_(.+)$/i.exec(name);
      if (npmSetting) return NPM_SETTINGS.has(npmSetting[1].toLowerCase());
      return !/^npm_/i.test(name) && name !== 'INIT_CWD';
    }),
  );
}
