import { ActivityTypes, TurnContext, type Activity } from 'botbuilder';
import { DialogSet, DialogTurnStatus } from 'botbuilder-dialogs';
import { MainDialog } from '../../dialogs/main-dialog';
import { bufferReplies } from '../../dialogs/reply-buffer';
import { sessionDialogState } from '../../dialogs/session-dialog-state';
import { attachTurnUnit } from '../../dialogs/turn-state';
import type { RunMode } from '../config';
import { roleOf, type RoleDirectory } from '../domain/roles';
import type { Logger } from '../logging/logger';
import type { AggregateStore } from '../storage/aggregate-store';
import { SessionConflictError, type SessionStore } from '../storage/session-store';
import { TurnUnit, type Speaker } from '../strategy/turn-unit';

export interface StrategyBotDeps {
  main: MainDialog;
  sessions: SessionStore;
  aggregates: AggregateStore;
  directory: RoleDirectory;
  allowedTenants: ReadonlySet<string>;
  mode: RunMode;
  logger: Logger;
  clock: () => Date;
}

/** Tenant id used when the local playground or a test sends none; never accepted in production. */
const LOCAL_TENANT = 'local-tenant';

/** The bot: one turn loads the session, runs the dialogs, stores the session and aggregates, then replies. */
export class StrategyBot {
  private readonly dialogs: DialogSet;

  constructor(private readonly deps: StrategyBotDeps) {
    this.dialogs = new DialogSet(sessionDialogState);
    this.dialogs.add(deps.main);
  }

  async run(context: TurnContext): Promise<void> {
    const { activity } = context;
    const speaker = this.speakerOf(activity);
    if (!speaker) {
      this.deps.logger.warn('activity.dropped', { activityId: activity.id, type: activity.type, reason: 'no tenant or user' });
      return;
    }
    if (this.deps.allowedTenants.size > 0 && !this.deps.allowedTenants.has(speaker.tenantId)) {
      this.deps.logger.warn('activity.dropped', { activityId: activity.id, tenantId: speaker.tenantId, reason: 'tenant not allowed' });
      return;
    }
    if (activity.type === ActivityTypes.Message) return this.turn(context, speaker, 'message');
    if (activity.type === ActivityTypes.ConversationUpdate && this.botWasAdded(activity) && activity.conversation?.conversationType !== 'channel') {
      return this.turn(context, speaker, 'welcome');
    }
    // Teams shows an error for an invoke without a response; nothing else needs an answer.
    if (activity.type === ActivityTypes.Invoke) await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200 } });
  }

  private async turn(context: TurnContext, speaker: Speaker, kind: 'message' | 'welcome'): Promise<void> {
    const started = Date.now();
    const { sessions, aggregates, main } = this.deps;
    const conversationId = context.activity.conversation.id;
    const session = await sessions.load(speaker.tenantId, speaker.userId, conversationId);
    const unit = new TurnUnit(speaker, session);
    const loaded = JSON.stringify(session.doc);
    attachTurnUnit(context, unit);
    const replies = bufferReplies(context);

    session.doc.conversationReference = TurnContext.getConversationReference(context.activity) as Record<string, unknown>;
    const dc = await this.dialogs.createContext(context);
    if (kind === 'welcome') {
      if (!session.doc.welcomed) await main.welcome(dc);
    } else {
      const result = await dc.continueDialog();
      if (result.status === DialogTurnStatus.empty) await dc.beginDialog(MainDialog.id);
    }

    try {
      if (!unit.sessionDeleted && JSON.stringify(session.doc) !== loaded) await sessions.save(session, this.deps.clock());
    } catch (error) {
      if (!(error instanceof SessionConflictError)) throw error;
      replies.discard();
      this.deps.logger.warn('session.conflict', { activityId: context.activity.id, tenantId: speaker.tenantId });
      await context.sendActivity('That crossed with another change to your answers. Please send it again.');
      return;
    }
    for (const { questionId, delta } of unit.pendingDeltas) await aggregates.apply(speaker.tenantId, questionId, delta);
    await replies.flush();
    this.deps.logger.info('turn.done', { activityId: context.activity.id, tenantId: speaker.tenantId, kind, ms: Date.now() - started });
  }

  /** Identity comes from the activity (set by the channel), never from card data. */
  private speakerOf(activity: Activity): Speaker | undefined {
    const channelTenant = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
    const tenantId = (typeof channelTenant === 'string' && channelTenant) || activity.conversation?.tenantId || (this.deps.mode === 'local' ? LOCAL_TENANT : '');
    const userId = cosmosSafe(activity.from?.aadObjectId?.toLowerCase() || activity.from?.id || '');
    if (!tenantId || !userId) return undefined;
    return { tenantId: cosmosSafe(tenantId.toLowerCase()), userId, role: roleOf(this.deps.directory, userId) };
  }

  private botWasAdded(activity: Activity): boolean {
    return (activity.membersAdded ?? []).some((member) => member.id === activity.recipient?.id);
  }
}

/** Cosmos ids may not hold / \\ ? #; they are escaped (with % itself) so distinct ids stay distinct. */
function cosmosSafe(id: string): string {
  return id.replace(/[/\\?#%]/g, (char) => `%${char.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
