import { CardRenderer, type CardAttachment } from '../../src/cards/card-renderer';
import { CardDataError } from '../../src/cards/safe-text';
import { recognizeCommand } from '../../src/strategy/commands';
import { unboundPlaceholders, validateCard } from './validate-card';

type Node = Record<string, unknown>;

function nodes(value: unknown): Node[] {
  if (Array.isArray(value)) return value.flatMap(nodes);
  if (typeof value !== 'object' || value === null) return [];
  return [value as Node, ...Object.values(value).flatMap(nodes)];
}
const submits = (card: CardAttachment) => nodes(card.content).filter((node) => node.type === 'Action.Submit');
const text = (card: CardAttachment) => JSON.stringify(card.content);

const renderer = new CardRenderer();

const cards: [string, () => CardAttachment][] = [
  ['invitation', () => renderer.invitation({ kind: 'invitation', minutesText: 'about 10 minutes' })],
  ['invitation without a stated length', () => renderer.invitation({ kind: 'invitation', minutesText: '' })],
  ['reminder', () => renderer.invitation({ kind: 'reminder', minutesText: 'about 10 minutes', questionsLeft: 4 })],
  [
    'invitation channel card',
    () =>
      renderer.invitationChannel({
        status: 'open',
        invitedText: '40',
        startedText: '12',
        finishedText: 'fewer than 5',
        threshold: 5,
      }),
  ],
  [
    'invitation team list',
    () =>
      renderer.invitationTeams({
        teams: [
          { value: '19:team-a@thread.tacv2', title: 'Finance' },
          { value: '19:team-b@thread.tacv2', title: 'Team 2' },
        ],

        error: 'Pick teams from the list.',
      }),
  ],
];

describe('invitation cards', () => {
  it.each(cards)('%s is a valid 1.5 card with every placeholder bound', (_name, render) => {
    const card = render();
    expect(validateCard(card.content)).toEqual([]);
    expect(unboundPlaceholders(card.content)).toEqual([]);
    for (const action of submits(card)) expect(String(action.title).length).toBeLessThanOrEqual(24);
    for (const node of nodes(card.content).filter((n) => n.isRequired === true)) {
      expect(node.label).toEqual(expect.any(String));
      expect(node.errorMessage).toEqual(expect.any(String));
    }
  });

  it('the invitation starts the walk and offers the opt-out; the reminder resumes it and offers its own', () => {
    const invitation = renderer.invitation({ kind: 'invitation', minutesText: 'about 10 minutes' });
    expect(text(invitation)).toContain('Help shape our AI strategy');
    expect(text(invitation)).toContain('about 10 minutes');
    expect(submits(invitation).map((action) => action.data)).toEqual([
      { sg: 'command', command: 'start' },
      { sg: 'command', command: 'stop invitations' },
    ]);
    const reminder = renderer.invitation({ kind: 'reminder', minutesText: '', questionsLeft: 1 });
    expect(text(reminder)).toContain('One question is left');
    expect(submits(reminder).map((action) => action.data)).toEqual([
      { sg: 'command', command: 'resume' },
      { sg: 'command', command: 'stop reminders' },
    ]);
    // Every button is a command the bot recognises.
    for (const action of [...submits(invitation), ...submits(reminder)])
      expect(recognizeCommand({ value: action.data })).toBe((action.data as { command: string }).command);
  });

  it('the channel card shows the figures as given and names no one', () => {
    const card = renderer.invitationChannel({
      status: 'sending',
      invitedText: 'fewer than 5',
      startedText: 'fewer than 5',
      finishedText: 'fewer than 5',
      threshold: 5,
    });
    expect(text(card)).toContain('"title":"Invited","value":"fewer than 5"');
    expect(text(card)).toContain('No names, ever');
    expect(submits(card)).toEqual([]);
  });

  it('team names are data: template syntax in one stays literal, a forged choice value is refused', () => {
    const card = renderer.invitationTeams({ teams: [{ value: 'team-1', title: '${teams} team' }] });
    expect(text(card)).toContain('${teams} team');
    expect(() => renderer.invitationTeams({ teams: [{ value: 'a b,c', title: 'x' }] })).toThrow(CardDataError);
    expect(() => renderer.invitation({ kind: 'bogus' as 'invitation', minutesText: '' })).toThrow(CardDataError);
  });
});
