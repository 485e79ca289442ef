import { answerFor, fillRow, rowsFingerprint, seedOf, sentFingerprint } from './answers';
import {
  adaptiveCards,
  cardTexts,
  lastPrompt,
  messageTexts,
  type CardInput,
  type QuestionPrompt,
  type RowsPrompt,
} from './card-reader';
import { pressedValue } from './press-button';
import type { TurnClient, TurnResult } from './turn-client';

/** Replies that mean the bot did not keep what the user sent. */
const FAILURE_REPLIES = ['something went wrong', 'crossed with another change'];
/** Far more turns than the questionnaire needs; a user still going after this is stuck in a loop. */
const MAX_TURNS = 400;

export interface UserRun {
  /** Question id → fingerprint of the answer the bot accepted (see answers.ts). */
  expected: Map<string, string>;
  /** One label per turn, in order (what kind of turn it was). */
  log: string[];
  /** Answers the bot sent back for correction; each was retried once. */
  rejected: number;
  errors: string[];
  /** The summary card arrived. */
  finished: boolean;
}

/** One user: types "start", then answers whatever card comes next until the summary card arrives. */
export async function completeQuestionnaire(client: TurnClient, userSeed: number): Promise<UserRun> {
  const run: UserRun = { expected: new Map(), log: [], rejected: 0, errors: [], finished: false };
  const rowsAdded = new Map<string, number>();

  const turn = async (
    labelOf: string | ((result: TurnResult) => string),
    send: () => Promise<TurnResult>,
  ): Promise<TurnResult> => {
    const result = await send();
    const label = typeof labelOf === 'string' ? labelOf : labelOf(result);
    run.log.push(label);
    if (result.status !== 200) run.errors.push(`HTTP ${result.status} on "${label}"`);
    const failure = messageTexts(result.activities).find((text) =>
      FAILURE_REPLIES.some((phrase) => text.toLowerCase().includes(phrase)),
    );
    if (failure) run.errors.push(`bot replied "${failure}" on "${label}"`);
    return result;
  };

  const answerQuestion = async (prompt: QuestionPrompt): Promise<TurnResult> => {
    const { input, questionId } = prompt;
    const seed = seedOf(userSeed, questionId);
    const answer = input ? answerFor(input, seed) : undefined;
    if (!input || answer === undefined) throw new Error(`question ${questionId}: no input to answer on the card`);
    let sent = answer;
    const errorsBefore = run.errors.length;
    let reply = await turn(`answer (${inputKind(input)})`, () =>
      client.submit(pressedValue(prompt.card, 'Next', { answer })),
    );
    if (isSameCard(reply, prompt)) {
      run.rejected += 1;
      sent = answerFor(input, seed, true) ?? answer;
      reply = await turn('answer again after rejection', () =>
        client.submit(pressedValue(prompt.card, 'Next', { answer: sent })),
      );
      if (isSameCard(reply, prompt)) run.errors.push(`question ${questionId}: answer "${sent}" rejected twice`);
    }
    // An answer the bot said it could not keep ("please try again") is not one the user expects to find stored.
    if (run.errors.length === errorsBefore) run.expected.set(questionId, sentFingerprint(sent));
    return reply;
  };

  const workRows = async (prompt: RowsPrompt): Promise<TurnResult> => {
    const { questionId } = prompt;
    const added = rowsAdded.get(questionId) ?? 0;
    if (prompt.rowCount !== added)
      run.errors.push(`question ${questionId}: card shows ${prompt.rowCount} rows, ${added} were added`);
    const seed = seedOf(userSeed, questionId, added);
    const wanted = 1 + (seedOf(userSeed, questionId) % 2);
    if (prompt.add && (prompt.page > 1 || added < wanted)) {
      const fields = fillRow(prompt.inputs, seed);
      const reply = await turn(
        (result) => rowsAddLabel(rowStored(result, prompt), prompt.page, added),
        () => client.submit(pressedValue(prompt.card, 'Add', fields)),
      );
      if (rowStored(reply, prompt)) rowsAdded.set(questionId, added + 1);
      else if (isSameCard(reply, prompt))
        run.errors.push(`question ${questionId}: row rejected (${messageTexts(reply.activities).join(' / ')})`);
      return reply;
    }
    const reply = await turn('rows: done', () => client.submit(pressedValue(prompt.card, 'Done — next question')));
    if (added > 0) run.expected.set(questionId, rowsFingerprint(added));
    return reply;
  };

  // Every question (the full path), as the recorded figures in docs/benchmarks.md were made before paths existed.
  let reply = await turn('start', () => client.say('start full'));
  while (run.errors.length === 0 && run.log.length < MAX_TURNS) {
    const prompt = lastPrompt(reply.activities);
    if (!prompt) {
      run.finished = cardTexts(adaptiveCards(reply.activities)).some((text) => /success metrics/i.test(text));
      if (!run.finished)
        run.errors.push(
          `no question and no summary card after "${run.log.at(-1)}": ${messageTexts(reply.activities).join(' / ')}`,
        );
      return run;
    }
    reply = prompt.kind === 'question' ? await answerQuestion(prompt) : await workRows(prompt);
  }
  if (run.errors.length === 0) run.errors.push(`still not finished after ${MAX_TURNS} turns`);
  return run;
}

function rowsAddLabel(stored: boolean, page: number, addedBefore: number): string {
  if (!stored) return `rows: page ${page} of a row`;
  return addedBefore === 0 ? 'rows: add first row' : 'rows: add another row';
}

/** A fresh page one of the same rows card: the row was complete and has been stored. */
function rowStored(reply: TurnResult, prompt: RowsPrompt): boolean {
  const next = lastPrompt(reply.activities);
  return (
    next?.kind === 'rows' && next.questionId === prompt.questionId && next.page === 1 && next.token !== prompt.token
  );
}

/** The bot re-sent the same card (same one-time token): it did not accept the reply. */
function isSameCard(reply: TurnResult, prompt: QuestionPrompt | RowsPrompt): boolean {
  const next = lastPrompt(reply.activities);
  return next !== undefined && next.questionId === prompt.questionId && next.token === prompt.token;
}

function inputKind(input: CardInput): string {
  if (input.kind === 'text') return 'text';
  if (input.multi) return 'multi-select';
  return input.choices.includes('dk') ? 'rating' : 'single choice';
}
