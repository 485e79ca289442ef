import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/project-root';

/** A labelled set of use-case titles: each title is one person's entry, in the group a leader would put it. */
export interface LabelledCorpus {
  about: string;
  groups: { label: string; titles: string[] }[];
}

/**
 * The corpus the grouping is measured on, a smaller one meant to be kept out of choosing the rule (it was seen while
 * tuning), and one written blind by someone who never saw the grouping, its vocabulary or the other corpora, and added
 * only after the vocabulary was settled: the honest figure.
 */
export const CORPUS_FILES = {
  main: 'ideas-corpus.json',
  heldOut: 'held-out-corpus.json',
  blind: 'blind-corpus.json',
} as const;

/** Reads a corpus from scripts/portfolio-grouping/ (found from src/ under jest and from lib/ when built). */
export function loadCorpus(file: string): LabelledCorpus {
  const full = path.join(projectRoot(), 'scripts', 'portfolio-grouping', file);
  const corpus = JSON.parse(readFileSync(full, 'utf8')) as LabelledCorpus;
  const labels = new Set<string>();
  for (const { label, titles } of corpus.groups) {
    if (labels.has(label)) throw new Error(`${file}: the label ${label} is used twice`);
    if (titles.length === 0) throw new Error(`${file}: ${label} has no titles`);
    labels.add(label);
  }
  return corpus;
}

/** Every title of the corpus with its label, in file order. */
export function labelledTitles(corpus: LabelledCorpus): { title: string; label: string }[] {
  return corpus.groups.flatMap(({ label, titles }) => titles.map((title) => ({ title, label })));
}
