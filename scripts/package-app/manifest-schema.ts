import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';

/** The parts of a Teams app manifest that packaging looks at; the schema checks the rest. */
export interface ManifestShape {
  $schema?: string;
  manifestVersion?: string;
  icons?: { color?: string; outline?: string; color32x32?: string };
}

/**
 * Checks a filled-in manifest against the JSON Schema of its manifestVersion, offline: the schema is read from
 * the copies bundled with @microsoft/app-manifest, never downloaded. Returns one line per problem.
 */
export async function validateManifestSchema(manifest: ManifestShape): Promise<string[]> {
  const version = manifest.manifestVersion;
  if (typeof version !== 'string' || !/^\d+\.\d+$/.test(version))
    return ['manifestVersion must be a version such as "1.30"'];
  const expectedSchema = new RegExp(
    `/json-schemas/teams/v${version.replace('.', '\\.')}/MicrosoftTeams\\.schema\\.json$`,
  );
  if (typeof manifest.$schema !== 'string' || !expectedSchema.test(manifest.$schema)) {
    return [`$schema must be the v${version} Teams schema URL, to match manifestVersion ${version}`];
  }
  const schemaFile = bundledSchemaPath(version);
  if (!existsSync(schemaFile)) {
    return [
      `@microsoft/app-manifest bundles no schema for manifest version ${version}; pick one it bundles (not 1.18)`,
    ];
  }
  // The same clean-up the package applies to its own copies: some descriptions hold \a and \v, which JSON rejects.
  const text = readFileSync(schemaFile, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b');
  const errors = await AppManifestUtils.validateAgainstSchema(manifest as unknown as AppManifest, JSON.parse(text));
  return errors.map((error) => error.replace(/^ /, '(root) '));
}

/** Where @microsoft/app-manifest keeps its copy of the Teams schema for one manifest version. */
export function bundledSchemaPath(version: string): string {
  const packageRoot = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
  return path.join(packageRoot, 'build', 'json-schemas', 'teams', `v${version}`, 'MicrosoftTeams.schema.json');
}
