import path from 'node:path';
import {
  ContentPackError,
  loadContentPack,
  parseContentPack,
  type ConsentField,
  type ContentPack,
  type Question,
  type RowField,
  type RowsQuestion,
} from '../../src/content';
import { PackFiles, defaultPackCopy, loadError } from './pack-files';

const files = new PackFiles();
afterAll(() => files.cleanup());

/** Position of a question in the pack, as indexes and as a JSON Pointer. */
function locate(pack: ContentPack, id: string): { question: Question; path: string } {
  for (const [s, section] of pack.sections.entries()) {
    for (const [c, consideration] of section.considerations.entries()) {
      const q = consideration.questions.findIndex((question) => question.id === id);
      const question = consideration.questions[q];
      if (question !== undefined) return { question, path: `/sections/${s}/considerations/${c}/questions/${q}` };
    }
  }
  throw new Error(`no question ${id}`);
}

/** A field of the default pack's use-case rows. */
function useCaseField(pack: ContentPack, id: string): RowField {
  const field = (locate(pack, 'uc-use-cases').question as RowsQuestion).fields.find((candidate) => candidate.id === id);
  if (!field) throw new Error(`no use-case field ${id}`);
  return field;
}

/** Breaks a copy of the default pack, writes it to a temp file and returns the load error message and the file. */
function breakPack(mutate: (pack: ContentPack) => void): { message: string; file: string } {
  const pack = defaultPackCopy();
  mutate(pack);
  const file = files.write(pack);
  return { message: loadError(file), file };
}

const MINIMAL_PACK = {
  id: 'contoso-ai-pulse',
  version: '0.1.0',
  title: 'Contoso AI check-in',
  scales: { agreement: { labels: ['No', 'Hardly', 'Somewhat', 'Mostly', 'Yes'], dontKnowLabel: 'Not sure' } },
  stages: [
    { id: 'starting', label: 'Starting', minMean: 1 },
    { id: 'going', label: 'Going', minMean: 3 },
  ],
  sections: [
    {
      id: 'basics',
      title: 'Basics',
      intro: 'A few questions about where we stand.',
      recommendation: 'Talk to the AI working group.',
      considerations: [
        {
          id: 'awareness',
          title: 'Awareness',
          guidance: 'How well we know what AI can do.',
          recommendation: 'Join the monthly demo.',
          questions: [
            { id: 'know-ai', kind: 'rating', text: 'I know what AI could do for my work.', scale: 'agreement' },
            {
              id: 'hopes',
              kind: 'rows',
              text: 'What should AI do for you?',
              rowLabel: 'hope',
              fields: [{ id: 'text', kind: 'text', label: 'Hope', required: true, page: 1, long: false }],
            },
            {
              id: 'fears',
              kind: 'rows',
              text: 'What should AI never do?',
              rowLabel: 'fear',
              fields: [{ id: 'text', kind: 'text', label: 'Fear', required: true, page: 1, long: false }],
            },
            {
              id: 'measures',
              kind: 'rows',
              text: 'How will we measure it?',
              rowLabel: 'measure',
              fields: [
                { id: 'what', kind: 'text', label: 'What', required: true, page: 1, long: false },
                { id: 'now', kind: 'text', label: 'Now', required: false, page: 1, long: false },
                { id: 'goal', kind: 'text', label: 'Goal', required: false, page: 1, long: false },
              ],
            },
          ],
        },
      ],
    },
  ],
  goals: [],
  timeFrames: [],
  pulseTemplates: [],
  limits: { shortText: 100, longText: 1000, maxRows: 5 },
  summary: {
    want: 'hopes',
    doNotWant: 'fears',
    metrics: 'measures',
    metricFields: { goal: 'what', metric: 'what', baseline: 'now', target: 'goal', timeFrame: 'goal' },
  },
};

