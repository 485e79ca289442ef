import {
  AuthenticationConfiguration,
  AuthenticationConstants,
  AuthenticationError,
  type Claim,
} from 'botframework-connector';
import { CallerIdConstants, ConfigurationBotFrameworkAuthentication, StatusCodes } from 'botbuilder';
import type { Config } from '../config';

/**
 * Where the Bot Framework publishes its token signing keys. Production uses the public cloud defaults; tests point
 * these at a local OpenID metadata / JWKS server so that real tokens can be signed and checked offline.
 */
export interface AuthEndpoints {
  channelOpenIdMetadataUrl?: string;
  emulatorOpenIdMetadataUrl?: string;
}

/** The only issuer of tokens that Bot Framework channels (Teams included) send to a bot. */
export const CHANNEL_TOKEN_ISSUER = AuthenticationConstants.ToBotFromChannelTokenIssuer;

/**
 * Accepts only channel tokens. botbuilder also accepts a token that Entra ID issued for the bot's own app id (the
 * "emulator" path), and that path never compares the token with the activity's serviceUrl — so whoever holds such a
 * token could point the bot's replies at a server of their choosing.
 */
export async function acceptChannelTokensOnly(claims: Claim[]): Promise<void> {
  const issuer = claims.find((claim) => claim.type === AuthenticationConstants.IssuerClaim)?.value;
  if (issuer !== CHANNEL_TOKEN_ISSUER)
    throw new AuthenticationError(
      'Unauthorized. Only Bot Framework channel tokens are accepted.',
      StatusCodes.UNAUTHORIZED,
    );
}

/** Bot Framework authentication from the settings: off only in local mode (an empty app id), issuer pinned otherwise. */
export function createBotAuthentication(
  config: Config,
  endpoints: AuthEndpoints = {},
): ConfigurationBotFrameworkAuthentication {
  const local = config.mode === 'local';
  if (!local && !config.bot.appId) throw new Error('production mode needs BOT_ID: authentication is never off there');
  return new ConfigurationBotFrameworkAuthentication(
    {
      // An empty app id switches authentication off; loadConfig allows that in local mode only.
      MicrosoftAppId: local ? '' : config.bot.appId,
      MicrosoftAppPassword: local ? '' : config.bot.password,
      // Local mode has no identity at all, whatever an env file copied from Azure says.
      MicrosoftAppType: local ? 'MultiTenant' : config.bot.type,
      MicrosoftAppTenantId: local ? '' : config.bot.tenantId,
      ...(endpoints.channelOpenIdMetadataUrl || endpoints.emulatorOpenIdMetadataUrl ? publicCloudWith(endpoints) : {}),
    },
    undefined,
    new AuthenticationConfiguration([], acceptChannelTokensOnly),
  );
}

/** botbuilder takes its public cloud defaults only when no endpoint is given; with one, every value must be stated. */
function publicCloudWith(endpoints: AuthEndpoints): Record<string, string> {
  return {
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: CHANNEL_TOKEN_ISSUER,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl:
      endpoints.channelOpenIdMetadataUrl ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl:
      endpoints.emulatorOpenIdMetadataUrl ?? AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}
