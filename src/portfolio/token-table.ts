import { alikeTokens } from './alike-tokens';

/** The tokens of a key (see normaliseTitle): its words, in key order. */
export function keyTokens(key: string): string[] {
  return key.split(' ').filter((token) => token !== '');
}

/**
 * The tokens of a set of keys as numbers, which of them are alike (a typo or another form of one word), and how many
 * keys hold each. Built once per grouping, so comparing two ideas is a few array reads and allocates nothing.
 */
export class TokenTable {
  private readonly numbers = new Map<string, number>();
  /** For each token, the other tokens alike to it, in code-unit order of their text. */
  readonly alike: number[][];
  /** For each token, how many keys hold it. */
  readonly keysHolding: number[] = [];
  /** A token of the idea compared against is free to match while its mark is the stamp, and used at -stamp. */
  private readonly marks: Int32Array;
  private stamp = 0;

  constructor(keys: readonly (readonly string[])[]) {
    for (const tokens of keys) {
      for (const token of tokens) {
        const number = this.numbers.get(token);
        if (number === undefined) {
          this.numbers.set(token, this.keysHolding.length);
          this.keysHolding.push(1);
        } else this.keysHolding[number] += 1;
      }
    }
    this.alike = Array.from({ length: this.keysHolding.length }, () => []);
    for (const [token, others] of alikeTokens(this.numbers.keys()))
      this.alike[this.numberOf(token)] = others.map((other) => this.numberOf(other));
    this.marks = new Int32Array(this.keysHolding.length);
  }

  get size(): number {
    return this.keysHolding.length;
  }

  numberOf(token: string): number {
    const number = this.numbers.get(token);
    if (number === undefined) throw new Error(`the token "${token}" is not in the table`);
    return number;
  }

  /**
   * The Dice coefficient of two token lists: twice the tokens they share over the tokens of both. Equal tokens pair
   * first; a token left over then pairs with a free token alike to it. Each token pairs at most once.
   */
  similarity(a: readonly number[], b: readonly number[]): number {
    if (a.length + b.length === 0) return 0;
    if (this.stamp === 0x7fffffff) {
      this.marks.fill(0);
      this.stamp = 0;
    }
    const free = (this.stamp += 1);
    const marks = this.marks;
    for (const token of b) marks[token] = free;
    let shared = 0;
    for (const token of a) {
      if (marks[token] !== free) continue;
      marks[token] = -free;
      shared += 1;
    }
    for (const token of a) {
      // Paired above, or alike to nothing.
      if (marks[token] === -free || this.alike[token].length === 0) continue;
      const partner = this.alike[token].find((other) => marks[other] === free);
      if (partner === undefined) continue;
      marks[partner] = -free;
      shared += 1;
    }
    return (2 * shared) / (a.length + b.length);
  }
}