describe('loadContentPack', () => {
  it("loads an organisation's own minimal pack from a relative or absolute path", () => {
    const file = files.write(MINIMAL_PACK);
    expect(loadContentPack(file).id).toBe('contoso-ai-pulse');
    expect(loadContentPack(path.relative(process.cwd(), file)).sections[0]?.considerations[0]?.questions).toHaveLength(
      4,
    );
  });

  it('accepts a pack without paths (everyone is asked every question) and one whose full path lists every question', () => {
    expect(loadContentPack(files.write(MINIMAL_PACK)).paths).toBeUndefined();
    const listed = defaultPackCopy();
    listed.paths!.list[1].questions = listed.sections.flatMap((section) =>
      section.considerations.flatMap((consideration) => consideration.questions.map((question) => question.id)),
    );
    expect(loadContentPack(files.write(listed)).paths?.list[1].questions).toHaveLength(36);
  });

  it('accepts a byte order mark and the $schema hint editors use', () => {
    const file = files.write(`\uFEFF${JSON.stringify({ $schema: './content-pack.schema.json', ...MINIMAL_PACK })}`);
    expect(loadContentPack(file).version).toBe('0.1.0');
  });

  it('rejects a file that is not JSON, naming the file and the line', () => {
    const file = files.write('{\n  "id": "x",\n  nope\n}');
    const message = loadError(file);
    expect(message).toContain(file);
    expect(message).toMatch(/not valid JSON/);
    expect(message).toMatch(/line 3/);
  });

  it('rejects a missing file, naming it', () => {
    const file = path.join(path.dirname(files.write('{}')), 'missing.json');
    expect(loadError(file)).toContain(`${file} is invalid:\n  - cannot be read (ENOENT)`);
  });

  it('names parsed text by the source it was given', () => {
    expect(() => parseContentPack('[]', 'admin upload')).toThrow(
      /Content pack admin upload is invalid:\n {2}- \(top level\): must be object/,
    );
  });

  describe('schema errors name the file and the exact JSON path', () => {
    it('a missing required property', () => {
      const { message, file } = breakPack((pack) => {
        delete (pack.sections[1] as Partial<ContentPack['sections'][number]>).title;
      });
      expect(message).toContain(file);
      expect(message).toContain('/sections/1/title: is required');
    });

    it('an unknown property on a question', () => {
      const { message } = breakPack((pack) => Object.assign(locate(pack, 'lb-commitment').question, { colour: 'red' }));
      expect(message).toContain(
        `${locate(defaultPackCopy(), 'lb-commitment').path}/colour: is not a known property here`,
      );
    });

    it('a next-steps link that is not https', () => {
      const { message } = breakPack((pack) => {
        pack.summary.nextSteps = { title: 'Plan', url: 'javascript:alert(1)' };
      });
      expect(message).toContain('/summary/nextSteps/url: must match the pattern');
    });

    it('next-steps links: one link or a list of up to five, each https with a title', () => {
      const single = defaultPackCopy();
      single.summary.nextSteps = { title: 'Plan', url: 'https://learn.microsoft.com/azure/cloud-adoption-framework/' };
      expect(loadContentPack(files.write(single)).summary.nextSteps).toEqual(single.summary.nextSteps);
      const link = { title: 'Plan', url: 'https://example.com/plan' };
      expect(
        breakPack((pack) => (pack.summary.nextSteps = [link, { ...link, url: 'http://example.com' }])).message,
      ).toContain('/summary/nextSteps/1/url: must match the pattern');
      expect(breakPack((pack) => (pack.summary.nextSteps = [])).message).toContain(
        '/summary/nextSteps: must NOT have fewer than 1 items',
      );
      expect(breakPack((pack) => (pack.summary.nextSteps = Array(6).fill(link))).message).toContain(
        '/summary/nextSteps: must NOT have more than 5 items',
      );
      expect(breakPack((pack) => (pack.summary.nextSteps = [{ ...link, title: '  ' }])).message).toContain(
        '/summary/nextSteps/0/title: must not be blank',
      );
    });

    it('a consent field without its starting position, or with an unknown property', () => {
      const path = `${locate(defaultPackCopy(), 'uc-use-cases').path}/fields/4`;
      const { message } = breakPack((pack) => {
        const consent = useCaseField(pack, 'share');
        delete (consent as Partial<ConsentField>).defaultOn;
        Object.assign(consent, { defaultOff: true });
      });
      expect(message).toContain(`${path}/defaultOn: is required`);
      expect(message).toContain(`${path}/defaultOff: is not a known property here`);
    });

    it('a rating scale without exactly five labels', () => {
      const { message } = breakPack((pack) => {
        (pack.scales.agreement?.labels as string[] | undefined)?.pop();
      });
      expect(message).toContain('/scales/agreement/labels: must NOT have fewer than 5 items');
    });

    it('an id that is not kebab-case, a scale name included', () => {
      const { message } = breakPack((pack) => {
        pack.sections[0]!.id = 'Business Impact';
        pack.scales['Bad Scale'] = pack.scales.agreement!;
      });
      expect(message).toContain('/sections/0/id: must match the pattern ^[a-z0-9][a-z0-9-]{0,63}$');
      expect(message).toContain('/scales/Bad Scale: is not a valid id');
    });

    it('an unknown question kind, and a property that belongs to another kind', () => {
      const { message } = breakPack((pack) => {
        Object.assign(locate(pack, 'bi-experimentation').question, { kind: 'slider' });
        Object.assign(locate(pack, 'bi-innovation-areas').question, { scale: 'extent' });
      });
      expect(message).toContain(
        '/sections/0/considerations/3/questions/0/kind: must be one of "rating", "single", "multi", "text", "rows"',
      );
      expect(message).toContain('/sections/0/considerations/0/questions/1/scale: is not a known property here');
    });

    it('a blank text and a limit out of range', () => {
      const { message } = breakPack((pack) => {
        pack.sections[3]!.considerations[0]!.guidance = '   ';
        pack.limits.maxRows = 0;
      });
      expect(message).toContain('/sections/3/considerations/0/guidance: must not be blank');
      expect(message).toContain('/limits/maxRows: must be >= 1');
    });

    it('a synonym group with one word, a blank word, and an unknown list in the portfolio block', () => {
      const { message } = breakPack((pack) => {
        pack.portfolio!.synonyms![0] = ['invoice'];
        pack.portfolio!.tasks![0]![1] = ' ';
        Object.assign(pack.portfolio!, { stopWords: ['the'] });
      });
      expect(message).toContain('/portfolio/synonyms/0: must NOT have fewer than 2 items');
      expect(message).toContain('/portfolio/tasks/0/1: must not be blank');
      expect(message).toContain('/portfolio/stopWords: is not a known property here');
    });
  });

  describe('semantic errors name the file and the exact JSON path', () => {
    it('an unknown scale on a rating question', () => {
      const target = locate(defaultPackCopy(), 'uc-value-clarity').path;
      const { message, file } = breakPack((pack) => {
        const question = locate(pack, 'uc-value-clarity').question;
        if (question.kind === 'rating') question.scale = 'stars';
      });
      expect(target).toBe('/sections/2/considerations/0/questions/1');
      expect(message).toContain(file);
      expect(message).toContain(`${target}/scale: unknown scale "stars"`);
    });

    it('an unknown scale on a rating field of a rows question', () => {
      const { message } = breakPack((pack) => {
        const useCases = locate(pack, 'uc-use-cases').question;
        if (useCases.kind === 'rows' && useCases.fields[1]?.kind === 'rating') useCases.fields[1].scale = 'stars';
      });
      expect(message).toContain('/sections/2/considerations/0/questions/0/fields/1/scale: unknown scale "stars"');
    });

    it('a pulse template naming an unknown question or a text question', () => {
      const { message } = breakPack((pack) => {
        pack.pulseTemplates[0]!.questions[1] = 'dr-magic';
        pack.pulseTemplates[2]!.questions[0] = 'bi-employee-changes';
      });
      expect(message).toContain('/pulseTemplates/0/questions/1: unknown question "dr-magic"');
      expect(message).toContain(
        '/pulseTemplates/2/questions/0: question "bi-employee-changes" is a text question; pulse templates take only rating or single-choice questions',
      );
    });

    it('a word in two groups of the portfolio vocabulary, and an entry the grouping ignores', () => {
      const { portfolio } = defaultPackCopy();
      const added = portfolio!.tasks![0]!.length;
      const invoice = portfolio!.synonyms!.findIndex((group) => group.includes('bill'));
      const bill = portfolio!.synonyms![invoice]!.indexOf('bill');
      const { message } = breakPack((pack) => {
        pack.portfolio!.tasks![0]!.push('Bills');
        pack.portfolio!.synonyms![1]!.push('generated');
      });
      expect(message).toContain(
        `/portfolio/synonyms/${invoice}/${bill}: "bill" is also in another group (/portfolio/tasks/0/${added}, "Bills"): a word can name only one concept`,
      );
      expect(message).toContain(
        `/portfolio/synonyms/1/${portfolio!.synonyms![1]!.length}: "generated" has only words the grouping ignores, so it never matches`,
      );
    });

    it('duplicate question ids', () => {
      const { message } = breakPack((pack) => {
        locate(pack, 'lb-commitment').question.id = 'bi-industry-impact';
      });
      expect(message).toContain(
        '/sections/1/considerations/0/questions/1/id: duplicate question id "bi-industry-impact" (first used at /sections/0/considerations/0/questions/0/id)',
      );
    });

    it('a row reference to a missing or non-rows question, or to a field that does not name rows', () => {
      const metrics = locate(defaultPackCopy(), 'sm-metrics').path;
      const approach = locate(defaultPackCopy(), 'dr-build-approach').path;
      const { message } = breakPack((pack) => {
        const metricRows = locate(pack, 'sm-metrics').question;
        if (metricRows.kind === 'rows' && metricRows.fields[1]?.kind === 'rowRef')
          metricRows.fields[1].question = 'uc-value-clarity';
        const approachRows = locate(pack, 'dr-build-approach').question;
        if (approachRows.kind === 'rows' && approachRows.fields[0]?.kind === 'rowRef')
          approachRows.fields[0].titleField = 'value';
      });
      expect(message).toContain(
        `${metrics}/fields/1/question: question "uc-value-clarity" is a rating question, not a rows question`,
      );
      expect(message).toContain(
        `${approach}/fields/0/titleField: field "value" of question "uc-use-cases" must be a required text field`,
      );
    });

    it('a metric field whose goalField is not a goal field', () => {
      const metrics = locate(defaultPackCopy(), 'sm-metrics').path;
      const { message } = breakPack((pack) => {
        const metricRows = locate(pack, 'sm-metrics').question;
        if (metricRows.kind === 'rows' && metricRows.fields[2]?.kind === 'metric')
          metricRows.fields[2].goalField = 'baseline';
      });
      expect(message).toContain(`${metrics}/fields/2/goalField: field "baseline" is a text field, not a goal field`);
    });

    it('a consent field that is required, repeated, or in a row without words to share', () => {
      const useCases = locate(defaultPackCopy(), 'uc-use-cases').path;
      const required = breakPack((pack) => (useCaseField(pack, 'share').required = true)).message;
      expect(required).toContain(
        `${useCases}/fields/4/required: a consent field cannot be required: saying no must always be possible`,
      );
      const repeated = breakPack((pack) => {
        const rows = locate(pack, 'uc-use-cases').question as RowsQuestion;
        rows.fields.push({ ...useCaseField(pack, 'share'), id: 'share-again' });
      }).message;
      expect(repeated).toContain(`${useCases}/fields/5/kind: a row takes one consent field; "share" already asks`);
      const approach = locate(defaultPackCopy(), 'dr-build-approach');
      const added = (approach.question as RowsQuestion).fields.length;
      const wordless = breakPack((pack) => {
        const rows = locate(pack, 'dr-build-approach').question as RowsQuestion;
        rows.fields.push({
          id: 'share',
          kind: 'consent',
          label: 'Share it',
          required: false,
          page: 1,
          defaultOn: true,
        });
      }).message;
      expect(wordless).toContain(
        `${approach.path}/fields/${added}/kind: a consent field needs a text field in its row`,
      );
    });

    it('a rows question without a required page-1 field', () => {
      const want = locate(defaultPackCopy(), 'am-want').path;
      const { message } = breakPack((pack) => {
        const rows = locate(pack, 'am-want').question;
        if (rows.kind === 'rows') rows.fields[0]!.required = false;
      });
      expect(message).toContain(`${want}/fields: needs at least one required field on page 1`);
    });

    it('stages that do not start at 1 or do not ascend', () => {
      const { message } = breakPack((pack) => {
        pack.stages[0]!.minMean = 1.5;
        pack.stages[3]!.minMean = 2.75;
      });
      expect(message).toContain('/stages/0/minMean: the first stage must start at 1');
      expect(message).toContain("/stages/3/minMean: must be greater than the previous stage's minMean (2.75)");
    });

    it('a summary mapping that points at the wrong question or a missing field', () => {
      const { message } = breakPack((pack) => {
        pack.summary.want = 'am-ambition-shared';
        pack.summary.metricFields.baseline = 'start';
      });
      expect(message).toContain(
        '/summary/want: question "am-ambition-shared" is a rating question, not a rows question',
      );
      expect(message).toContain('/summary/metricFields/baseline: question "sm-metrics" has no field "start"');
    });

    it('summary themes that are not free-text questions, and counts that are not choices', () => {
      const { message } = breakPack((pack) => {
        pack.summary.themes = [
          { question: 'am-want', title: 'Rows' },
          { question: 'nope', title: 'Missing' },
        ];
        pack.summary.counts = [{ question: 'bi-industry-impact', title: 'A rating' }];
      });
      expect(message).toContain('/summary/themes/0/question: question "am-want" is a rows question, not text');
      expect(message).toContain('/summary/themes/1/question: unknown question "nope"');
      expect(message).toContain(
        '/summary/counts/0/question: question "bi-industry-impact" is a rating question, not single or multi',
      );
    });

    it('a path naming an unknown or repeated question, an unknown default, or a duplicate id', () => {
      const { message } = breakPack((pack) => {
        const [short] = pack.paths!.list;
        (short.questions as string[]).push('lb-budget-magic', 'am-want');
        pack.paths!.defaults.employee = 'quick';
        pack.paths!.list.push({ ...short, questions: ['am-want'] });
      });
      const listed = defaultPackCopy().paths!.list[0].questions.length;
      expect(message).toContain(`/paths/list/0/questions/${listed}: unknown question "lb-budget-magic"`);
      expect(message).toContain(`/paths/list/0/questions/${listed + 1}: question "am-want" is listed twice`);
      expect(message).toContain('/paths/defaults/employee: unknown path "quick" (the pack defines: short, full)');
      expect(message).toContain('/paths/list/2/id: duplicate path id "short"');
    });

    it('a short path of more than 15 questions', () => {
      const { message } = breakPack((pack) => {
        const all = pack.sections.flatMap((section) =>
          section.considerations.flatMap((consideration) => consideration.questions.map((question) => question.id)),
        );
        pack.paths!.list[0].questions = all.slice(0, 16);
      });
      expect(message).toContain(
        '/paths/list/0/questions: a path that leaves questions out may ask at most 15 (this one lists 16); a path of every question says "all"',
      );
    });

    it('paths of which none asks every question', () => {
      const { message } = breakPack((pack) => {
        pack.paths!.list[1].questions = ['lb-budget-mapped', 'lb-budget-anchored'];
      });
      expect(message).toContain(
        '/paths/list: no path asks every question: add one whose "questions" is "all", so that anyone can choose to answer them all',
      );
    });

    it('a path without its duration or with questions that are neither a list nor "all"', () => {
      const { message } = breakPack((pack) => {
        delete (pack.paths!.list[0] as Partial<NonNullable<ContentPack['paths']>['list'][number]>).minutes;
        (pack.paths!.list[1] as unknown as { questions: string }).questions = 'everything';
      });
      expect(message).toContain('/paths/list/0/minutes: is required');
      expect(message).toContain('/paths/list/1/questions: must be "all" or a list');
      const badId = breakPack((pack) => {
        pack.paths!.list[0].questions = ['Budget Mapped'];
      }).message;
      expect(badId).toContain('/paths/list/0/questions/0: must match the pattern');
      expect(badId).not.toContain('must be "all"');
    });

    it('reports every problem at once as ContentPackError with paths', () => {
      const pack = defaultPackCopy();
      pack.pulseTemplates[0]!.questions[0] = 'nope';
      pack.stages[1]!.minMean = 1;
      try {
        loadContentPack(files.write(pack));
        throw new Error('expected a ContentPackError');
      } catch (error) {
        expect(error).toBeInstanceOf(ContentPackError);
        expect((error as ContentPackError).problems.map((problem) => problem.path)).toEqual([
          '/stages/1/minMean',
          '/pulseTemplates/0/questions/0',
        ]);
      }
    });
  });
});
