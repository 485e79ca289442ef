import { NO_CONCEPTS, type ConceptLexicon } from '../../src/portfolio/concept-lexicon';
import { groupIdeas, ideasFromTitles, SIMILARITY_THRESHOLD } from '../../src/portfolio/group-ideas';
import { normaliseTitle } from '../../src/portfolio/normalise-title';
import { labelledTitles, type LabelledCorpus } from './corpus';
import { pairwiseScores, type PairwiseScores } from './pairwise';

export interface CorpusScore extends PairwiseScores {
  titles: number;
  /** Distinct normalised keys among the titles. */
  keys: number;
  labels: number;
  groups: number;
}

/** Groups the corpus titles as the portfolio would (one person per title) and scores the groups against the labels. */
export function scoreGrouping(
  corpus: LabelledCorpus,
  threshold = SIMILARITY_THRESHOLD,
  lexicon: ConceptLexicon = NO_CONCEPTS,
): CorpusScore {
  const entries = labelledTitles(corpus);
  const ideas = ideasFromTitles(entries.map(({ title }) => title));
  const groups = groupIdeas(ideas, threshold, lexicon);
  const groupOfKey = new Map(groups.flatMap((group) => group.members.map((member) => [member.key, group.id])));
  const scored = entries.map(({ title, label }) => ({
    label,
    // A title with no words at all is in no group: it pairs with nothing.
    group: groupOfKey.get(normaliseTitle(title).key) ?? `alone: ${title}`,
  }));
  return {
    ...pairwiseScores(scored),
    titles: entries.length,
    keys: ideas.length,
    labels: corpus.groups.length,
    groups: groups.length,
  };
}
