import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import type { Config } from '../config';
import type { Logger } from '../logging/logger';

/** The CloudAdapter: authentication from the settings (off only in local mode) and a kind reply when a turn fails. */
export function createAdapter(config: Config, logger: Logger): CloudAdapter {
  if (config.mode === 'production' && !config.bot.appId)
    throw new Error('production mode needs BOT_ID: authentication is never off there');
  // An empty app id switches Bot Framework authentication off; loadConfig allows that in local mode only.
  const appId = config.mode === 'local' ? '' : config.bot.appId;
  const local = config.mode === 'local';
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: appId,
    MicrosoftAppPassword: local ? '' : config.bot.password,
    // Local mode has no identity at all, whatever an env file copied from Azure says.
    MicrosoftAppType: local ? 'MultiTenant' : config.bot.type,
    MicrosoftAppTenantId: local ? '' : config.bot.tenantId,
  });
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    // Only the error's name and code: messages can quote the data that caused them.
    logger.error('turn.failed', {
      activityId: context.activity.id,
      error: error.name,
      code: String((error as { code?: unknown }).code ?? ''),
    });
    try {
      await context.sendActivity(
        'Sorry, something went wrong on our side. Your earlier answers are safe; please try again in a moment.',
      );
    } catch (sendError) {
      // Often the channel itself is what failed; its error (URLs, headers) must not reach the log or the HTTP body.
      logger.error('turn.error-reply-failed', { activityId: context.activity.id, error: (sendError as Error).name });
    }
  };
  return adapter;
}
