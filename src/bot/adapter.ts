import {
  ActivityTypes,
  CloudAdapter,
  type Activity,
  type InvokeResponse,
  type ResourceResponse,
  type TurnContext,
} from 'botbuilder';
import type { AuthenticateRequestResult, BotFrameworkAuthentication } from 'botframework-connector';
import { loggableId, type Logger } from '../logging/logger';
import type { ConnectorReplies } from './connector-replies';

/** What the CloudAdapter keeps to itself instead of posting to the connector. */
const NOT_POSTED: ReadonlySet<string> = new Set(['delay', ActivityTypes.InvokeResponse, ActivityTypes.Trace]);

/**
 * The CloudAdapter, able to run a turn for a request that was authenticated beforehand (see activity-endpoint.ts),
 * posting and updating what the bot sends through ConnectorReplies (bounded retries, no duplicates) rather than the
 * SDK's client.
 */
export class BotAdapter extends CloudAdapter {
  constructor(
    readonly authentication: BotFrameworkAuthentication,
    logger: Logger,
    private readonly replies: ConnectorReplies,
  ) {
    super(authentication);
    this.onTurnError = async (context: TurnContext, error: Error) => {
      // Only the error's name and code: messages can quote the data that caused them.
      logger.error('turn.failed', {
        activityId: loggableId(context.activity.id),
        error: error.name,
        code: String((error as { code?: unknown }).code ?? ''),
      });
      try {
        await context.sendActivity(
          'Sorry, something went wrong on our side. Your earlier answers are safe; please try again in a moment.',
        );
      } catch (sendError) {
        // Often the channel itself is what failed; its error (URLs, headers) must not reach the log or the HTTP body.
        logger.error('turn.error-reply-failed', {
          activityId: loggableId(context.activity.id),
          error: (sendError as Error).name,
        });
      }
    };
  }

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      if (NOT_POSTED.has(activity.type ?? '')) responses.push(...(await super.sendActivities(context, [activity])));
      else responses.push({ id: await this.replies.post({ ...activity, id: undefined }) });
    }
    return responses;
  }

  /** An update of a message the bot posted (an answered card becoming its record), through ConnectorReplies too. */
  override async updateActivity(_context: TurnContext, activity: Partial<Activity>): Promise<ResourceResponse | void> {
    await this.replies.update(activity);
    return { id: activity.id ?? '' };
  }

  runAuthenticated(
    authenticated: AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authenticated, activity, logic);
  }
}
