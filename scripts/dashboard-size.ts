/**
 * Run by `npm run build` after `vite build`: prints the gzipped JavaScript a leader's first visit to /dashboard loads
 * (the entry and its static imports, teams-js, the organisation overview and everything it loads, charts included) and fails
 * above the 300 KB budget.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 300 * 1024;
/** The leader's landing view, loaded lazily right after the shell (src/dashboard/web/views/). */
const LEADER_VIEW = 'views/overview-view.tsx';
/** teams-js, loaded lazily when the page runs inside Teams (as it does for a leader in the tab). */
const TEAMS_HOST = 'teams-host.ts';

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

/** The chunks `from` loads: itself and its static imports, recursively, and with `lazy` its dynamic imports too. */
function closure(manifest: Record<string, ManifestChunk>, from: string, into: Set<string>, lazy: boolean): Set<string> {
  if (into.has(from) || !manifest[from]) return into;
  into.add(from);
  const chunk = manifest[from];
  for (const next of [...(chunk.imports ?? []), ...(lazy ? (chunk.dynamicImports ?? []) : [])])
    closure(manifest, next, into, lazy);
  return into;
}

function main(): void {
  const folder = path.resolve(__dirname, '..', 'dashboard-web');
  const manifest = JSON.parse(readFileSync(path.join(folder, '.vite', 'manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const entry = Object.keys(manifest).find((key) => manifest[key].isEntry);
  if (!entry || !manifest[LEADER_VIEW] || !manifest[TEAMS_HOST])
    throw new Error(`the manifest has no entry, ${LEADER_VIEW} or ${TEAMS_HOST}`);
  // The shell's own lazy imports are the other views; the overview's are the charts it draws at once.
  const shell = closure(manifest, TEAMS_HOST, closure(manifest, entry, new Set(), false), false);
  const chunks = closure(manifest, LEADER_VIEW, shell, true);
  const bytes = [...chunks].reduce(
    (sum, key) => sum + gzipSync(readFileSync(path.join(folder, manifest[key].file))).length,
    0,
  );
  const kb = (bytes / 1024).toFixed(1);
  process.stdout.write(`Dashboard: leader view first load ${kb} KB of JavaScript gzipped (${chunks.size} files)\n`);
  if (bytes > BUDGET_BYTES) {
    process.stderr.write(`Dashboard: over the ${BUDGET_BYTES / 1024} KB budget: lazy-load more of it.\n`);
    process.exit(1);
  }
}

main();
