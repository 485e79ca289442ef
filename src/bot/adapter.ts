import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import type { Config } from '../config';
import type { Logger } from '../logging/logger';

/** The CloudAdapter: authentication from the settings (off only in local mode) and a kind reply when a turn fails. */
export function createAdapter(config: Config, logger: Logger): CloudAdapter {
  if (config.mode === 'production' && !config.bot.appId)
    throw new Error('production mode needs BOT_ID: authentication is never off there');
  // An empty app id switches Bot Framework authentication off; loadConfig allows that in local mode only.
  const appId = config.mode === 'local' ? '' : config.bot.appId;
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: appId,
    MicrosoftAppPassword: config.mode === 'local' ? '' : config.bot.password,
    MicrosoftAppType: config.bot.type,
    MicrosoftAppTenantId: config.bot.tenantId,
  });
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    // Only the error's name and code: messages can quote the data that caused them.
    logger.error('turn.failed', {
      activityId: context.activity.id,
      error: error.name,
      code: String((error as { code?: unknown }).code ?? ''),
    });
    await context.sendActivity(
      'Sorry, something went wrong on our side. Your earlier answers are safe; please try again in a moment.',
    );
  };
  return adapter;
}
