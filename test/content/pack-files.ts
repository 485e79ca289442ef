import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadContentPack, type ContentPack } from '../../src/content';

/** Temporary pack files under os.tmpdir(), removed by cleanup(). */
export class PackFiles {
  private readonly dir = mkdtempSync(path.join(os.tmpdir(), 'content-pack-'));
  private count = 0;

  /** Writes text (or data as JSON) to a new file and returns its absolute path. */
  write(content: string | object): string {
    const file = path.join(this.dir, `pack-${++this.count}.json`);
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    return file;
  }

  /** Removes every file written. */
  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A deep copy of the default pack, safe to break. */
export function defaultPackCopy(): ContentPack {
  return structuredClone(loadContentPack());
}

/** The message of the ContentPackError thrown when loading file (fails the test if loading succeeds). */
export function loadError(file: string): string {
  try {
    loadContentPack(file);
  } catch (error) {
    expect((error as Error).name).toBe('ContentPackError');
    return (error as Error).message;
  }
  throw new Error(`expected ${file} to be rejected`);
}
