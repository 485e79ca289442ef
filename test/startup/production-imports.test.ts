import { existsSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';

/**
 * What `npm start` loads, read from the built output: every `require` reachable from lib/src/index.js. A production
 * install (`npm ci --omit=dev`) has only `dependencies`, so nothing else may be reached, and src/local/ (the embedded
 * Cosmos server and the Playground launcher, for local runs and tests) never is.
 */
const ROOT = path.resolve(__dirname, '../..');
const ENTRY = path.join(ROOT, 'lib/src/index.js');
const REQUIRE = /\brequire\((["'])([^"']+)\1\)/g;

interface ImportGraph {
  /** Project files reached, relative to the root. */
  files: Set<string>;
  /** Bare package names reached, each with the first file that requires it. */
  packages: Map<string, string>;
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function resolveProjectFile(from: string, specifier: string): string {
  const base = path.resolve(path.dirname(from), specifier);
  const found = [base, `${base}.js`, `${base}.json`, path.join(base, 'index.js')].find((candidate) =>
    statSync(candidate, { throwIfNoEntry: false })?.isFile(),
  );
  if (!found) throw new Error(`${path.relative(ROOT, from)} requires ${specifier}, which is not in lib/`);
  return found;
}

function importGraph(entry: string): ImportGraph {
  const graph: ImportGraph = { files: new Set(), packages: new Map() };
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    const relative = path.relative(ROOT, file);
    if (graph.files.has(relative)) continue;
    graph.files.add(relative);
    if (!file.endsWith('.js')) continue;
    for (const [, , specifier] of readFileSync(file, 'utf8').matchAll(REQUIRE)) {
      if (specifier.startsWith('.')) pending.push(resolveProjectFile(file, specifier));
      else if (!graph.packages.has(packageName(specifier))) graph.packages.set(packageName(specifier), relative);
    }
  }
  return graph;
}

describe('what the production entry loads (lib/src/index.js and everything it requires)', () => {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  let graph: ImportGraph;

  beforeAll(() => {
    if (!existsSync(ENTRY)) throw new Error('lib/ is missing: `npm test` builds it first (pretest)');
    graph = importGraph(ENTRY);
  });

  it('reaches the app itself (the walk follows requires)', () => {
    expect(graph.files).toContain(path.join('lib', 'src', 'app.js'));
    expect(graph.files).toContain(path.join('lib', 'src', 'storage', 'cosmos.js'));
    expect(graph.packages.has('botbuilder')).toBe(true);
  });

  it('never loads src/local/ (the embedded Cosmos server and the Playground are for local runs)', () => {
    const local = [...graph.files].filter((file) => file.startsWith(path.join('lib', 'src', 'local')));
    expect(local).toEqual([]);
  });

  it('loads only Node built-ins and packages listed in dependencies', () => {
    const builtins = new Set(builtinModules);
    const outside = [...graph.packages]
      .filter(([name]) => !name.startsWith('node:') && !builtins.has(name) && !(name in manifest.dependencies))
      .map(([name, from]) => `${name} (required by ${from})`);
    expect(outside).toEqual([]);
  });
});
