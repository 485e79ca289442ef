import { byCodeUnits, meaningfulTokens } from './normalise-title';

/** Lists of words and phrases, each list naming one concept: synonyms and word forms people use for the same thing. */
export type SynonymGroups = readonly (readonly string[])[];

/**
 * An organisation's vocabulary for grouping ideas. `tasks` name the work an idea does (summarise, triage, draft …);
 * `synonyms` name everything else (invoice, contract, chatbot …). Two ideas that each name a task are one idea only if
 * they share one: "customer email triage" and "customer email replies" stay apart.
 */
export interface SynonymLists {
  tasks?: SynonymGroups;
  synonyms?: SynonymGroups;
}

export type SynonymListName = keyof SynonymLists;

/** A problem in the synonym lists: the list, group and entry (positions) and what is wrong. */
export interface LexiconProblem {
  list: SynonymListName;
  group: number;
  entry: number;
  message: string;
}

interface Phrase {
  tokens: readonly string[];
  concept: number;
  /** Longer phrases are matched first; between equals, the earlier group. */
  order: number;
}

/** Tokens never hold "#", so a concept's term cannot be mistaken for a word. */
const CONCEPT_MARK = '#';
/**
 * The shortest token that takes the concept of an entry it is a typo or another form of. Shorter words have real
 * neighbours one letter away ("stack" and "stock", "quota" and "quote") that would take a concept they do not name.
 */
const FORM_MIN_LENGTH = 6;

/** The tokens of a lexicon entry, normalised as titles are (stop words out, stemmed), unique and sorted. */
export function entryTokens(entry: string): string[] {
  return [...new Set(meaningfulTokens(entry))].sort(byCodeUnits);
}

/** Whether a term (see ConceptLexicon.terms) is a concept rather than a plain token. */
export function isConcept(term: string): boolean {
  return term.startsWith(CONCEPT_MARK);
}

/**
 * Synonym lists made ready for grouping ideas: each word or phrase maps to its group's concept, so "flag suspicious
 * invoices" and "invoice fraud detection" compare as the same three concepts. Entries are normalised as titles are,
 * so "summarise", "summarize" and "summarised" are one entry. A word in two groups belongs to the first, tasks before
 * synonyms (the content checks refuse such lists; see lexiconProblems); an entry made only of stop words is left out.
 */
export class ConceptLexicon {
  private readonly words = new Map<string, number>();
  private readonly phrasesByToken = new Map<string, Phrase[]>();
  /** Each concept's name (its group's first entry), tasks first. */
  readonly names: string[] = [];
  /** Concepts below this number are tasks. */
  private readonly taskCount: number;

  constructor({ tasks = [], synonyms = [] }: SynonymLists = {}) {
    this.taskCount = tasks.length;
    const phrases = new Map<string, Phrase>();
    [...tasks, ...synonyms].forEach((entries, concept) => {
      this.names.push(entries[0] ?? '');
      for (const entry of entries) {
        const tokens = entryTokens(entry);
        if (tokens.length === 1 && !this.words.has(tokens[0])) this.words.set(tokens[0], concept);
        const key = tokens.join(' ');
        if (tokens.length > 1 && !phrases.has(key)) phrases.set(key, { tokens, concept, order: 0 });
      }
    });
    const ordered = [...phrases.values()].sort((a, b) => b.tokens.length - a.tokens.length || a.concept - b.concept);
    ordered.forEach((phrase, order) => {
      const indexed = { ...phrase, order };
      const held = this.phrasesByToken.get(phrase.tokens[0]);
      if (held) held.push(indexed);
      else this.phrasesByToken.set(phrase.tokens[0], [indexed]);
    });
  }

  /** Whether a term (see terms) is a concept of the task list. */
  isTask(term: string): boolean {
    return isConcept(term) && Number(term.slice(CONCEPT_MARK.length)) < this.taskCount;
  }

