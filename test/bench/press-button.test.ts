import { pressButton, pressedValue } from '../../scripts/bench/press-button';

const card = {
  type: 'AdaptiveCard',
  version: '1.5',
  body: [
    {
      type: 'Input.ChoiceSet',
      id: 'colour',
      label: 'Colour',
      isRequired: true,
      errorMessage: 'Pick a colour',
      choices: [
        { title: 'Red', value: 'red' },
        { title: 'Blue', value: 'blue' },
      ],
    },
    {
      type: 'Input.ChoiceSet',
      id: 'tags',
      isMultiSelect: true,
      choices: [
        { title: 'A', value: 'a' },
        { title: 'B', value: 'b' },
      ],
    },
    { type: 'Input.ChoiceSet', id: 'size', value: 'm', choices: [{ title: 'M', value: 'm' }] },
    { type: 'Input.Text', id: 'note', maxLength: 5 },
    {
      type: 'Container',
      items: [
        {
          type: 'ActionSet',
          actions: [{ type: 'Action.Submit', title: 'Nested', associatedInputs: 'none', data: { kind: 'nested' } }],
        },
      ],
    },
  ],
  actions: [
    { type: 'Action.Submit', title: 'Send', data: { kind: 'send', note: 'from data' } },
    { type: 'Action.Submit', title: 'Leave', associatedInputs: 'None', data: { kind: 'leave' } },
  ],
};

describe('pressButton: what a Teams client sends for a button', () => {
  it('sends only the data for associatedInputs "none", whatever was typed', () => {
    expect(pressButton(card, 'Leave', { colour: 'red', note: 'hi' })).toEqual({
      sent: true,
      value: { kind: 'leave' },
    });
    expect(pressButton(card, 'Nested')).toEqual({ sent: true, value: { kind: 'nested' } });
  });

  it('adds the non-empty input values to the data (an input wins over a data key), prefilled ones included', () => {
    expect(pressButton(card, 'Send', { colour: 'blue', tags: 'a,b', note: 'hi' })).toEqual({
      sent: true,
      value: { kind: 'send', colour: 'blue', tags: 'a,b', note: 'hi', size: 'm' },
    });
    expect(pressedValue(card, 'Send', { colour: 'red' })).toEqual({
      kind: 'send',
      note: 'from data',
      colour: 'red',
      size: 'm',
    });
  });

  it('is blocked by an empty required input, as Teams blocks it; pressedValue throws then', () => {
    expect(pressButton(card, 'Send', { note: 'hi' })).toEqual({ sent: false, blockedBy: ['colour'] });
    expect(pressButton(card, 'Send', { colour: '' })).toEqual({ sent: false, blockedBy: ['colour'] });
    expect(() => pressedValue(card, 'Send')).toThrow(/colour left empty/);
  });

  it('refuses what a person could not do: a missing button or input, a choice not offered, text past maxLength', () => {
    expect(() => pressButton(card, 'Nope')).toThrow(/no button "Nope"/);
    expect(() => pressButton(card, 'Send', { colour: 'red', answer: 'x' })).toThrow(/no input "answer"/);
    expect(() => pressButton(card, 'Send', { colour: 'green' })).toThrow(/"green" is not offered/);
    expect(() => pressButton(card, 'Send', { colour: 'red', tags: 'a,c' })).toThrow(/"c" is not offered/);
    expect(() => pressButton(card, 'Send', { colour: 'red', note: 'too long' })).toThrow(/at most 5 characters/);
  });
});
