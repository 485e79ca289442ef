import { recognizeLeaderCommand } from '../../src/leadership/leader-commands';
import { recognizeCommand, recognizePathRequest } from '../../src/strategy/commands';
import { pressButton } from '../../scripts/bench/press-button';
import { CardRenderer, type CardAttachment } from '../../src/cards/card-renderer';
import * as sample from './sample-views';
import { unboundPlaceholders, validateCard } from './validate-card';

type Node = Record<string, unknown>;

/** Every object in the card, depth first. */
function nodes(value: unknown): Node[] {
  if (Array.isArray(value)) return value.flatMap(nodes);
  if (typeof value !== 'object' || value === null) return [];
  return [value as Node, ...Object.values(value).flatMap(nodes)];
}

const ofType = (card: CardAttachment, type: string): Node[] => nodes(card.content).filter((node) => node.type === type);
const submits = (card: CardAttachment): Node[] => ofType(card, 'Action.Submit');
const titled = (card: CardAttachment, title: string): Node | undefined =>
  submits(card).find((action) => action.title === title);
const input = (card: CardAttachment, id: string): Node | undefined =>
  nodes(card.content).find((node) => node.id === id);

const renderer = new CardRenderer();

const everyCard: [string, () => CardAttachment][] = [
  ['welcome', () => renderer.welcome(sample.welcome)],
  [
    'welcome (new user, no name)',
    () => renderer.welcome({ ...sample.welcome, userName: '', hasProgress: false, answeredCount: 0 }),
  ],
  ['help', () => renderer.help(sample.help)],
  ['question: rating', () => renderer.question(sample.ratingQuestion)],
  ['question: single', () => renderer.question(sample.singleQuestion)],
  ['question: multi', () => renderer.question(sample.multiQuestion)],
  ['question: text', () => renderer.question(sample.textQuestion)],
  ['answered', () => renderer.answered(sample.answered)],
  ['answered: rows', () => renderer.answered({ ...sample.answered, answer: '3 use cases' })],
  ['rows: page 1', () => renderer.rows(sample.rowsPage1)],
  ['rows: page 2', () => renderer.rows(sample.rowsPage2)],
  ['rows: use cases, none yet', () => renderer.rows(sample.useCaseRows)],
  ['rows: build approaches with their recommendations', () => renderer.rows(sample.buildApproachRows)],
  ['review', () => renderer.review(sample.review)],
  ['review (empty)', () => renderer.review({ sections: [] })],
  ['summary', () => renderer.summary(sample.summary)],
  [
    'summary (empty)',
    () =>
      renderer.summary({
        title: 'Your AI ambition',
        wants: [],
        doNotWants: [],
        useCases: [],
        metrics: [],
        readiness: [],
        recommendations: [],
      }),
  ],
  ['my data', () => renderer.myData(sample.myData)],
  [
    'my data (empty)',
    () =>
      renderer.myData({
        packId: 'caf-genai-strategy',
        packVersion: '1.0.0',
        lastUpdated: '',
        answers: [],
        other: { pulseResponses: 0, pulsesReceived: 0, digest: '' },
      }),
  ],
  ['confirm delete', () => renderer.confirmDelete(sample.confirmDelete)],
  ['notice', () => renderer.notice(sample.notice)],
  ['notice without a button', () => renderer.notice({ title: 'Saved', message: 'Your answers are saved.' })],
];

describe('CardRenderer: every card', () => {
  it.each(everyCard)('%s is a valid 1.5 card with every placeholder bound', (_name, render) => {
    const card = render();
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(validateCard(card.content)).toEqual([]);
    expect(unboundPlaceholders(card.content)).toEqual([]);
    expect((card.content as Node).version).toBe('1.5');
  });

  it('gives every required input a label and an error message, and keeps button titles short', () => {
    for (const [, render] of everyCard) {
      const card = render();
      for (const node of nodes(card.content).filter((n) => n.isRequired === true)) {
        expect(node.label).toEqual(expect.any(String));
        expect(node.errorMessage).toEqual(expect.any(String));
      }
      for (const action of submits(card)) expect(String(action.title).length).toBeLessThanOrEqual(24);
      for (const block of ofType(card, 'TextBlock')) expect(block.wrap).toBe(true);
    }
  });
});

