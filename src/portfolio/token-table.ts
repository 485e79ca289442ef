import { alikeTokens } from './alike-tokens';
import { ConceptLexicon, isConcept, NO_CONCEPTS } from './concept-lexicon';

/** The tokens of a key (see normaliseTitle): its words, in key order. */
export function keyTokens(key: string): string[] {
  return key.split(' ').filter((token) => token !== '');
}

/**
 * The terms of a set of keys as numbers, which of them are alike (a typo or another form of one word), and how many
 * keys hold each. A term is a concept of the lexicon (its words, their typos and other forms, its phrases) or a token
 * the lexicon does not know. Built once per grouping, so comparing two ideas is a few array reads and allocates nothing.
 */
export class TokenTable {
  private readonly numbers = new Map<string, number>();
  /** Each key's terms as numbers, in the order the keys were given. */
  readonly terms: number[][];
  /** For each term, the other terms alike to it, in code-unit order of their text (concepts have none). */
  readonly alike: number[][];
  /** For each term, how many keys hold it. */
  readonly keysHolding: number[] = [];
  /** For each term, whether it is a task of the lexicon (see similarity). */
  private readonly task: boolean[] = [];
  /** A term of the idea compared against is free to match while its mark is the stamp, and used at -stamp. */
  private readonly marks: Int32Array;
  private stamp = 0;

  constructor(
    keys: readonly (readonly string[])[],
    private readonly lexicon: ConceptLexicon = NO_CONCEPTS,
  ) {
    const vocabulary = new Set(keys.flat());
    // The lexicon's words join the vocabulary so that their typos and other forms are found too.
    const alikeWords = alikeTokens([...vocabulary, ...lexicon.singleWords()]);
    const conceptOf = (token: string) => lexicon.conceptOf(token, alikeWords.get(token));
    this.terms = keys.map((tokens) => lexicon.terms(tokens, conceptOf).map((term) => this.count(term)));
    this.alike = Array.from({ length: this.keysHolding.length }, () => []);
    for (const [term, number] of this.numbers) {
      if (isConcept(term)) continue;
      const others = (alikeWords.get(term) ?? []).map((other) => this.numbers.get(other));
      this.alike[number] = others.filter((other) => other !== undefined);
    }
    this.marks = new Int32Array(this.keysHolding.length);
  }

  /** The number of a term, counting one more key holding it. */
  private count(term: string): number {
    const number = this.numbers.get(term);
    if (number !== undefined) {
      this.keysHolding[number] += 1;
      return number;
    }
    this.numbers.set(term, this.keysHolding.length);
    this.keysHolding.push(1);
    this.task.push(this.lexicon.isTask(term));
    return this.keysHolding.length - 1;
  }

  get size(): number {
    return this.keysHolding.length;
  }

  /** The number of a term: a word the lexicon does not know, or (without a lexicon) any token of the keys. */
  numberOf(term: string): number {
    const number = this.numbers.get(term);
    if (number === undefined) throw new Error(`the term "${term}" is not in the table`);
    return number;
  }

  /**
   * The Dice coefficient of two term lists: twice the terms they share over the terms of both. Equal terms pair
   * first; a term left over then pairs with a free term alike to it. Each term pairs at most once. It is 0 when both
   * lists name a task and no task of one is in the other: they do different work.
   */
  similarity(a: readonly number[], b: readonly number[]): number {
    if (a.length + b.length === 0) return 0;
    if (this.stamp === 0x7fffffff) {
      this.marks.fill(0);
      this.stamp = 0;
    }
    const free = (this.stamp += 1);
    const marks = this.marks;
    let tasksOfB = 0;
    for (const term of b) {
      marks[term] = free;
      if (this.task[term]) tasksOfB += 1;
    }
    let shared = 0;
    let tasksOfA = 0;
    let sharedTasks = 0;
    for (const term of a) {
      if (this.task[term]) tasksOfA += 1;
      if (marks[term] !== free) continue;
      marks[term] = -free;
      shared += 1;
      if (this.task[term]) sharedTasks += 1;
    }
    if (tasksOfA > 0 && tasksOfB > 0 && sharedTasks === 0) return 0;
    for (const term of a) {
      // Paired above, or alike to nothing.
      if (marks[term] === -free || this.alike[term].length === 0) continue;
      const partner = this.alike[term].find((other) => marks[other] === free);
      if (partner === undefined) continue;
      marks[partner] = -free;
      shared += 1;
    }
    return (2 * shared) / (a.length + b.length);
  }
}
