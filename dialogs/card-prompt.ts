import type { Activity, TurnContext } from 'botbuilder';
import {
  Prompt,
  type PromptOptions,
  type PromptRecognizerResult,
  type PromptValidatorContext,
} from 'botbuilder-dialogs';
import type { RowValue } from '../src/domain/answers';
import { readSubmit } from '../src/strategy/read-submit';
import type { SubmitOutcome } from '../src/strategy/submit';
import type { DialogDeps } from './dialog-deps';
import { StaleSessionSuspected } from '../src/strategy/turn-unit';
import { turnUnitOf } from './turn-state';

/** What a card prompt checks a reply against; kept in dialog state, so plain JSON. */
export interface CardExpectation {
  questionId: string;
  token: string;
  /** Page-one values of a row in progress (rows cards, page two). */
  pendingRow?: RowValue;
}

/** Options for CardPrompt: the card to send and what a reply to it must match. */
export interface CardPromptOptions extends PromptOptions {
  prompt: Partial<Activity>;
  validations: CardExpectation;
}

/**
 * Waits for a reply to a question card. Accepts Adaptive Card submits (and typed text where that makes sense),
 * checks them against the content pack, and re-sends the card with a kind word when a reply is stale, forged or
 * not acceptable. The outcome it returns has passed every check.
 */
export class CardPrompt extends Prompt<SubmitOutcome> {
  static readonly id = 'cardPrompt';

  constructor(private readonly deps: Pick<DialogDeps, 'index' | 'pack'>) {
    super(CardPrompt.id, CardPrompt.explainRejection);
  }

  protected async onPrompt(
    context: TurnContext,
    _state: object,
    options: PromptOptions,
    isRetry: boolean,
  ): Promise<void> {
    const card = isRetry && options.retryPrompt ? options.retryPrompt : options.prompt;
    if (card) await context.sendActivity(card);
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