describe('CardRenderer: welcome and help', () => {
  it('offers Resume with progress and Start without', () => {
    const resuming = renderer.welcome(sample.welcome);
    expect(titled(resuming, 'Resume')?.data).toEqual({ sg: 'command', command: 'resume' });
    expect(titled(resuming, 'Start')).toBeUndefined();
    expect(JSON.stringify(resuming.content)).toContain('You have answered 3 of its 11 questions.');
    const fresh = renderer.welcome({ ...sample.welcome, userName: '', hasProgress: false, answeredCount: 0 });
    expect(titled(fresh, 'Start')?.data).toEqual({ sg: 'command', command: 'start' });
    expect(submits(fresh).map((action) => action.title)).toEqual(['Start', 'Full path · 25 min', 'Help', 'My data']);
  });

  it('says which path the person is on and how long it takes, and how to choose another', () => {
    const card = renderer.welcome(sample.welcome);
    const text = JSON.stringify(card.content);
    expect(text).toContain('Your path: Short path, 11 questions, about 10 minutes.');
    expect(text).toContain('Culture, awareness, use cases, ambition and success metrics.');
    expect(text).toContain(
      '{"type":"TextRun","text":"Full path: 36 questions, about 25 minutes. Type ","isSubtle":true},{"type":"TextRun","text":"start full","weight":"bolder"}',
    );
    expect(titled(card, 'Full path · 25 min')?.data).toEqual({ sg: 'command', command: 'start', path: 'full' });
    const unstated = renderer.welcome({
      ...sample.welcome,
      path: { id: 'full', label: 'All questions', description: 'Every question.', questionCount: 36 },
      otherPaths: [],
    });
    expect(JSON.stringify(unstated.content)).toContain('Your path: All questions, 36 questions.');
    expect(submits(unstated).map((action) => action.title)).toEqual(['Resume', 'Help', 'My data']);
  });

  it('lists every typed command the bot recognises, and nothing it does not', () => {
    const facts = nodes(renderer.help(sample.help).content).filter(
      (node) => typeof node.title === 'string' && 'value' in node && !('type' in node),
    );
    const titles = facts.map((fact) => String(fact.title));
    const paths = sample.help.paths.map((path) => `start ${path.id}`);
    // The strategy documents are recognised with the leaders' commands (the router asks those first).
    const recognised = (text: string) => recognizeCommand({ text }) ?? recognizeLeaderCommand({ text })?.kind;
    for (const title of titles.filter((candidate) => !paths.includes(candidate)))
      expect([title, recognised(title)]).toEqual([title, title]);
    for (const title of paths) {
      expect(titles).toContain(title);
      expect(recognizePathRequest({ text: title })).toEqual({ path: title.slice('start '.length), typed: true });
    }
    expect(String(facts[titles.indexOf('start full')].value)).toBe(
      'Full path: 36 questions, about 25 minutes. Your answers so far are kept.',
    );
    const onePath = nodes(renderer.help({ ...sample.help, paths: sample.help.paths.slice(0, 1) }).content);
    expect(onePath.some((node) => node.title === 'start short')).toBe(false);
    const commands = ['start', 'resume', 'back', 'skip', 'summary', 'review', 'help', 'my data', 'export'];
    for (const command of [...commands, 'delete my data', 'cancel', 'pulse', 'my strategy document'])
      expect(titles).toContain(command);
    expect(String(facts[titles.indexOf('pulse')].value)).toMatch(/team channel/);
    expect(submits(renderer.help(sample.help)).map((action) => action.data)).toEqual([
      { sg: 'command', command: 'start' },
      { sg: 'command', command: 'summary' },
      { sg: 'command', command: 'my data' },
    ]);
  });
});

