import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';

/**
 * A fake of Entra ID for the dashboard's tokens (Entra cannot run here): an RSA key pair made for the test run, its
 * public key published as each tenant's JWKS on a loopback HTTP server, and a signer for Teams SSO-shaped tokens.
 */
export interface FakeEntra {
  jwksUrlFor: (tenantId: string) => string;
  /** Signs `claims` with RS256 by the published key (or by a key nobody published). */
  sign(claims: JWTPayload, options?: { unpublishedKey?: boolean }): Promise<string>;
  /** Signs with HS256 using `secret` (which an RS256 verifier must never accept). */
  signHs256(claims: JWTPayload, secret: string): Promise<string>;
  /** An unsigned token (`alg: none`). */
  unsigned(claims: JWTPayload): string;
  /** Requests for keys so far. */
  readonly keyRequests: number;
  close(): Promise<void>;
}

const KID = 'fake-entra-key-1';

export async function startFakeEntra(): Promise<FakeEntra> {
  const published = await generateKeyPair('RS256', { extractable: true });
  const unpublished = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(published.publicKey)), kid: KID, alg: 'RS256', use: 'sig' };
  let keyRequests = 0;
  const server = createServer((req, res) => {
    if (req.method === 'GET' && /^\/[^/]+\/discovery\/v2\.0\/keys$/.test(req.url ?? '')) {
      keyRequests++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const signWith = (key: CryptoKey, claims: JWTPayload) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: KID, typ: 'JWT' }).sign(key);
  const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return {
    jwksUrlFor: (tenantId) => `http://127.0.0.1:${port}/${encodeURIComponent(tenantId)}/discovery/v2.0/keys`,
    sign: (claims, options = {}) =>
      signWith(options.unpublishedKey ? unpublished.privateKey : published.privateKey, claims),
    signHs256: (claims, secret) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'HS256', kid: KID }).sign(new TextEncoder().encode(secret)),
    unsigned: (claims) => `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.`,
    get keyRequests() {
      return keyRequests;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
