import {
  ConceptLexicon,
  entryTokens,
  isConcept,
  lexiconProblems,
  NO_CONCEPTS,
  packLexicon,
} from '../../src/portfolio/concept-lexicon';
import { normaliseTitle } from '../../src/portfolio/normalise-title';

const lexicon = new ConceptLexicon({
  tasks: [
    ['summary', 'summarise', 'recap', 'tl;dr'],
    ['draft', 'write'],
  ],
  synonyms: [
    ['invoice', 'bill'],
    ['job ad', 'job description', 'vacancy'],
    ['job', 'role'],
    ['meeting', 'teams call'],
    ['jd template', 'job description template'],
  ],
});

/** The terms of a title, with concepts shown by name. */
function termsOf(title: string, vocabulary = lexicon, alike: Record<string, string[]> = {}): string[] {
  const terms = vocabulary.terms(normaliseTitle(title).tokens, (token) => vocabulary.conceptOf(token, alike[token]));
  return terms.map((term) => (isConcept(term) ? `=${vocabulary.names[Number(term.slice(1))]}` : term));
}

describe('ConceptLexicon', () => {
  it('normalises entries as titles are, so one entry covers its word forms and spellings', () => {
    expect(entryTokens('Summarised')).toEqual(entryTokens('summarize'));
    expect(termsOf('Summarized meetings')).toEqual(termsOf('meeting summaries'));
    expect(termsOf('Bills')).toEqual(['=invoice']);
  });

  it('turns each word into its concept, once, and leaves the words it does not know', () => {
    expect(termsOf('Recap and summary of invoice meetings')).toEqual(['=invoice', '=meeting', '=summary']);
    expect(termsOf('Bill reminders')).toEqual(['=invoice', 'reminder']);
  });

  it('matches a phrase when all its words are in the title, longest first, each word once', () => {
    expect(termsOf('Write job descriptions')).toEqual(['=job ad', '=draft']);
    expect(termsOf('Description of the job')).toEqual(['=job ad']);
    expect(termsOf('Job description templates')).toEqual(['=jd template']);
    expect(termsOf('Match people to job roles')).toEqual(['=job', 'match', 'peopl']);
    expect(termsOf('Meetings in Teams and a call')).toEqual(['=meeting']);
    expect(termsOf('tl;dr of meetings')).toEqual(['=summary', '=meeting']);
  });

  it('gives a typo or another form of an entry its concept, from six letters and only when unambiguous', () => {
    expect(termsOf('Sumarise invoices', lexicon, { sumaris: ['summaris'] })).toEqual(['=invoice', '=summary']);
    // Five letters: "stock" and "stack", "quote" and "quota" are different words.
    const short = new ConceptLexicon({ synonyms: [['quote', 'quotation']] });
    expect(short.conceptOf('quota', ['quot'])).toBeUndefined();
    // Alike to entries of two concepts: no concept.
    expect(lexicon.conceptOf('wrisum', ['writ', 'summary'])).toBeUndefined();
    expect(lexicon.conceptOf('invoicx', ['invoic', 'somethingelse'])).toBe(lexicon.names.indexOf('invoice'));
  });

  it('tells tasks from other concepts', () => {
    const [invoice, summary] = lexicon.terms(['invoic', 'summary'], (token) => lexicon.conceptOf(token));
    expect(lexicon.isTask(summary)).toBe(true);
    expect(lexicon.isTask(invoice)).toBe(false);
    expect(lexicon.isTask('summary')).toBe(false);
  });

  it('gives a word in two groups to the first, so even an unchecked list groups the same way each time', () => {
    const clash = new ConceptLexicon({ tasks: [['review', 'check']], synonyms: [['check', 'cheque']] });
    expect(clash.conceptOf('check')).toBe(0);
    expect(clash.conceptOf('chequ')).toBe(1);
  });

  it('has no concepts when empty, and none for a pack without a portfolio block', () => {
    expect(termsOf('Bill meetings', NO_CONCEPTS)).toEqual(['bill', 'meet']);
    expect(packLexicon({})).toBe(NO_CONCEPTS);
    expect(packLexicon({ portfolio: { synonyms: [['bill', 'invoice']] } }).conceptOf('bill')).toBe(0);
  });
});

describe('lexiconProblems', () => {
  it('reports a word in two groups, in either list, naming where it was first', () => {
    const problems = lexiconProblems({
      tasks: [['review', 'check', 'Reviewing']],
      synonyms: [
        ['audit', 'checks'],
        ['bill', 'invoice'],
        ['invoices', 'account'],
      ],
    });
    expect(problems).toEqual([
      {
        list: 'synonyms',
        group: 0,
        entry: 1,
        message: '"checks" is also in another group (tasks 0, entry 1, "check"): a word can name only one concept',
      },
      {
        list: 'synonyms',
        group: 2,
        entry: 0,
        message:
          '"invoices" is also in another group (synonyms 1, entry 1, "invoice"): a word can name only one concept',
      },
    ]);
  });

  it('reports an entry made only of words the grouping ignores', () => {
    expect(lexiconProblems({ synonyms: [['generate', 'create', 'draft']] })).toMatchObject([
      {
        list: 'synonyms',
        group: 0,
        entry: 0,
        message: '"generate" has only words the grouping ignores, so it never matches',
      },
      { list: 'synonyms', group: 0, entry: 1 },
    ]);
  });

  it('finds nothing wrong with word forms repeated in one group', () => {
    expect(lexiconProblems({ tasks: [['summary', 'summaries', 'summarise', 'summarize']] })).toEqual([]);
  });
});