describe('CardRenderer: question', () => {
  it('renders a rating as an expanded choice of 1-5 plus "dk", prefilled', () => {
    const card = renderer.question(sample.ratingQuestion);
    const answer = input(card, 'answer');
    expect(answer).toMatchObject({ type: 'Input.ChoiceSet', style: 'expanded', value: '4' });
    expect((answer?.choices as Node[]).map((choice) => choice.value)).toEqual(['1', '2', '3', '4', '5', 'dk']);
    expect((answer?.choices as Node[])[0].title).toBe('1 · Not at all');
    expect(JSON.stringify(card.content)).toContain('Business impact · 3 of 11');
  });

  it('renders single as compact, multi as multi-select with comma-joined prefill, text with limits', () => {
    expect(input(renderer.question(sample.singleQuestion), 'answer')).toMatchObject({ style: 'compact', value: '' });
    expect(input(renderer.question(sample.multiQuestion), 'answer')).toMatchObject({
      isMultiSelect: true,
      value: 'training,workshops',
    });
    expect(input(renderer.question(sample.textQuestion), 'answer')).toMatchObject({
      type: 'Input.Text',
      isMultiline: true,
      maxLength: 2000,
      value: 'Fewer manual reports;\nmore time with customers.',
    });
    const short = renderer.question({ ...sample.textQuestion, input: { kind: 'text', long: false, maxLength: 200 } });
    expect(input(short, 'answer')).toMatchObject({ isMultiline: false, maxLength: 200, value: '' });
  });

  it('sends answer and navigation submits with the question id and token, Back only when possible', () => {
    const ids = { questionId: 'bi.industry.impact', token: 'k7Yc1-3fQ' };
    const card = renderer.question(sample.ratingQuestion);
    expect(submits(card).map((action) => action.title)).toEqual(['Next', 'Back', 'Skip', 'Save & exit']);
    expect(titled(card, 'Next')?.data).toEqual({ sg: 'answer', ...ids });
    for (const [title, nav] of [
      ['Back', 'back'],
      ['Skip', 'skip'],
      ['Save & exit', 'exit'],
    ]) {
      expect(titled(card, title)).toMatchObject({ data: { sg: 'nav', nav, ...ids } });
    }
    expect(titled(renderer.question(sample.singleQuestion), 'Back')).toBeUndefined();
  });

  it('Next, Back and Save & exit carry the typed answer and none is blocked by an empty form; Skip carries nothing', () => {
    const ids = { questionId: 'bi.industry.impact', token: 'k7Yc1-3fQ' };
    for (const view of [sample.ratingQuestion, sample.multiQuestion, sample.textQuestion]) {
      const unanswered = Object.entries(view.input).filter(([key]) => key !== 'value' && key !== 'values');
      const card = renderer.question({ ...view, input: Object.fromEntries(unanswered) } as typeof view);
      expect(input(card, 'answer')?.value || '').toBe('');
      expect(nodes(card.content).filter((node) => node.isRequired !== undefined)).toEqual([]);
      for (const title of ['Next', 'Back', 'Save & exit'])
        expect(pressButton(card.content, title)).toMatchObject({ sent: true });
    }
    const card = renderer.question(sample.ratingQuestion).content;
    expect(pressButton(card, 'Save & exit', { answer: '2' })).toEqual({
      sent: true,
      value: { sg: 'nav', nav: 'exit', ...ids, answer: '2' },
    });
    expect(pressButton(card, 'Back', { answer: '2' })).toEqual({
      sent: true,
      value: { sg: 'nav', nav: 'back', ...ids, answer: '2' },
    });
    expect(pressButton(card, 'Skip', { answer: '2' })).toEqual({
      sent: true,
      value: { sg: 'nav', nav: 'skip', ...ids },
    });
  });
});

