/** A use-case title reduced to the words that say which idea it is. */
export interface NormalisedTitle {
  /** The sorted, unique tokens joined by one space: titles that differ only in word order share it. */
  key: string;
  /** The same tokens, sorted and unique. */
  tokens: string[];
}

/**
 * Grammar words, and the words nearly every idea in a generative-AI portfolio could carry ("use AI to automate …"),
 * so they would make unrelated ideas look alike. Verbs that name the work (draft, write, summarise) stay.
 */
const STOP_WORDS = new Set([
  ...['a', 'an', 'the', 'and', 'or', 'of', 'to', 'for', 'in', 'on', 'at', 'by', 'from', 'with', 'into', 'onto'],
  ...['over', 'across', 'about', 'per', 'via', 'against', 'as', 'before', 'after', 'during', 'through', 'up'],
  ...['our', 'my', 'your', 'their', 'its', 'his', 'her', 'we', 'us', 'they', 'it', 'them', 'i', 'you'],
  ...['this', 'that', 'these', 'those', 'which', 'who', 'what', 'where', 'when', 'how', 'so', 'such'],
  ...['is', 'are', 'be', 'been', 'being', 'was', 'were', 'will', 'can', 'could', 'should', 'would', 'may'],
  ...['do', 'does', 'get', 'gets', 'let', 'lets', 'more', 'better', 'faster', 'each', 'every', 'all', 'any'],
  ...['use', 'uses', 'using', 'used', 'ai', 'genai', 'gen', 'generative', 'llm', 'llms', 'gpt', 'chatgpt'],
  ...['automate', 'automated', 'automates', 'automating', 'automation', 'automatic', 'automatically', 'auto'],
  ...['generate', 'generates', 'generating', 'generated', 'generation', 'generator', 'create', 'creating'],
  ...['creation', 'assisted', 'assist', 'tool', 'tools', 'help', 'helps', 'helping', 'based', 'driven', 'powered'],
  // Words that qualify an idea without naming it: when, how new, how many, how well.
  ...['new', 'old', 'existing', 'current', 'next', 'last', 'previous', 'past', 'recent', 'daily', 'weekly'],
  ...['monthly', 'quarterly', 'yearly', 'annual', 'internal', 'external', 'incoming', 'outgoing', 'inbound'],
  ...['outbound', 'several', 'various', 'multiple', 'different', 'specific', 'relevant', 'main', 'common'],
  ...['routine', 'simple', 'complex', 'large', 'small', 'busy', 'right', 'whole', 'entire', 'full', 'own', 'other'],
  ...['same', 'quick', 'quickly', 'fast', 'easy', 'easier', 'smart', 'smarter', 'intelligent', 'efficient'],
  ...['efficiently', 'accurate', 'consistent', 'first', 'make', 'turn', 'data'],
]);

/** Letters of a Latin-script word whose accents are dropped: "résumé" and "resume" are one word. */
const LATIN_MARKS = /(\p{Script=Latin})\p{M}+/gu;
const APOSTROPHES = /['’ʼ`]/gu;
/** "e-mail", "e-learning": a single letter before a hyphen belongs to the word. */
const LETTER_HYPHEN = /(?<![\p{L}\p{N}])(\p{L})[-‐‑](?=\p{L})/gu;
const SEPARATORS = /[^\p{L}\p{M}\p{N}]+/u;
const ENGLISH_WORD = /^[a-z]+$/;
const DOUBLED_END = /([b-df-hj-km-np-rtv-y])\1$/;

/**
 * Light English stemming: plurals, -ing, -ed, -ion, -ly after a consonant (weekly, not supply), a final e, and -ize
 * spelt -ise. Words with other letters than a–z stay as they are.
 */
export function stem(word: string): string {
  if (word.length <= 3 || !ENGLISH_WORD.test(word)) return word;
  let stemmed = word;
  if (stemmed.endsWith('ies') && stemmed.length > 4) stemmed = `${stemmed.slice(0, -3)}y`;
  else if (stemmed.endsWith('sses')) stemmed = stemmed.slice(0, -2);
  else if (stemmed.endsWith('s') && !/(ss|us|is)$/.test(stemmed)) stemmed = stemmed.slice(0, -1);
  const cut = (suffix: string, shortest: number) =>
    stemmed.endsWith(suffix) && stemmed.length - suffix.length >= shortest;
  if (cut('ing', 3) || cut('ed', 3)) {
    stemmed = stemmed.slice(0, stemmed.endsWith('ing') ? -3 : -2);
    if (DOUBLED_END.test(stemmed)) stemmed = stemmed.slice(0, -1);
  } else if (cut('ion', 4)) {
    stemmed = stemmed.slice(0, -3);
    if (/i[sz]at$/.test(stemmed)) stemmed = stemmed.slice(0, -2);
  } else if (cut('ly', 4) && /[b-df-hj-kmnq-tv-z]ly$/.test(stemmed)) {
    stemmed = stemmed.slice(0, -2);
  }
  if (stemmed.endsWith('e') && !stemmed.endsWith('ee') && stemmed.length > 3) stemmed = stemmed.slice(0, -1);
  return stemmed.replace(/([iy])z$/, '$1s');
}

const STOP_STEMS = new Set([...STOP_WORDS].map(stem));

/** The words of a title, lower-cased, accents of Latin letters dropped, split on anything not a letter, mark or digit. */
export function titleWords(title: string): string[] {
  const text = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(LATIN_MARKS, '$1')
    .normalize('NFC')
    .replace(APOSTROPHES, '')
    .replace(LETTER_HYPHEN, '$1');
  return text.split(SEPARATORS).filter((word) => word !== '' && !/^[a-z]$/.test(word));
}

/** The stemmed words of a text without its stop words, in text order (repeats kept): possibly none. */
export function meaningfulTokens(text: string): string[] {
  return titleWords(text)
    .filter((word) => !STOP_WORDS.has(word))
    .map(stem)
    .filter((token) => !STOP_STEMS.has(token));
}

/**
 * The canonical key and tokens of an idea title. A title made only of stop words ("Use AI") keeps them, so it is not
 * lost; a title with no letters or digits at all has the empty key.
 */
export function normaliseTitle(title: string): NormalisedTitle {
  const kept = meaningfulTokens(title);
  const tokens = [...new Set(kept.length > 0 ? kept : titleWords(title).map(stem))].sort(byCodeUnits);
  return { key: tokens.join(' '), tokens };
}

/** Plain code-unit order: the same on every machine and locale. */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
