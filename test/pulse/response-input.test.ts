import { checkResponse } from '../../src/pulse/response-input';
import { openPulse } from '../storage/embedded-containers';

const pulse = openPulse('t1');

describe('checkResponse (a pulse card submit, as if forged)', () => {
  it('keeps a comment that shows something, and stores none for one of spaces or zero-width characters', () => {
    expect(checkResponse({ 'answer.q1': 'a', comment: ' More time to try it\u200b ' }, pulse, 500)).toEqual({
      ok: true,
      answers: { q1: 'a' },
      comment: 'More time to try it\u200b',
    });
    for (const blank of ['   ', '\u200b\u200c\u200d', '\ufeff\u2060 \u3164'])
      expect(checkResponse({ 'answer.q1': 'a', comment: blank }, pulse, 500)).toEqual({
        ok: true,
        answers: { q1: 'a' },
        comment: undefined,
      });
  });

  it('refuses a comment on a pulse that takes none, and a missing answer', () => {
    const noComments = { ...pulse, allowComment: false };
    expect(checkResponse({ 'answer.q1': 'a', comment: 'hi' }, noComments, 500)).toMatchObject({ ok: false });
    expect(checkResponse({ comment: 'hi' }, pulse, 500)).toMatchObject({ ok: false });
  });
});
