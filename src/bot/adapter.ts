import { CloudAdapter, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { AuthenticateRequestResult, BotFrameworkAuthentication } from 'botframework-connector';
import { loggableId, type Logger } from '../logging/logger';

/** The CloudAdapter, able to run a turn for a request that was authenticated beforehand (see activity-endpoint.ts). */
export class BotAdapter extends CloudAdapter {
  constructor(
    readonly authentication: BotFrameworkAuthentication,
    logger: Logger,
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

  runAuthenticated(
    authenticated: AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authenticated, activity, logic);
  }
}
