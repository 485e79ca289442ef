import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../project-root';

/** The version in package.json, as deployed. */
export function appVersion(): string {
  const { version } = JSON.parse(readFileSync(path.join(projectRoot(), 'package.json'), 'utf8')) as {
    version?: string;
  };
  return version ?? 'unknown';
}
