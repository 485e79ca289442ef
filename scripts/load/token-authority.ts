import { createHmac, createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AuthEndpoints } from '../../src/bot/authentication';

/**
 * A local stand-in for the Bot Framework's and Entra ID's token signing keys (they cannot be reached from tests or
 * load runs): an OpenID metadata + JWKS server for each, and a signer, so that the real botbuilder JWT validation
 * runs on real RS256 tokens. Used by the authentication tests and the load script.
 */
export const CHANNEL_ISSUER = 'https://api.botframework.com';
/** An issuer botbuilder treats as Entra ID (the "emulator" token path). */
export const ENTRA_ISSUER = 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/';

interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export interface SignOptions {
  /** Which published key signs: 'channel' (endorsed for msteams), 'webchat-only' (endorsed for webchat only),
   * 'entra' (published on the Entra ID metadata), or 'unpublished' (a key nobody published, under the channel kid). */
  key?: 'channel' | 'webchat-only' | 'entra' | 'unpublished';
  kid?: string;
  alg?: 'RS256' | 'HS256';
}

export interface TokenAuthority {
  endpoints: Required<AuthEndpoints>;
  /** A signed JWT with these claims (standard lifetime claims are added unless given). */
  sign(claims: Record<string, unknown>, options?: SignOptions): string;
  /** Claims of a valid Teams channel token for an activity with this serviceUrl. */
  channelClaims(serviceUrl: string): Record<string, unknown>;
  close(): Promise<void>;
}

function newKey(kid: string): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid, privateKey, publicKey };
}

function jwk(key: SigningKey, endorsements?: string[]): Record<string, unknown> {
  const { n, e } = key.publicKey.export({ format: 'jwk' });
  return { kty: 'RSA', use: 'sig', kid: key.kid, n, e, ...(endorsements ? { endorsements } : {}) };
}

const base64url = (value: string | Buffer): string => Buffer.from(value).toString('base64url');

/** Starts the key servers on loopback; tokens it signs are for the bot with this app id. */
export async function startTokenAuthority(botAppId: string): Promise<TokenAuthority> {
  const keys = {
    channel: newKey('channel-key'),
    'webchat-only': newKey('webchat-key'),
    entra: newKey('entra-key'),
    unpublished: newKey('channel-key'),
  };
  let base = '';
  const documents: Partial<Record<string, () => unknown>> = {
    '/channel/.well-known/openidconfiguration': () => ({ issuer: CHANNEL_ISSUER, jwks_uri: `${base}/channel/keys` }),
    '/channel/keys': () => ({ keys: [jwk(keys.channel, ['msteams']), jwk(keys['webchat-only'], ['webchat'])] }),
    '/entra/.well-known/openid-configuration': () => ({ issuer: ENTRA_ISSUER, jwks_uri: `${base}/entra/keys` }),
    '/entra/keys': () => ({ keys: [jwk(keys.entra)] }),
  };
  const server: Server = createServer((req, res) => {
    const document = documents[req.url ?? ''];
    res.writeHead(document ? 200 : 404, { 'content-type': 'application/json' });
    res.end(document ? JSON.stringify(document()) : '{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    endpoints: {
      channelOpenIdMetadataUrl: `${base}/channel/.well-known/openidconfiguration`,
      emulatorOpenIdMetadataUrl: `${base}/entra/.well-known/openid-configuration`,
    },
    sign(claims, options = {}) {
      const key = keys[options.key ?? 'channel'];
      const alg = options.alg ?? 'RS256';
      const now = Math.floor(Date.now() / 1000);
      const header = base64url(JSON.stringify({ alg, typ: 'JWT', kid: options.kid ?? key.kid }));
      const payload = base64url(JSON.stringify({ iat: now, nbf: now - 5, exp: now + 3600, ...claims }));
      const input = `${header}.${payload}`;
      const signature =
        alg === 'HS256'
          ? // The classic confusion attack: HMAC keyed with the public key the server would verify with.
            createHmac('sha256', key.publicKey.export({ format: 'pem', type: 'spki' }))
              .update(input)
              .digest()
          : createSign('RSA-SHA256').update(input).sign(key.privateKey);
      return `${input}.${base64url(signature)}`;
    },
    channelClaims(serviceUrl) {
      return { iss: CHANNEL_ISSUER, aud: botAppId, serviceurl: serviceUrl };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
