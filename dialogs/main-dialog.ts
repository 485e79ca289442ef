import { MessageFactory } from 'botbuilder';
import { ComponentDialog, Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { recognizeCommand, recognizePathRequest, type Command, type PathRequest } from '../src/strategy/commands';
import { pathChosenReply, unknownPathReply } from '../src/strategy/path-replies';
import { isRecord, type UserInput } from '../src/strategy/submit';
import { StaleSessionSuspected } from '../src/strategy/turn-unit';
import { pathChoiceView, welcomeView } from '../src/strategy/summary-views';
import { CardPrompt } from './card-prompt';
import type { DialogDeps } from './dialog-deps';
import { InvitationActions } from './invitation-actions';
import type { LeaderActions } from './leader-actions';
import type { PrivacyActions } from './privacy-actions';
import { PulseActions } from './pulse-actions';
import { sendReviewCard } from './review-card';
import { RowsDialog } from './rows-dialog';
import { SectionDialog } from './section-dialog';
import { shareSummary } from './share-summary';
import { StrategyDialog, type StrategyDialogOptions } from './strategy-dialog';
import { SummaryDialog } from './summary-dialog';
import { turnUnitOf } from '../src/bot/turn-state';
import { isPersonal } from '../src/bot/conversation-kind';
import { pathOfTurn } from './turn-path';

/**
 * The root of every conversation. It never ends: each message is first checked for a command (typed or a
 * button), which can interrupt whatever is under way; anything else goes to the open question.
 */
const SHOWS_PROGRESS: ReadonlySet<Command> = new Set(['start', 'resume', 'summary', 'review']);

export class MainDialog extends ComponentDialog {
  static readonly id = 'main';
  constructor(
    private readonly deps: DialogDeps & {
      pulses: PulseActions;
      invitations: InvitationActions;
      leadership: LeaderActions;
      privacy: PrivacyActions;
    },
  ) {
    super(MainDialog.id);
    this.addDialog(new CardPrompt(deps));
    this.addDialog(new RowsDialog(deps));
    for (const section of deps.index.sections) this.addDialog(new SectionDialog(section, deps));
    this.addDialog(new StrategyDialog(deps));
    this.addDialog(new SummaryDialog(deps));
  }

  /** Welcome card for a new conversation (app installed, or a first message that is not a command). */
  async welcome(dc: DialogContext): Promise<void> {
    const unit = turnUnitOf(dc.context);
    unit.session.doc.welcomed = true;
    const path = pathOfTurn(dc.context, this.deps.index);
    const view = welcomeView(this.deps.index, unit.session.doc.answers, path, dc.context.activity.from?.name ?? '');
    await dc.context.sendActivity(MessageFactory.attachment(this.deps.cards.welcome(view)));
  }

  protected override async onBeginDialog(inner: DialogContext): Promise<DialogTurnResult> {
    return this.route(inner);
  }

  protected override async onContinueDialog(inner: DialogContext): Promise<DialogTurnResult> {
    return this.route(inner);
  }

  private async route(inner: DialogContext): Promise<DialogTurnResult> {
    const { activity } = inner.context;
    const input: UserInput = { text: activity.text, value: activity.value };
    if (!isPersonal(activity)) return this.inSharedChat(inner, input);
    await this.closeQuestionFromReplacedPack(inner);
    const value = activity.value;
    if (isRecord(value) && value.sg === 'confirmDelete') {
      if (await this.deps.privacy.confirmDelete(inner.context, value)) await inner.cancelAllDialogs();
      return Dialog.EndOfTurn;
    }
    if (isRecord(value) && value.sg === 'edit') return this.edit(inner, value.questionId);
    if (isRecord(value) && value.sg === 'pulse') {
      await this.deps.pulses.inPersonalChat(inner.context, value);
      return Dialog.EndOfTurn;
    }
    if (await this.deps.invitations.inPersonalChat(inner.context, input)) return Dialog.EndOfTurn;
    const leadership = await this.deps.leadership.inPersonalChat(inner.context, input);
    if (leadership === 'handled') return Dialog.EndOfTurn;
    const pathRequest = leadership === 'own summary' ? undefined : recognizePathRequest(input);
    if (pathRequest && (await this.choosePath(inner, pathRequest))) return Dialog.EndOfTurn;
    const command = leadership === 'own summary' ? 'summary' : recognizeCommand(input);
    if (command) return this.runCommand(inner, command);
    if (inner.activeDialog) {
      await inner.continueDialog();
      return Dialog.EndOfTurn;
    }
    return this.notUnderstood(inner, input);
  }

  private async runCommand(inner: DialogContext, command: Command): Promise<DialogTurnResult> {
    const { context } = inner;
    const unit = turnUnitOf(context);
    unit.session.doc.welcomed = true;
    const active = inner.activeDialog !== undefined;
    // These show where the user stands; a cached session may be behind another instance, so read it fresh.
    if (SHOWS_PROGRESS.has(command) && unit.session.fromCache)
      throw new StaleSessionSuspected(`${command} on a cached session`);
    switch (command) {
      case 'help':
        await context.sendActivity(
          MessageFactory.attachment(
            this.deps.cards.help({
              hasProgress: Object.keys(unit.session.doc.answers).length > 0,
              paths: this.pathChoices(),
            }),
          ),
        );
        break;
      case 'start':
      case 'resume':
        if (active) await inner.repromptDialog();
        else await inner.beginDialog(StrategyDialog.id, this.startOptions(inner, command));
        break;
      case 'back':
      case 'skip':
        if (active) await inner.continueDialog();
        else
          await context.sendActivity(
            `There's no open question to go ${command === 'back' ? 'back from' : 'skip'}. Type **resume** to pick up where you left off.`,
          );
        break;
      case 'summary':
        await inner.beginDialog(SummaryDialog.id);
        break;
      case 'review':
        await sendReviewCard(context, this.deps);
        break;
      case 'my data':
        await this.deps.privacy.showMyData(context);
        break;
      case 'export':
        await this.deps.privacy.exportData(context);
        break;
      case 'delete my data':
        await this.deps.privacy.askToDelete(context);
        break;
      case 'cancel':
        await inner.cancelAllDialogs();
        await context.sendActivity(
          'Paused. Everything you answered is saved — type **resume** to carry on where you stopped.',
        );
        break;
      case 'pulse':
        await context.sendActivity(
          'Pulse surveys are started from a team channel or group chat: mention me there and type **pulse**.',
        );
        break;
      case 'share my summary':
        await context.sendActivity(
          'To share your ambition & metrics card with a team, mention me in one of its channels and type **share my summary**: I post your card there, with your name on it.',
        );
        break;
    }
    return Dialog.EndOfTurn;
  }

  /**
   * "start" after finishing the path begins it again from the first question; otherwise both pick up where the user
   * left off.
   */
  private startOptions(inner: DialogContext, command: Command): StrategyDialogOptions {
    const { answers } = turnUnitOf(inner.context).session.doc;
    const path = pathOfTurn(inner.context, this.deps.index);
    const finished = [...path.questionIds].every((questionId) => answers[questionId] !== undefined);
    return command === 'start' && finished ? { sectionIndex: 0, questionIndex: 0 } : {};
  }

  /**
   * "start full" or a path's button: puts the person on that path (answers kept, counted against it) and asks its
   * questions as "start" would. False for typed words naming no path while a question is open: they may be an answer.
   */
  private async choosePath(inner: DialogContext, request: PathRequest): Promise<boolean> {
    const { index } = this.deps;
    const path = request.path === null ? undefined : index.path(request.path);
    if (!path) {
      if (request.typed && inner.activeDialog) return false;
      await inner.context.sendActivity(unknownPathReply(index.paths));
      return true;
    }
    const unit = turnUnitOf(inner.context);
    if (unit.session.fromCache) throw new StaleSessionSuspected('path choice on a cached session');
    unit.session.doc.welcomed = true;
    const previous = pathOfTurn(inner.context, index);
    this.deps.recorder.choosePath(unit, path.id);
    await inner.cancelAllDialogs();
    await inner.context.sendActivity(pathChosenReply(path, previous, index.paths));
    await inner.beginDialog(StrategyDialog.id, this.startOptions(inner, 'start'));
    return true;
  }

  /** The paths of the questionnaire as the help card lists them. */
  private pathChoices() {
    return this.deps.index.paths.map(pathChoiceView);
  }

  private async edit(inner: DialogContext, questionId: unknown): Promise<DialogTurnResult> {
    const ref = typeof questionId === 'string' ? this.deps.index.find(questionId) : undefined;
    if (!ref) {
      await inner.context.sendActivity("I couldn't find that question. Here are your answers again:");
      await sendReviewCard(inner.context, this.deps);
      return Dialog.EndOfTurn;
    }
    await inner.cancelAllDialogs();
    await inner.beginDialog(StrategyDialog.id, { editQuestionId: ref.question.id } satisfies StrategyDialogOptions);
    return Dialog.EndOfTurn;
  }

  /**
   * An organisation can replace the content pack at any time; a question left open under the old pack may no longer
   * exist, so it is closed (answers are kept) and the user is told why.
   */
  private async closeQuestionFromReplacedPack(inner: DialogContext): Promise<void> {
    const { pack } = this.deps;
    const session = turnUnitOf(inner.context).session.doc;
    const current = `${pack.id}@${pack.version}`;
    if (session.pack === current) return;
    session.pack = current;
    if (!inner.activeDialog) return;
    await inner.cancelAllDialogs();
    await inner.context.sendActivity(
      'The questions have been updated since we last spoke, so I closed the open one. Your answers are kept — type **resume** to carry on.',
    );
  }

  /** Team channels and group chats: the strategy conversation is personal, so only help is answered here for now. */
  private async inSharedChat(inner: DialogContext, input: UserInput): Promise<DialogTurnResult> {
    if (InvitationActions.handles(input)) {
      await this.deps.invitations.inSharedChat(inner.context);
      return Dialog.EndOfTurn;
    }
    if (PulseActions.handles(input)) {
      await this.deps.pulses.inSharedChat(inner.context, input);
      return Dialog.EndOfTurn;
    }
    if (await this.deps.leadership.inSharedChat(inner.context, input)) return Dialog.EndOfTurn;
    const command = recognizeCommand(input);
    if (command === 'export') {
      await this.deps.privacy.exportData(inner.context);
      return Dialog.EndOfTurn;
    }
    if (command === 'share my summary') {
      await shareSummary(inner.context, this.deps);
      return Dialog.EndOfTurn;
    }
    const message =
      command === 'help'
        ? 'In a team or group chat, mention me with **help** to see this. To work through the generative-AI strategy questions, open a 1:1 chat with me and type **start**.'
        : 'The strategy conversation happens 1:1: open a chat with me and type **start**. Here, mention me with **help**.';
    await inner.context.sendActivity(
      MessageFactory.attachment(
        this.deps.cards.notice({
          title: 'Strategy Guide',
          message,
          action: { title: 'Start a team pulse', command: 'pulse' },
        }),
      ),
    );
    return Dialog.EndOfTurn;
  }

  private async notUnderstood(inner: DialogContext, input: UserInput): Promise<DialogTurnResult> {
    const unit = turnUnitOf(inner.context);
    if (!unit.session.doc.welcomed) {
      await this.welcome(inner);
      return Dialog.EndOfTurn;
    }
    const hasProgress = Object.keys(unit.session.doc.answers).length > 0;
    const message =
      input.value !== undefined
        ? "That card is from an earlier conversation, so I haven't used it. Type **resume** to continue where you left off."
        : (input.text ?? '').trim() === ''
          ? "I didn't get any text there. Here's what I can do:"
          : "Sorry, I didn't understand that. Here's what I can do:";
    await inner.context.sendActivity(message);
    await inner.context.sendActivity(
      MessageFactory.attachment(this.deps.cards.help({ hasProgress, paths: this.pathChoices() })),
    );
    return Dialog.EndOfTurn;
  }
}
