import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { headingAnchors, headingSlug, markdownLinks } from './markdown-links';

const ROOT = path.resolve(__dirname, '..', '..');
/** A newcomer reads the README in two minutes; everything else lives in docs/. */
const README_MAX_BYTES = 12 * 1024;
const IMAGE_MAX_BYTES = 200 * 1024;

const DOCS = [
  'README.md',
  ...readdirSync(path.join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];
const read = (relative: string): string => readFileSync(path.join(ROOT, relative), 'utf8');

/** Why a relative link of `from` does not resolve, or undefined when it does. */
function brokenLink(from: string, target: string): string | undefined {
  const [file, anchor] = target.split('#', 2) as [string, string | undefined];
  const resolved = file === '' ? path.join(ROOT, from) : path.resolve(path.dirname(path.join(ROOT, from)), file);
  const relative = path.relative(ROOT, resolved);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return 'points outside the repository';
  if (!existsSync(resolved)) return 'no such file';
  if (anchor === undefined || !resolved.endsWith('.md')) return undefined;
  return headingAnchors(readFileSync(resolved, 'utf8')).has(decodeURIComponent(anchor))
    ? undefined
    : `no heading #${anchor} in ${relative}`;
}

describe('README.md and docs/*.md', () => {
  it('has links whose every relative target (file and #heading) is in the repository', () => {
    const broken: string[] = [];
    let checked = 0;
    for (const doc of DOCS) {
      for (const { target, line } of markdownLinks(read(doc))) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto: …
        checked++;
        const problem = brokenLink(doc, target);
        if (problem) broken.push(`${doc}:${line} ${target}: ${problem}`);
      }
    }
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(50);
  });

  it('keeps the README under 12 KB', () => {
    expect(statSync(path.join(ROOT, 'README.md')).size).toBeLessThan(README_MAX_BYTES);
  });

  it('keeps the images in docs/images/ under 200 KB', () => {
    const images = readdirSync(path.join(ROOT, 'docs', 'images'));
    const tooBig = images.filter((image) => statSync(path.join(ROOT, 'docs', 'images', image)).size >= IMAGE_MAX_BYTES);
    expect(images.length).toBeGreaterThan(0);
    expect(tooBig).toEqual([]);
  });
});

describe('the link reader', () => {
  it('finds links, images and definitions, and skips code', () => {
    const markdown = [
      'See [pulses](docs/pulses.md#threshold-rules) and ![shot](docs/images/a.png "title").',
      '`[not](a-link.md)` inline code is skipped',
      '```',
      '[nor](this.md)',
      '```',
      '[ref]: ../outside.md',
    ].join('\n');
    expect(markdownLinks(markdown)).toEqual([
      { target: 'docs/pulses.md#threshold-rules', line: 1 },
      { target: 'docs/images/a.png', line: 1 },
      { target: '../outside.md', line: 6 },
    ]);
  });

  it('makes the anchors GitHub makes', () => {
    expect(headingSlug('Crash recovery: nobody is lost')).toBe('crash-recovery-nobody-is-lost');
    expect(headingSlug('"Delete my data"')).toBe('delete-my-data');
    expect(headingSlug('With the Microsoft 365 Agents Toolkit (VS Code, or the `atk` CLI)')).toBe(
      'with-the-microsoft-365-agents-toolkit-vs-code-or-the-atk-cli',
    );
    expect([...headingAnchors('# A\n## Tests\n```\n## Not\n```\n## Tests\n')]).toEqual(['a', 'tests', 'tests-1']);
  });

  it('reports a missing file, a missing heading and a way out of the repository', () => {
    expect(brokenLink('README.md', 'docs/no-such-note.md')).toBe('no such file');
    expect(brokenLink('README.md', 'docs/pulses.md#no-such-heading')).toMatch(/no heading #no-such-heading/);
    expect(brokenLink('docs/pulses.md', '../../shared/product/SPEC.md')).toBe('points outside the repository');
    expect(brokenLink('docs/pulses.md', 'privacy.md#backups')).toBeUndefined();
  });
});