  /** The one-word entries: their typos and other forms name the concept too (see conceptOf). */
  singleWords(): Iterable<string> {
    return this.words.keys();
  }

  /**
   * The concept a token names: its own when it is an entry; otherwise, for a token of 6 letters or more, the concept of
   * the entries it is alike to (a typo or another form, see alikeTokens) when they all name one concept; otherwise none.
   */
  conceptOf(token: string, alike: readonly string[] = []): number | undefined {
    const own = this.words.get(token);
    if (own !== undefined || Array.from(token).length < FORM_MIN_LENGTH) return own;
    let found: number | undefined;
    for (const other of alike) {
      const concept = this.words.get(other);
      if (concept === undefined || concept === found) continue;
      if (found !== undefined) return undefined;
      found = concept;
    }
    return found;
  }

  /**
   * The terms a key's tokens compare by: first the phrases whose tokens are all in the key (longest first, each token
   * used once) become their concept; then each other token becomes its concept, or stays itself. Each term once, in
   * the order of the key's tokens.
   */
  terms(tokens: readonly string[], conceptOf: (token: string) => number | undefined): string[] {
    const phraseAt = this.phrasesIn(tokens);
    const terms = new Set<string>();
    for (const token of tokens) {
      const phrase = phraseAt.get(token);
      const concept = phrase === undefined ? conceptOf(token) : phrase;
      terms.add(concept === undefined ? token : `${CONCEPT_MARK}${concept}`);
    }
    return [...terms];
  }

  /** The concept of each token that a phrase of the key takes. */
  private phrasesIn(tokens: readonly string[]): Map<string, number> {
    const taken = new Map<string, number>();
    if (this.phrasesByToken.size === 0) return taken;
    const held = new Set(tokens);
    const candidates = tokens
      .flatMap((token) => this.phrasesByToken.get(token) ?? [])
      .sort((a, b) => a.order - b.order);
    for (const { tokens: words, concept } of candidates) {
      if (!words.every((word) => held.has(word) && !taken.has(word))) continue;
      for (const word of words) taken.set(word, concept);
    }
    return taken;
  }
}

/** A lexicon with no concepts: ideas compare by their words alone. */
export const NO_CONCEPTS = new ConceptLexicon();

/** The lexicon of a content pack's `portfolio` block (none when the pack has no such block). */
export function packLexicon(pack: { portfolio?: SynonymLists }): ConceptLexicon {
  return pack.portfolio === undefined ? NO_CONCEPTS : new ConceptLexicon(pack.portfolio);
}

type Where = (list: SynonymListName, group: number, entry: number) => string;

/**
 * What is wrong with synonym lists: an entry made only of words the grouping ignores (it would never match), and an
 * entry that, once normalised, is also in another group of either list (one word cannot name two concepts). Repeats
 * within a group ("summary", "summaries") are harmless and not reported. `where` names an entry in the messages.
 */
export function lexiconProblems(
  lists: SynonymLists,
  where: Where = (list, group, entry) => `${list} ${group}, entry ${entry}`,
): LexiconProblem[] {
  const problems: LexiconProblem[] = [];
  const firstSeen = new Map<string, { list: SynonymListName; group: number; entry: number; text: string }>();
  for (const list of ['tasks', 'synonyms'] as const)
    (lists[list] ?? []).forEach((entries, group) =>
      entries.forEach((text, entry) => {
        const key = entryTokens(text).join(' ');
        if (key === '') {
          const message = `"${text}" has only words the grouping ignores, so it never matches`;
          problems.push({ list, group, entry, message });
          return;
        }
        const earlier = firstSeen.get(key);
        if (earlier === undefined) firstSeen.set(key, { list, group, entry, text });
        else if (earlier.list !== list || earlier.group !== group) {
          const other = `${where(earlier.list, earlier.group, earlier.entry)}, "${earlier.text}"`;
          const message = `"${text}" is also in another group (${other}): a word can name only one concept`;
          problems.push({ list, group, entry, message });
        }
      }),
    );
  return problems;
}
