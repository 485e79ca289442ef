/**
 * Typed commands are short; a long message is never one. Every turn asks up to three readers whether the text is a
 * command (the commands, the leadership commands, back/skip on a free-text question); the end-punctuation regex they
 * shared, /[.!]+$/, backtracked over the whole message (quadratic: 28,000 dots and an "x" took about 0.5 s per call).
 * The results are asserted here; `npm run bench:text` prints the time against the old regex.
 */
import { ContentIndex } from '../../src/content/content-index';
import { loadContentPack } from '../../src/content/load-content-pack';
import { recognizeLeaderCommand } from '../../src/leadership/leader-commands';
import { normalizeTyped, recognizeCommand, recognizePathRequest } from '../../src/strategy/commands';
import { readSubmit } from '../../src/strategy/read-submit';

const HUNDRED_KB = 100 * 1024;
const pack = loadContentPack();
const textQuestion = new ContentIndex(pack).find('bi-innovation-areas')!.question;

/** Typed text sent while the free-text question is open. */
const typedOnTextQuestion = (text: string) =>
  readSubmit(textQuestion, { questionId: textQuestion.id, token: 't' }, { text }, { pack, answers: {} });

describe('typed commands', () => {
  it.each([
    ['help', 'help'],
    ['Help!', 'help'],
    ['  RESUME...  ', 'resume'],
    ['<at>Strategy Guide</at> pulse!!', 'pulse'],
    ['<at>Strategy Guide</at>   delete   my data.', 'delete my data'],
    ['skip !', 'skip'],
  ])('%j is recognised as %s (mention, case, spaces and end punctuation ignored)', (text, command) => {
    expect(recognizeCommand({ text })).toBe(command);
  });

  it('leadership commands and back/skip on a free-text question read the same way', () => {
    expect(recognizeLeaderCommand({ text: '<at>Strategy Guide</at> Team Summary.' })).toEqual({ kind: 'team summary' });
    expect(recognizeLeaderCommand({ text: 'grant leader 0a1b2c3d-0000-4000-8000-00000000abcd!' })).toEqual({
      kind: 'role',
      role: 'leader',
      userId: '0a1b2c3d-0000-4000-8000-00000000abcd',
      granted: true,
    });
    expect(typedOnTextQuestion('Skip!')).toEqual({ type: 'nav', nav: 'skip' });
    expect(typedOnTextQuestion('Faster proposals!')).toEqual({
      type: 'answer',
      value: { kind: 'text', text: 'Faster proposals!' },
    });
  });
});

describe('choosing a path', () => {
  it.each([
    ['start full', 'full'],
    ['Start Short!', 'short'],
    ['<at>Strategy Guide</at>  start   full.', 'full'],
    ['start the full path', 'full'],
    ['start short path', 'short'],
    ['start fulll', 'fulll'],
  ])('%j asks for the path %s (whether the pack has it is checked later)', (text, path) => {
    expect(recognizePathRequest({ text })).toEqual({ path, typed: true });
    expect(recognizeCommand({ text })).toBeUndefined();
  });

  it.each(['start', 'start small pilots', 'restart full', 'full', 'start full now', 'start Full-Path!?'])(
    '%j is not a path choice',
    (text) => {
      expect(recognizePathRequest({ text })).toBeUndefined();
    },
  );

  it('reads a Start button that carries a path, and a forged path as no path at all', () => {
    expect(recognizePathRequest({ value: { sg: 'command', command: 'start', path: 'full' } })).toEqual({
      path: 'full',
      typed: false,
    });
    for (const path of [42, null, 'FULL', '../full', 'x'.repeat(65), { id: 'full' }])
      expect(recognizePathRequest({ value: { sg: 'command', command: 'start', path } })).toEqual({
        path: null,
        typed: false,
      });
    expect(recognizePathRequest({ value: { sg: 'command', command: 'start' } })).toBeUndefined();
    expect(recognizePathRequest({ value: { sg: 'command', command: 'resume', path: 'full' } })).toBeUndefined();
    expect(recognizePathRequest({ value: 'start full' })).toBeUndefined();
  });
});

describe('100 KB of punctuation', () => {
  const shapes: [string, string][] = [
    ['dots and an x', `${'.'.repeat(HUNDRED_KB)}x`],
    ['dots and exclamation marks and an x', `${'.!'.repeat(HUNDRED_KB / 2)}x`],
    ['a command followed by exclamation marks', `help${'!'.repeat(HUNDRED_KB)}`],
    ['a mention and dots', `<at>Strategy Guide</at> ${'.'.repeat(HUNDRED_KB)} x`],
  ];

  it.each(shapes)('%s: not a command (too long to be one), and read as nothing', (_name, text) => {
    expect(normalizeTyped(text)).toBe('');
    expect(recognizeCommand({ text })).toBeUndefined();
    expect(recognizeLeaderCommand({ text })).toBeUndefined();
  });

  it.each(shapes)('%s on a free-text question: a clear "too long" message, not back or skip', (_name, text) => {
    const outcome = typedOnTextQuestion(text);
    expect(outcome).toEqual({ type: 'invalid', message: expect.stringMatching(/characters; the limit here is 200/) });
  });
});