describe('CardRenderer: rows', () => {
  it('lists rows with Remove, and offers new-row inputs with "your own" entries', () => {
    const card = renderer.rows(sample.rowsPage1);
    const ids = { questionId: 'sm.metrics', token: 'k7Yc1-3fQ' };
    expect(titled(card, 'Remove')).toMatchObject({
      associatedInputs: 'none',
      data: { sg: 'rows', rowAction: 'remove', rowIndex: 0, ...ids },
    });
    expect(input(card, 'field.goal')).toMatchObject({
      type: 'Input.ChoiceSet',
      style: 'compact',
      label: 'Business goal',
    });
    expect((input(card, 'field.goal')?.choices as Node[]).at(-1)).toEqual({
      title: 'My own goal (type below)',
      value: 'own',
    });
    expect(input(card, 'field.goal.own')).toMatchObject({ type: 'Input.Text', maxLength: 120 });
    expect(input(card, 'field.useCase')).toMatchObject({ label: 'For which use case? (optional)' });
    expect(titled(card, 'Add')?.data).toEqual({ sg: 'rows', rowAction: 'add', page: 1, ...ids });
    expect(titled(card, 'Done — next question')?.data).toEqual({ sg: 'rows', rowAction: 'done', ...ids });
    expect(
      submits(card)
        .filter((action) => !action.title?.toString().startsWith('Remove'))
        .map((action) => action.title),
    ).toEqual(['Add', 'Done — next question', 'Back', 'Skip', 'Save & exit']);
  });

  it('shows a line under each row that has a note (the recommended approach), and none under a row without', () => {
    const card = renderer.rows(sample.buildApproachRows);
    const runs = ofType(card, 'TextRun').map((run) => run.text);
    expect(runs).toEqual([
      '1. ',
      'Use case: Triage tickets · Who will use it: A business process',
      'Recommended: A low-code agent in Copilot Studio — Makers can build it without a development team.',
      '2. ',
      'Use case: Draft replies',
      'Your earlier choice: Buy a SaaS solution',
    ]);
    const withoutNotes = renderer.rows({ ...sample.buildApproachRows, rows: [{ text: 'Use case: Triage tickets' }] });
    expect(ofType(withoutNotes, 'TextRun').map((run) => run.text)).toEqual(['1. ', 'Use case: Triage tickets']);
  });

  it('shows the page-1 choices as read-only context on page 2', () => {
    const card = renderer.rows(sample.rowsPage2);
    const runs = ofType(card, 'TextRun').map((run) => run.text);
    expect(runs).toEqual(expect.arrayContaining(['Business goal: ', 'Customer satisfaction']));
    expect(titled(card, 'Add')?.data).toMatchObject({ page: 2 });
    expect(input(card, 'field.baseline')).toMatchObject({ type: 'Input.Text', label: 'Baseline', maxLength: 120 });
  });

  it('Done, Back and Save & exit carry a typed row as Add does, none is blocked by an empty form: the bot checks required fields', () => {
    const card = renderer.rows(sample.rowsPage1).content;
    const ids = { questionId: 'sm.metrics', token: 'k7Yc1-3fQ' };
    expect(nodes(card).filter((node) => node.isRequired !== undefined || node.errorMessage !== undefined)).toEqual([]);
    expect(pressButton(card, 'Done — next question')).toEqual({
      sent: true,
      value: { sg: 'rows', rowAction: 'done', ...ids },
    });
    expect(pressButton(card, 'Done — next question', { 'field.goal': 'csat', 'field.useCase': '1' })).toEqual({
      sent: true,
      value: { sg: 'rows', rowAction: 'done', ...ids, 'field.goal': 'csat', 'field.useCase': '1' },
    });
    expect(pressButton(card, 'Add', { 'field.useCase': '1' })).toMatchObject({ sent: true });
    for (const [title, nav] of [
      ['Back', 'back'],
      ['Save & exit', 'exit'],
    ])
      expect(pressButton(card, title, { 'field.goal': 'csat' })).toEqual({
        sent: true,
        value: { sg: 'nav', nav, ...ids, 'field.goal': 'csat' },
      });
    expect(pressButton(card, 'Skip', { 'field.goal': 'csat' })).toEqual({
      sent: true,
      value: { sg: 'nav', nav: 'skip', ...ids },
    });
  });

  it('shows a row typed earlier in its inputs again, own entries included', () => {
    const card = renderer.rows({
      ...sample.rowsPage2,
      fields: sample.rowsPage2.fields.map((field) =>
        field.kind === 'choice' && field.own
          ? { ...field, value: 'own', own: { ...field.own, value: 'Tickets closed a day' } }
          : field.kind === 'text'
            ? { ...field, value: `typed ${field.id}` }
            : field,
      ),
    });
    expect(input(card, 'field.metric')).toMatchObject({ value: 'own' });
    expect(input(card, 'field.metric.own')).toMatchObject({ value: 'Tickets closed a day' });
    expect(input(card, 'field.target')).toMatchObject({ value: 'typed target' });
    expect(validateCard(card.content)).toEqual([]);
  });

  it('renders a consent field as a toggle that starts on, labelled as the pack says, and keeps it off when shown again', () => {
    const card = renderer.rows(sample.useCaseRows);
    expect(validateCard(card.content)).toEqual([]);
    expect(input(card, 'field.share')).toEqual(
      expect.objectContaining({
        type: 'Input.Toggle',
        title: 'Share this idea with leaders (without my name)',
        valueOn: 'true',
        valueOff: 'false',
        value: 'true',
      }),
    );
    // Teams sends the toggle with the other inputs; left alone it says yes, switched off it says no.
    expect(pressButton(card, 'Add', { 'field.title': 'Triage' })).toMatchObject({ value: { 'field.share': 'true' } });
    expect(pressButton(card, 'Add', { 'field.share': 'false' })).toMatchObject({ value: { 'field.share': 'false' } });
    expect(() => pressButton(card, 'Add', { 'field.share': 'yes' })).toThrow(/not a value of "field.share"/);
    const off = renderer.rows({
      ...sample.useCaseRows,
      fields: sample.useCaseRows.fields.map((field) => (field.kind === 'toggle' ? { ...field, value: false } : field)),
    });
    expect(input(off, 'field.share')).toMatchObject({ value: 'false' });
  });

  it('renders rating fields and hides inputs and Add once the rows are full', () => {
    const open = renderer.rows(sample.useCaseRows);
    expect((input(open, 'field.value')?.choices as Node[]).map((choice) => choice.value)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      'dk',
    ]);
    const full = renderer.rows({ ...sample.useCaseRows, rows: [{ text: 'A' }, { text: 'B' }], maxRows: 2 });
    expect(nodes(full.content).filter((node) => String(node.type).startsWith('Input.'))).toEqual([]);
    expect(titled(full, 'Add')).toBeUndefined();
    expect(titled(full, 'Done — next question')).toBeDefined();
    expect(validateCard(full.content)).toEqual([]);
  });
});

