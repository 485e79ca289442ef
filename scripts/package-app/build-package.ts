import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { environmentNames, readEnvironment } from './env-file';
import { ICON_SIZES, iconProblems, type IconKind } from './icon-checks';
import { validateManifestSchema, type ManifestShape } from './manifest-schema';
import { fillPlaceholders, MAY_BE_EMPTY } from './placeholders';
import { createZip, type ZipEntry } from './zip';

/** The environment to package and the project root that holds env/ and appPackage/. */
export interface PackageOptions {
  envName: string;
  root: string;
}

/** What packaging wrote. */
export interface PackageResult {
  zipPath: string;
  manifestPath: string;
  entries: string[];
}

/** A problem a person can fix: the message names the file and what to change. */
export class PackageError extends Error {
  override name = 'PackageError';
}

/**
 * Builds the Teams app package for one environment: fills the manifest's `${{NAME}}` placeholders from
 * `env/.env.<name>`, validates it against its schema offline, checks the icons and writes
 * `appPackage/build/appPackage.<name>.zip` (plus the filled `manifest.<name>.json` beside it).
 */
export async function packageApp(options: PackageOptions): Promise<PackageResult> {
  const { envName, root } = options;
  const envDir = path.join(root, 'env');
  const appDir = path.join(root, 'appPackage');
  const outDir = path.join(appDir, 'build');
  const zipPath = path.join(outDir, `appPackage.${envName}.zip`);
  const manifestPath = path.join(outDir, `manifest.${envName}.json`);
  const shown = (file: string) => path.relative(root, file) || file;
  const manifestFile = path.join(appDir, 'manifest.json');
  // A failed run must not leave an older package behind that someone could upload by mistake.
  for (const file of [zipPath, manifestPath]) rmSync(file, { force: true });

  const template = readManifest(manifestFile, shown);
  const values = readEnvironment(envDir, envName);
  if (!values) {
    const known = environmentNames(envDir).join(', ') || 'none';
    throw new PackageError(
      `No environment "${envName}": ${shown(path.join(envDir, `.env.${envName}`))} does not exist (known: ${known}).`,
    );
  }
  const { filled, missing } = fillPlaceholders(template, values);
  if (missing.length > 0) {
    const envFile = shown(path.join(envDir, `.env.${envName}`));
    throw new PackageError(
      `${shown(manifestFile)} needs a value for ${missing.join(', ')}, but ${envFile} has none. ` +
        `Set ${missing.length > 1 ? 'them' : 'it'} in ${envFile} (provisioning writes TEAMS_APP_ID, BOT_ID and BOT_DOMAIN there); ` +
        `only ${[...MAY_BE_EMPTY].join(', ')} may be empty.`,
    );
  }

  const problems = (await validateManifestSchema(filled)).map((error) => `schema: ${error}`);
  const icons = iconEntries(filled, appDir, shown, problems);
  if (problems.length > 0) {
    throw new PackageError(`The ${envName} app package was not written:\n  - ${problems.join('\n  - ')}`);
  }

  const manifestJson = Buffer.from(`${JSON.stringify(filled, null, 2)}\n`, 'utf8');
  const entries: ZipEntry[] = [{ name: 'manifest.json', data: manifestJson }, ...icons];
  mkdirSync(outDir, { recursive: true });
  writeFileSync(zipPath, createZip(entries));
  writeFileSync(manifestPath, manifestJson);
  return { zipPath, manifestPath, entries: entries.map((entry) => entry.name) };
}

function readManifest(file: string, shown: (file: string) => string): ManifestShape {
  if (!existsSync(file)) throw new PackageError(`${shown(file)} does not exist`);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as ManifestShape;
  } catch (error) {
    throw new PackageError(`${shown(file)} is not valid JSON: ${(error as Error).message}`);
  }
}

/** Reads and checks every icon the manifest names; problems are added to the list. */
function iconEntries(
  manifest: ManifestShape,
  appDir: string,
  shown: (file: string) => string,
  problems: string[],
): ZipEntry[] {
  const entries = new Map<string, ZipEntry>();
  for (const [kind, relative] of Object.entries(manifest.icons ?? {})) {
    if (typeof relative !== 'string' || !(kind in ICON_SIZES)) continue;
    const file = path.resolve(appDir, relative);
    if (path.relative(appDir, file).startsWith('..')) {
      problems.push(`icon "${relative}" must be inside ${shown(appDir)}`);
      continue;
    }
    if (!existsSync(file)) {
      problems.push(`${shown(file)} (the ${kind} icon) does not exist`);
      continue;
    }
    const png = readFileSync(file);
    problems.push(...iconProblems(kind as IconKind, shown(file), png));
    const name = path.relative(appDir, file).split(path.sep).join('/');
    entries.set(name, { name, data: png });
  }
  return [...entries.values()];
}
