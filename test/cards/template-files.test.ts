import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CardRenderer } from '../../src/cards/card-renderer';
import { CARD_NAMES, findCardsDir, isSupportedVersion, loadTemplates } from '../../src/cards/template-files';

const repoRoot = resolve(__dirname, '..', '..');

describe('card templates', () => {
  it('finds cards/ from the source folder and from the compiled lib/ folder', () => {
    expect(findCardsDir(join(repoRoot, 'src', 'cards'))).toBe(join(repoRoot, 'cards'));
    expect(findCardsDir(join(repoRoot, 'lib', 'src', 'cards'))).toBe(join(repoRoot, 'cards'));
  });

  it('has exactly one JSON template per card, each declaring version 1.5', () => {
    const files = readdirSync(join(repoRoot, 'cards')).filter((file) => file.endsWith('.json'));
    expect(files.sort()).toEqual(CARD_NAMES.map((name) => `${name}.json`).sort());
    for (const file of files)
      expect(JSON.parse(readFileSync(join(repoRoot, 'cards', file), 'utf8')).version).toBe('1.5');
  });

  it('compares versions numerically', () => {
    expect(['1.0', '1.2', '1.5'].every(isSupportedVersion)).toBe(true);
    expect(['1.6', '1.10', '2.0', '1', 1.5, undefined].some(isSupportedVersion)).toBe(false);
  });

  it('refuses a template newer than 1.5 and a missing one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cards-'));
    for (const name of CARD_NAMES)
      writeFileSync(join(dir, `${name}.json`), JSON.stringify({ type: 'AdaptiveCard', version: '1.5', body: [] }));
    expect(() => loadTemplates(dir)).not.toThrow();
    writeFileSync(join(dir, 'help.json'), JSON.stringify({ type: 'AdaptiveCard', version: '1.6', body: [] }));
    expect(() => new CardRenderer(dir)).toThrow(/help.json must declare a version of at most 1.5/);
    expect(() => loadTemplates(join(dir, 'missing'))).toThrow(/ENOENT/);
  });

  it('freezes loaded templates so no expansion can change them', () => {
    const templates = loadTemplates(join(repoRoot, 'cards'));
    expect(Object.isFrozen(templates.question)).toBe(true);
    expect(Object.isFrozen((templates.question as { body: object[] }).body[0])).toBe(true);
  });
});
