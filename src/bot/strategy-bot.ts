import { ActivityTypes, TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import { DialogSet, DialogTurnStatus, type DialogStateManagerConfiguration } from 'botbuilder-dialogs';
import { MainDialog } from '../../dialogs/main-dialog';
import { bufferReplies } from './reply-buffer';
import { sessionDialogState } from './session-dialog-state';
import { attachTurnUnit } from './turn-state';
import { isPersonal } from './conversation-kind';
import type { PendingChanges } from '../aggregation/aggregate-changes';
import type { AggregateQueue } from '../aggregation/aggregate-queue';
import type { RunMode } from '../config';
import { notApplied } from '../storage/bounded-retry';
import { cosmosSafe } from '../storage/cosmos-id';
import { tenantOf } from './admission';
import type { BackgroundWork } from './background-work';
import { ReplyNotDelivered } from './connector-replies';
import { FileConsentInvoke } from './file-consent-invoke';
import { roleOf, type RoleDirectory } from '../domain/roles';
import { loggableId, type Logger } from '../logging/logger';
import { type AggregateStore, SessionConflictError, type SessionStore } from '../storage/ports';
import { sessionChanged } from '../storage/user-docs';
import { StaleSessionSuspected, TurnUnit } from '../strategy/turn-unit';
import type { Person } from '../domain/person';
import type { Telemetry, TurnOutcome } from '../telemetry/telemetry';
import type { AnsweringTurn } from '../invitations/participation-service';
import { noteAnswers } from './note-answers';

export interface StrategyBotDeps {
  main: MainDialog;
  background: BackgroundWork;
  fileConsent: FileConsentInvoke;
  sessions: SessionStore;
  aggregates: AggregateStore;
  /** Applies the counter changes of stored answers behind the turn. */
  counters: AggregateQueue;
  directory: RoleDirectory;
  mode: RunMode;
  logger: Logger;
  clock: () => Date;
  telemetry: Telemetry;
  /** Told of each 1:1 turn that stored answers (participation for invitations and reminders); never fails a turn. */
  afterAnswers?: (turn: AnsweringTurn) => Promise<void>;
}

/** Where a DialogContext looks for its memory scopes before building them (DialogManager puts its own there too). */
const DIALOG_STATE_KEY = 'DialogStateManagerConfiguration';

/** Enough to recognise a redelivery, which Teams makes within seconds. */
const HANDLED_IDS_KEPT = 10;

/**
 * The bot (behind authentication and admission): one turn loads the session, runs the dialogs, stores the session
 * with the counter changes its answers owe, and replies; the counters move behind it (AggregateQueue).
 */
export class StrategyBot {
  private readonly dialogs: DialogSet;
  /** The dialogs' memory scopes and path resolvers as the first turn built them, so later turns do not build them again. */
  private dialogState?: DialogStateManagerConfiguration;

  constructor(private readonly deps: StrategyBotDeps) {
    this.dialogs = new DialogSet(sessionDialogState);
    this.dialogs.add(deps.main);
  }

  async run(context: TurnContext): Promise<void> {
    const { activity } = context;
    const speaker = this.speakerOf(activity);
    if (!speaker) {
      this.deps.logger.warn('activity.dropped', {
        activityId: loggableId(activity.id),
        type: loggableId(activity.type),
        reason: 'no tenant or user',
      });
      return;
    }
    if (activity.type === ActivityTypes.Message) return this.turn(context, speaker, 'message');
    if (activity.type === ActivityTypes.ConversationUpdate && this.botWasAdded(activity) && isPersonal(activity)) {
      return this.turn(context, speaker, 'welcome');
    }
    if (FileConsentInvoke.handles(activity)) return this.deps.fileConsent.handle(context, speaker);
    // Teams shows an error for an invoke without a response; nothing else needs an answer.
    if (activity.type === ActivityTypes.Invoke)
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200 } });
  }

  /** Runs the turn and tells the telemetry how it ended and how long it took. */
  private async turn(context: TurnContext, speaker: Person, kind: 'message' | 'welcome'): Promise<void> {
    const started = Date.now();
    let outcome: TurnOutcome = 'failed';
    try {
      outcome = await this.attempts(context, speaker, kind);
    } finally {
      const ms = Date.now() - started;
      this.deps.telemetry.turnEnded(outcome, ms);
      if (outcome !== 'failed')
        this.deps.logger.info('turn.done', {
          activityId: loggableId(context.activity.id),
          tenantId: speaker.tenantId,
          kind,
          ms,
        });
    }
  }

  /**
   * Runs the turn; when the session turns out to be out of date (another instance or a concurrent turn wrote it),
   * runs it once more on a fresh read, so nothing the user sent is lost or answered from old state.
   */
  private async attempts(context: TurnContext, speaker: Person, kind: 'message' | 'welcome'): Promise<TurnOutcome> {
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt(context, speaker, kind, attempt > 1);
      if (outcome !== 'conflict' && outcome !== 'stale') return outcome;
      this.deps.logger.warn('session.retry', {
        activityId: loggableId(context.activity.id),
        tenantId: speaker.tenantId,
        reason: outcome,
        attempt,
      });
      if (attempt >= 2) {
        await context.sendActivity('That crossed with another change to your answers. Please send it again.');
        return 'conflict';
      }
    }
  }

  private async attempt(
    context: TurnContext,
    speaker: Person,
    kind: 'message' | 'welcome',
    fresh: boolean,
  ): Promise<'ok' | 'repeated' | 'undelivered' | 'conflict' | 'stale'> {
    const { sessions, main } = this.deps;
    const session = await sessions.load(speaker.tenantId, speaker.userId, context.activity.conversation.id, fresh);
    const activityId = context.activity.id;
    if (activityId && session.doc.handledActivityIds?.includes(activityId)) {
      // Teams redelivers an activity it thinks was too slow; the first delivery already stored and answered it.
      this.deps.logger.info('activity.repeated', { activityId: loggableId(activityId), tenantId: speaker.tenantId });
      return 'repeated';
    }
    const unit = new TurnUnit(speaker, session, (changes) => this.applyAggregates(context, speaker, changes));
    attachTurnUnit(context, unit);
    const replies = bufferReplies(context, (error) => this.updateFailed(error, context, speaker));
    // Without the per-activity id the reference stays the same from turn to turn, so read-only turns write nothing.
    const reference: Partial<ConversationReference> = TurnContext.getConversationReference(context.activity);
    delete reference.activityId;
    try {
      session.doc.conversationReference = reference as Record<string, unknown>;
      if (this.dialogState) context.turnState.set(DIALOG_STATE_KEY, this.dialogState);
      const dc = await this.dialogs.createContext(context);
      this.dialogState ??= dc.state.configuration;
      if (kind === 'welcome') {
        if (!session.doc.welcomed) await main.welcome(dc);
      } else {
        const result = await dc.continueDialog();
        if (result.status === DialogTurnStatus.empty) await dc.beginDialog(MainDialog.id);
      }
      if (!unit.sessionDeleted && (unit.pendingAnswers.length > 0 || sessionChanged(session))) {
        if (activityId)
          session.doc.handledActivityIds = [...(session.doc.handledActivityIds ?? []), activityId].slice(
            -HANDLED_IDS_KEPT,
          );
        await this.save(unit);
        const stored = unit.pendingAnswers.filter((change) => change.op === 'upsert').length;
        if (stored > 0) this.deps.telemetry.answersStored(stored);
      }
    } catch (error) {
      replies.discard();
      const cause = rootCause(error);
      if (cause instanceof SessionConflictError) return 'conflict';
      if (cause instanceof StaleSessionSuspected) return 'stale';
      throw error;
    }
    const delivery = await replies.flush().then(
      () => 'delivered' as const,
      (error: unknown) => ({ error }),
    );
    // After the replies, so the person does not wait for it; only a turn that stored answers has anything to note.
    if (!unit.sessionDeleted && unit.pendingAnswers.length > 0 && isPersonal(context.activity))
      await noteAnswers(this.deps, context, unit);
    for (const job of unit.backgroundJobs) this.deps.background.start(reference, job, speaker.tenantId);
    if (delivery !== 'delivered') {
      this.replyFailed(delivery.error, context, speaker);
      return 'undelivered';
    }
    return 'ok';
  }

  /**
   * The session, the answers and the counter changes they owe, in one batch; once it is stored the changes are the
   * queue's to apply (and the person document's until they are), so a crash between the two loses nothing.
   */
  private async save(unit: TurnUnit): Promise<void> {
    const { sessions, counters, clock } = this.deps;
    const { tenantId, userId } = unit.speaker;
    const now = clock();
    const changes = unit.pendingChanges.changes();
    const owed = changes.length > 0 ? counters.reserve(tenantId, changes, now) : undefined;
    try {
      await sessions.save(unit.session, now, unit.pendingAnswers, {
        add: owed,
        settled: (entry) => counters.isSettled(entry),
      });
    } catch (error) {
      if (owed && notStored(error)) counters.abandoned(owed);
      // A timeout may hide a batch that landed: the changes count once the person document says so.
      else if (owed) {
        const basedOn = unit.session.personEtag;
        counters.unsure(tenantId, userId, owed, () => sessions.wasStored(tenantId, userId, basedOn, owed));
      }
      throw error;
    }
    if (owed) counters.stored(tenantId, userId, owed);
  }

  /** Stored already: "resume" asks the question again. An apology would meet the same failing connector. */
  private replyFailed(error: unknown, context: TurnContext, speaker: Person): void {
    if (!(error instanceof ReplyNotDelivered)) throw error;
    this.deps.logger.warn('reply.failed', {
      activityId: loggableId(context.activity.id),
      tenantId: speaker.tenantId,
      status: error.failure.status,
      attempts: error.attempts,
      maybePosted: error.maybePosted,
    });
  }

  /**
   * An answered card the connector would not turn into its record (gone, 404; not the bot's, 403; or throttled): it
   * stays as it was, and its buttons answer that it is not the current card. Logged, never shown, and no text of it.
   */
  private updateFailed(error: unknown, context: TurnContext, speaker: Person): void {
    this.deps.logger.warn('reply.update-failed', {
      activityId: loggableId(context.activity.id),
      tenantId: speaker.tenantId,
      ...(error instanceof ReplyNotDelivered
        ? { status: error.failure.status, attempts: error.attempts }
        : { error: error instanceof Error ? error.name : typeof error }),
    });
  }

  /**
   * Changes whose cause is stored already (a team join), applied at once with one patch per document; a failed
   * counter update is logged for the rebuild rather than shown to the user.
   */
  private async applyAggregates(context: TurnContext, speaker: Person, pending: PendingChanges): Promise<void> {
    const { tenantId, userId } = speaker;
    for (const change of pending.changes())
      await this.logFailure(context, tenantId, change.questionId, () =>
        this.deps.aggregates.apply(tenantId, userId, change),
      );
  }

  private async logFailure(
    context: TurnContext,
    tenantId: string,
    questionId: string,
    write: () => Promise<void>,
  ): Promise<void> {
    try {
      await write();
    } catch (error) {
      this.deps.logger.error('aggregate.failed', {
        activityId: loggableId(context.activity.id),
        tenantId,
        questionId,
        error: (error as Error).name,
      });
    }
  }

  /** Identity comes from the activity (set by the channel), never from card data. */
  private speakerOf(activity: Activity): Person | undefined {
    const tenantId = tenantOf(activity, this.deps.mode);
    const userId = cosmosSafe(activity.from?.aadObjectId?.toLowerCase() || activity.from?.id || '');
    if (!tenantId || !userId) return undefined;
    return { tenantId: cosmosSafe(tenantId), userId, role: roleOf(this.deps.directory, userId) };
  }

  private botWasAdded(activity: Activity): boolean {
    return (activity.membersAdded ?? []).some((member) => member.id === activity.recipient?.id);
  }
}

/** Cosmos answered that the batch was not applied: a conflict, a refusal (4xx but a timeout) or "try later". */
function notStored(error: unknown): boolean {
  if (error instanceof SessionConflictError || notApplied(error)) return true;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'number' && code >= 400 && code < 500 && code !== 408;
}

/** botbuilder-dialogs wraps what a dialog throws in DialogContextError (keeping it in `.error`): unwrap it. */
function rootCause(error: unknown): unknown {
  let current = error;
  while (current instanceof Error && 'error' in current && (current as { error?: unknown }).error instanceof Error) {
    current = (current as { error: unknown }).error;
  }
  return current;
}
