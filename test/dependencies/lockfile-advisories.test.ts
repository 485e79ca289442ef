import { readFileSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { Expression } from 'adaptive-expressions';
import * as ACData from 'adaptivecards-templating';

interface Advisory {
  package: string;
  vulnerable: string;
  ids: string[];
}

interface LockFile {
  packages: Record<string, { version?: string }>;
}

const root = path.resolve(__dirname, '../..');
const { advisories } = JSON.parse(readFileSync(path.join(__dirname, 'known-advisories.json'), 'utf8')) as {
  advisories: Advisory[];
};

/** Every copy of a package the lock file installs, wherever it is nested. */
function installedVersions(lock: LockFile, name: string): { at: string; version: string }[] {
  return Object.entries(lock.packages)
    .filter(([at, entry]) => (at === `node_modules/${name}` || at.endsWith(`/node_modules/${name}`)) && entry.version)
    .map(([at, entry]) => ({ at, version: entry.version! }));
}

/** The installed copies that an advisory covers, as "path@version (ids)". */
function vulnerableCopies(lock: LockFile): string[] {
  return advisories.flatMap((advisory) =>
    installedVersions(lock, advisory.package)
      .filter(({ version }) => semver.satisfies(version, advisory.vulnerable))
      .map(({ at, version }) => `${at}@${version} (${advisory.ids.join(', ')})`),
  );
}

describe('known advisories against package-lock.json', () => {
  const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as LockFile;

  it('resolves no version an advisory covers', () => {
    expect(vulnerableCopies(lock)).toEqual([]);
  });

  it('finds fast-xml-parser in the tree (so the check above is looking at something)', () => {
    expect(installedVersions(lock, 'fast-xml-parser').length).toBeGreaterThan(0);
  });

  it('would flag a lock file that resolves a vulnerable fast-xml-parser', () => {
    const vulnerable: LockFile = {
      packages: {
        ...lock.packages,
        'node_modules/adaptive-expressions/node_modules/fast-xml-parser': { version: '4.5.3' },
      },
    };
    expect(vulnerableCopies(vulnerable)).toEqual([
      expect.stringContaining('adaptive-expressions/node_modules/fast-xml-parser@4.5.3 (CVE-2026-25896'),
    ]);
  });
});

describe('templating with the overridden fast-xml-parser', () => {
  it("adaptive-expressions' xml() (the function that uses fast-xml-parser) still works", () => {
    const { value, error } = Expression.parse('xml(\'{"goal": {"metric": "NPS"}}\')').tryEvaluate({});
    expect(error).toBeUndefined();
    expect(value).toContain('<metric>NPS</metric>');
  });

  it('a card template still expands', () => {
    const template = new ACData.Template({ type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: '${title}' }] });
    expect(template.expand({ $root: { title: 'Readiness' } })).toMatchObject({ body: [{ text: 'Readiness' }] });
  });
});
