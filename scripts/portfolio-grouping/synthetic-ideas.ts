import type { Idea } from '../../src/portfolio/group-ideas';
import { normaliseTitle } from '../../src/portfolio/normalise-title';
import { SeededRandom } from '../../src/local/demo/random';

const TEAMS = [
  ...['finance', 'procurement', 'legal', 'HR', 'marketing', 'sales', 'field service', 'logistics', 'IT', 'security'],
  ...['customer care', 'claims', 'underwriting', 'treasury', 'payroll', 'facilities', 'R&D', 'quality', 'audit'],
  ...['risk', 'compliance', 'engineering', 'product', 'design', 'warehouse', 'fleet', 'retail stores', 'partners'],
];
const PLACES = [
  ...['Germany', 'France', 'Spain', 'Italy', 'the Nordics', 'Benelux', 'Poland', 'the UK', 'Ireland', 'Japan'],
  ...['Brazil', 'Mexico', 'Canada', 'India', 'Singapore', 'Australia', 'South Africa', 'Egypt', 'Turkey', 'Chile'],
];

/** One letter dropped, doubled or swapped with the next, in one word of five letters or more. */
function typo(words: string[], random: () => number): string[] {
  const long = words.map((word, at) => [word, at] as const).filter(([word]) => word.length >= 5);
  if (long.length === 0) return words;
  const [word, at] = long[Math.floor(random() * long.length)];
  const i = 1 + Math.floor(random() * (word.length - 2));
  const kind = Math.floor(random() * 3);
  const changed =
    kind === 0
      ? word.slice(0, i) + word.slice(i + 1)
      : kind === 1
        ? word.slice(0, i) + word[i] + word.slice(i)
        : word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
  return words.map((other, j) => (j === at ? changed : other));
}

/** A title varied the ways people vary them: a team or a place added, a typo, the words turned round, "use AI to". */
function vary(title: string, random: () => number): string {
  let words = title.split(' ');
  if (random() < 0.5) words = typo(words, random);
  if (random() < 0.3) words = typo(words, random);
  if (random() < 0.3) {
    const cut = 1 + Math.floor(random() * (words.length - 1));
    words = [...words.slice(cut), ...words.slice(0, cut)];
  }
  if (random() < 0.8) words.push('for', TEAMS[Math.floor(random() * TEAMS.length)]);
  if (random() < 0.5) words.push('in', PLACES[Math.floor(random() * PLACES.length)]);
  if (random() < 0.2) words.unshift('Use AI to');
  return words.join(' ');
}

/**
 * `count` ideas with distinct keys, varied from the given titles; each gets a weight of 1 to 4 people. Throws if
 * the titles cannot give that many distinct keys.
 */
export function syntheticIdeas(titles: readonly string[], count: number, seed = 20_240_601): Idea[] {
  const source = new SeededRandom(seed);
  const random = () => source.next();
  const ideas = new Map<string, Idea>();
  for (let attempt = 0; ideas.size < count; attempt += 1) {
    if (attempt > count * 20) throw new Error(`only ${ideas.size} distinct keys from ${titles.length} titles`);
    const title = vary(titles[Math.floor(random() * titles.length)], random);
    const { key } = normaliseTitle(title);
    if (key !== '' && !ideas.has(key)) ideas.set(key, { key, title, weight: 1 + Math.floor(random() * 4) });
  }
  return [...ideas.values()];
}
