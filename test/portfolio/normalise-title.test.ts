import { normaliseTitle, stem, titleWords } from '../../src/portfolio/normalise-title';

const keyOf = (title: string) => normaliseTitle(title).key;

describe('normaliseTitle', () => {
  it('gives one key whatever the case, punctuation and word order', () => {
    expect(keyOf('Draft replies to customer emails')).toBe('customer draft email reply');
    expect(keyOf('CUSTOMER E-MAILS: drafting replies!')).toBe('customer draft email reply');
    expect(keyOf('Customer email reply drafts')).toBe('customer draft email reply');
  });

  it('drops grammar words and the words any AI idea could carry', () => {
    expect(keyOf('Use GenAI to automate our invoice processing')).toBe(keyOf('Invoice processing'));
    expect(keyOf('Using generative AI for the automatic generation of meeting notes')).toBe(keyOf('meeting notes'));
  });

  it('keeps the verbs that say what the work is', () => {
    expect(normaliseTitle('Write and summarise the sales report').tokens).toEqual([
      'report',
      'sal',
      'summaris',
      'writ',
    ]);
  });

  it('drops the words that qualify an idea without naming it (when, how new, how many)', () => {
    expect(keyOf('Draft first replies to routine incoming customer emails')).toBe(
      keyOf('Draft customer email replies'),
    );
    expect(keyOf('Weekly status report for the next quarter')).toBe(keyOf('Status report'));
    expect(keyOf('Extract data from invoices')).toBe(keyOf('Invoice extraction'));
  });

  it('brings plurals, -ing, -ed, -ion and UK and US spellings to one token', () => {
    for (const [a, b] of [
      ['Summarise meetings', 'Summarized meeting'],
      ['Prioritisation of tickets', 'Prioritize ticket'],
      ['Translating policies', 'Policy translation'],
      ['Planning shifts', 'Planned shift'],
    ])
      expect(keyOf(a)).toBe(keyOf(b));
  });

  it('lists each token once, sorted, and the key is the tokens joined by a space', () => {
    const { key, tokens } = normaliseTitle('Report on reports: sales report');
    expect(tokens).toEqual(['report', 'sal']);
    expect(key).toBe('report sal');
  });

  it('drops accents of Latin letters and keeps other scripts whole', () => {
    expect(keyOf('Résumé screening')).toBe(keyOf('resume screening'));
    expect(keyOf('Übersetzung der Handbücher')).toBe('der handbucher ubersetzung');
    expect(keyOf('İstanbul office')).toBe('istanbul offic');
    expect(normaliseTitle('सारांश बैठक').tokens).toEqual(['बैठक', 'सारांश']);
    expect(normaliseTitle('Отчёт по продажам').tokens).toEqual(['отчёт', 'по', 'продажам']);
  });

  it('joins a single letter to the word after its hyphen, and drops lone letters', () => {
    expect(titleWords('e-mail Q&A e-learning')).toEqual(['email', 'elearning']);
  });

  it('keeps a title made only of stop words rather than losing it, and gives no key to one with no words', () => {
    expect(keyOf('Use AI')).toBe('ai use');
    expect(keyOf('  ?!… ')).toBe('');
  });
});

describe('stem', () => {
  it.each([
    ['policies', 'policy'],
    ['emails', 'email'],
    ['analysis', 'analysis'],
    ['status', 'status'],
    ['drafting', 'draft'],
    ['planning', 'plan'],
    ['billing', 'bill'],
    ['automated', 'automat'],
    ['prediction', 'predict'],
    ['summarization', 'summaris'],
    ['weekly', 'week'],
    ['supply', 'supply'],
    ['anomaly', 'anomaly'],
    ['schedule', 'schedul'],
    ['analyze', 'analys'],
    ['cvs', 'cvs'],
    ['straße', 'straße'],
  ])('%s → %s', (word, expected) => {
    expect(stem(word)).toBe(expected);
  });
});
