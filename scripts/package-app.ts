/**
 * `npm run package -- --env <name>`: builds appPackage/build/appPackage.<name>.zip, the Teams app package to
 * upload, from appPackage/ and env/.env.<name>. Exits 1 with the reason when a value, the schema or an icon is wrong.
 */
import path from 'node:path';
import { packageApp, PackageError } from './package-app/build-package';

const USAGE = 'Usage: npm run package -- --env <name>   (reads env/.env.<name>, e.g. --env dev)';

/** Reads `--env name` or `--env=name`; undefined when it is missing. */
export function envArgument(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--env') return args[i + 1];
    if (args[i].startsWith('--env=')) return args[i].slice('--env='.length);
  }
  return undefined;
}

async function main(): Promise<void> {
  const envName = envArgument(process.argv.slice(2));
  if (!envName) throw new PackageError(`Which environment? ${USAGE}`);
  const root = path.resolve(__dirname, '..', '..');
  const result = await packageApp({ envName, root });
  process.stdout.write(
    `Teams app package for "${envName}": ${path.relative(root, result.zipPath)} (${result.entries.join(', ')}).\n` +
      'Upload it in Teams: Apps > Manage your apps > Upload an app.\n',
  );
}

if (require.main === module) {
  main().catch((error: unknown) => {
    const message =
      error instanceof PackageError ? error.message : `Packaging failed: ${(error as Error).stack ?? error}`;
    process.stderr.write(`${message}\n`);
    process.exit(1);
  });
}
