import { MessageFactory, type TurnContext } from 'botbuilder';
import {
  Prompt,
  type PromptOptions,
  type PromptRecognizerResult,
  type PromptValidatorContext,
} from 'botbuilder-dialogs';
import type { RowValue } from '../src/domain/answers';
import { questionView, rowsView } from '../src/strategy/card-views';
import { readSubmit } from '../src/strategy/read-submit';
import type { SubmitOutcome } from '../src/strategy/submit';
import type { DialogDeps } from './dialog-deps';
import { StaleSessionSuspected } from '../src/strategy/turn-unit';
import { turnUnitOf } from '../src/bot/turn-state';
import { refOnPath } from './turn-path';

/**
 * The card a prompt shows and what a reply to it must match. Kept in dialog state (stored with the session every
 * turn), so it holds only what rebuilds the card, never the card itself.
 */
export interface CardExpectation {
  questionId: string;
  token: string;
  canGoBack: boolean;
  /** Rows cards: which page of a new row, page one's values while on page two, and a typed row to show again. */
  page?: 1 | 2;
  pendingRow?: RowValue;
  draft?: RowValue;
}

/** Options for CardPrompt: what to ask and what a reply must match. */
export interface CardPromptOptions extends PromptOptions {
  validations: CardExpectation;
}

/**
 * Waits for a reply to a question card. Accepts Adaptive Card submits (and typed text where that makes sense),
 * checks them against the content pack, and re-sends the card with a kind word when a reply is stale, forged or
 * not acceptable. The outcome it returns has passed every check.
 */
export class CardPrompt extends Prompt<SubmitOutcome> {
  static readonly id = 'cardPrompt';

  constructor(private readonly deps: Pick<DialogDeps, 'index' | 'pack' | 'cards'>) {
    super(CardPrompt.id, CardPrompt.explainRejection);
  }

  /** Sends the question or rows card, rendered from the current answers (so a re-prompt shows them too). */
  protected async onPrompt(context: TurnContext, _state: object, options: PromptOptions): Promise<void> {
    const expected = options.validations as CardExpectation;
    const found = this.deps.index.find(expected.questionId);
    if (!found) return;
    const ref = refOnPath(context, this.deps.index, found);
    const { answers } = turnUnitOf(context).session.doc;
    const { token, canGoBack, page = 1, pendingRow, draft } = expected;
    const { pack, cards } = this.deps;
    const card =
      ref.question.kind === 'rows'
        ? cards.rows(
            rowsView({ ...ref, question: ref.question }, token, canGoBack, pack, answers, { page, pendingRow, draft }),
          )
        : cards.question(questionView(ref, token, canGoBack, pack, answers));
    await context.sendActivity(MessageFactory.attachment(card));
  }

  protected async onRecognize(
    context: TurnContext,
    _state: object,
    options: PromptOptions,
  ): Promise<PromptRecognizerResult<SubmitOutcome>> {
    const { activity } = context;
    const expected = options.validations as CardExpectation;
    const ref = this.deps.index.find(expected.questionId);
    if (activity.type !== 'message' || !ref) return { succeeded: false };
    const outcome = readSubmit(
      ref.question,
      expected,
      { text: activity.text, value: activity.value },
      { pack: this.deps.pack, answers: turnUnitOf(context).session.doc.answers, pendingRow: expected.pendingRow },
    );
    return { succeeded: true, value: outcome };
  }

  private static async explainRejection(prompt: PromptValidatorContext<SubmitOutcome>): Promise<boolean> {
    const outcome = prompt.recognized.value;
    if (!prompt.recognized.succeeded || !outcome) return false;
    if (outcome.type === 'invalid') {
      // The card is sent again with the same token, so the one the person has in front of them still works too.
      if (outcome.draft) (prompt.options.validations as CardExpectation).draft = outcome.draft;
      await prompt.context.sendActivity(outcome.message);
      return false;
    }
    if (outcome.type === 'stale') {
      if (turnUnitOf(prompt.context).session.fromCache)
        throw new StaleSessionSuspected('stale submit against a cached session');
      await prompt.context.sendActivity(
        "That card isn't the current one any more, so I haven't used it. Here's where you are:",
      );
      return false;
    }
    return true;
  }
}