describe('CardRenderer: review, summary, my data, confirm delete, notice', () => {
  it('review groups answers by section with Edit per question', () => {
    const card = renderer.review(sample.review);
    expect(
      submits(card)
        .filter((action) => action.title === 'Edit')
        .map((action) => action.data),
    ).toEqual([
      { sg: 'edit', questionId: 'bi.industry.impact' },
      { sg: 'edit', questionId: 'bi.adapt.employees' },
      { sg: 'edit', questionId: 'uc.candidates' },
    ]);
    expect(titled(card, 'Continue')?.data).toEqual({ sg: 'command', command: 'resume' });
    expect(titled(card, 'My summary')?.data).toEqual({ sg: 'command', command: 'summary' });
  });

  it('summary has the lists, a metrics table, a chart with a text fallback, readiness lines and three recommendations', () => {
    const card = renderer.summary(sample.summary);
    const table = ofType(card, 'Table')[0];
    expect((table.rows as Node[]).length).toBe(3);
    const chart = ofType(card, 'Chart.HorizontalBar')[0];
    expect(chart.data).toEqual([
      { x: 'Business impact', y: 3.4 },
      { x: 'Leadership buy-in', y: 2.3 },
    ]);
    expect(JSON.stringify(chart.fallback)).toContain('"3.4"');
    expect(JSON.stringify(chart.fallback)).toContain('Exploring');
    const facts = nodes(card.content).filter((node) => node.title === 'Benefits and awareness');
    expect(facts[0].value).toBe('– · Not rated');
    const text = JSON.stringify(card.content);
    expect(text).toContain('Pick two use cases');
    expect(text).not.toContain('fourth recommendation');
    expect(submits(card).map((action) => action.data)).toEqual([
      { sg: 'command', command: 'review' },
      { sg: 'command', command: 'my data' },
    ]);
    expect(ofType(card, 'Action.OpenUrl')).toEqual([]);
  });

  it('summary links to each next step the pack names, under a heading, and only to https addresses', () => {
    const strategy = { title: 'Shape the AI strategy (CAF)', url: 'https://learn.microsoft.com/azure/caf/ai/strategy' };
    const plan = { title: 'Plan AI adoption (CAF)', url: 'https://learn.microsoft.com/azure/caf/ai/plan' };
    const card = renderer.summary({ ...sample.summary, nextSteps: [strategy, plan] });
    expect(validateCard(card.content)).toEqual([]);
    expect(ofType(card, 'Action.OpenUrl')).toEqual([expect.objectContaining(strategy), expect.objectContaining(plan)]);
    expect(ofType(card, 'TextBlock').map((block) => block.text)).toContain('Next steps');
    for (const url of ['http://example.com/', 'javascript:alert(1)', 'not a url']) {
      const links = ofType(
        renderer.summary({ ...sample.summary, nextSteps: [{ ...plan, url }, strategy] }),
        'Action.OpenUrl',
      );
      expect(links).toEqual([expect.objectContaining(strategy)]);
    }
    const none = renderer.summary({ ...sample.summary, nextSteps: [{ ...plan, url: 'http://example.com/' }] });
    expect(ofType(none, 'TextBlock').map((block) => block.text)).not.toContain('Next steps');
  });

  it("summary lists the person's use cases with their details and whether each is shared", () => {
    const card = renderer.summary(sample.summary);
    expect(validateCard(card.content)).toEqual([]);
    const runs = ofType(card, 'TextRun').map((run) => run.text);
    expect(runs).toEqual(
      expect.arrayContaining([
        'Draft replies to customer emails',
        'Business value: 4 – High · Feasibility: 5 – Very high · Business goal: Customer satisfaction',
        'Summarise incident reports',
        'Business goal: Fewer night shifts',
      ]),
    );
    const blocks = ofType(card, 'TextBlock').map((block) => block.text);
    expect(blocks).toEqual(expect.arrayContaining(['Your use cases', 'Shared with leaders, without your name']));
    expect(blocks).toContain('Not shared with leaders');
    expect(blocks).not.toContain('No use cases yet.');
    const empty = renderer.summary({ ...sample.summary, useCases: [] });
    expect(ofType(empty, 'TextBlock').map((block) => block.text)).toContain('No use cases yet.');
    // A pack that does not ask for consent says nothing about sharing.
    const unasked = renderer.summary({ ...sample.summary, useCases: [{ title: 'Triage tickets', details: '' }] });
    expect(JSON.stringify(unasked.content)).not.toMatch(/[Ss]hared with leaders/);
  });

  it('my data shows the pack, the update time and every answer, with export and delete', () => {
    const card = renderer.myData(sample.myData);
    const text = JSON.stringify(card.content);
    expect(text).toContain('caf-genai-strategy, version 1.0.0');
    expect(text).toContain('Thu 12 Nov, 15:05 Berlin time');
    expect(text).toContain('"title":"Pulse answers","value":"2 (of 3 pulses addressed to you)"');
    expect(text).toContain('"title":"Leadership digest","value":"weekly"');
    expect(ofType(card, 'TextRun').length).toBe(4);
    expect(submits(card).map((action) => action.data)).toEqual([
      { sg: 'command', command: 'export' },
      { sg: 'command', command: 'delete my data' },
    ]);
  });

  it('confirm delete carries the token on both buttons', () => {
    const card = renderer.confirmDelete(sample.confirmDelete);
    expect(submits(card).map((action) => action.data)).toEqual([
      { sg: 'confirmDelete', confirm: true, token: 'del-9f2c' },
      { sg: 'confirmDelete', confirm: false, token: 'del-9f2c' },
    ]);
    expect(JSON.stringify(card.content)).toContain('your answers (7)');
  });

  it('notice has an optional single button', () => {
    expect(submits(renderer.notice(sample.notice)).map((action) => action.data)).toEqual([
      { sg: 'command', command: 'help' },
    ]);
    expect(submits(renderer.notice({ title: 'Saved', message: 'Done.' }))).toEqual([]);
  });
});

describe('CardRenderer: templates are shared, renders are not', () => {
  it('renders the same card for different data independently, and a change to one result touches no other', () => {
    const first = renderer.question(sample.ratingQuestion);
    const second = renderer.question({ ...sample.ratingQuestion, questionId: 'other.question', token: 'other-token' });
    expect(titled(first, 'Next')?.data).toMatchObject({ questionId: 'bi.industry.impact', token: 'k7Yc1-3fQ' });
    expect(titled(second, 'Next')?.data).toMatchObject({ questionId: 'other.question', token: 'other-token' });
    (first.content as { body: unknown[] }).body.length = 0;
    expect((renderer.question(sample.ratingQuestion).content as { body: unknown[] }).body.length).toBeGreaterThan(0);
  });

  it('draws a chart with a single rated section', () => {
    const card = renderer.summary({
      ...sample.summary,
      readiness: [{ section: 'Business impact', mean: 4, stage: 'Scaling' }],
    });
    expect(validateCard(card.content)).toEqual([]);
    expect(ofType(card, 'Chart.HorizontalBar')[0].data).toEqual([{ x: 'Business impact', y: 4 }]);
    expect(JSON.stringify(card.content)).toContain('4.0 · Scaling');
  });
});
