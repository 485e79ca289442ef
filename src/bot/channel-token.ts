import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import type { Config } from '../config';
import type { TokenProvider } from '../teams/http-teams-channel';

/** Bot Framework's public-cloud values (AuthenticationConstants in botframework-connector). */
const CHANNEL_SCOPE = 'https://api.botframework.com';
const LOGIN_URL = 'https://login.microsoftonline.com/botframework.com';

/**
 * The bearer token for proactive calls to the Teams channel service, from the bot's own identity (client secret or
 * managed identity, as the CloudAdapter uses). Local mode has no identity and sends none.
 */
export function channelTokenProvider(config: Config): TokenProvider {
  if (config.mode === 'local' || !config.bot.appId) return async () => undefined;
  const factory = new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: config.bot.appId,
    MicrosoftAppPassword: config.bot.password,
    MicrosoftAppType: config.bot.type,
    MicrosoftAppTenantId: config.bot.tenantId,
  });
  const credentials = factory.createCredentials(config.bot.appId, CHANNEL_SCOPE, LOGIN_URL, true);
  return async () => {
    const resolved = (await credentials) as { getToken?: (forceRefresh?: boolean) => Promise<string> };
    // The credentials cache the token and refresh it before it expires.
    return resolved.getToken ? resolved.getToken() : undefined;
  };
}
