import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { DashboardSso } from '../config';

/** Who a dashboard request is from: the tenant and the person's Entra object id. */
export interface DashboardIdentity {
  tenantId: string;
  userId: string;
}

/** Where a tenant's token signing keys are published; tests point this at a local key server (a fake Entra). */
export type JwksUrlFor = (tenantId: string) => string;

/** Entra ID's published signing keys for a tenant (v2 endpoint; v1 and v2 tokens are signed with the same keys). */
export const entraJwksUrl: JwksUrlFor = (tenantId) =>
  `https://login.microsoftonline.com/${encodeURIComponent(tenantId)}/discovery/v2.0/keys`;

/** The delegated scope the tab asks for (the app registration exposes it). */
export const DASHBOARD_SCOPE = 'access_as_user';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Teams SSO tokens are a few KB; anything much longer is not one. */
const MAX_TOKEN_CHARS = 16_384;
/** At most this much clock difference with Entra ID is tolerated. */
const CLOCK_SKEW_SECONDS = 300;

export interface TokenVerifierOptions {
  sso: DashboardSso;
  allowedTenants: ReadonlySet<string>;
  jwksUrlFor?: JwksUrlFor;
  clock: () => Date;
}

/**
 * Verifies the Teams SSO access token of a dashboard request: RS256 only, signed with one of the tenant's keys, the
 * tenant's v1 or v2 issuer, this app's audience, not expired, `tid` on the allow-list and the `access_as_user` scope.
 * The tenant is read from the unverified token only to pick whose keys to check against (and to refuse tenants not on
 * the list before any key is fetched); the signature then proves it.
 */
export class TokenVerifier {
  private readonly keySets = new Map<string, JWTVerifyGetKey>();
  private readonly audiences: string[];

  constructor(private readonly options: TokenVerifierOptions) {
    this.audiences = [options.sso.clientId, options.sso.appIdUri].filter((value): value is string => !!value);
  }

  /** The identity in a valid token; undefined for anything else (the caller answers 401 without detail). */
  async verify(token: string): Promise<DashboardIdentity | undefined> {
    if (this.audiences.length === 0 || token.length > MAX_TOKEN_CHARS) return undefined;
    const tenantId = unverifiedTenant(token);
    if (!tenantId || !this.options.allowedTenants.has(tenantId)) return undefined;
    try {
      const { payload } = await jwtVerify(token, this.keysOf(tenantId), {
        algorithms: ['RS256'],
        issuer: [`https://login.microsoftonline.com/${tenantId}/v2.0`, `https://sts.windows.net/${tenantId}/`],
        audience: this.audiences,
        requiredClaims: ['exp', 'tid', 'oid', 'scp'],
        currentDate: this.options.clock(),
        clockTolerance: CLOCK_SKEW_SECONDS,
      });
      const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ') : [];
      if (payload.tid !== tenantId || !scopes.includes(DASHBOARD_SCOPE)) return undefined;
      if (typeof payload.oid !== 'string' || !GUID.test(payload.oid)) return undefined;
      return { tenantId, userId: payload.oid.toLowerCase() };
    } catch {
      return undefined;
    }
  }

  /** One remote key set per allowed tenant, cached by jose (refetched on an unknown key id, at most every 30 s). */
  private keysOf(tenantId: string): JWTVerifyGetKey {
    let keys = this.keySets.get(tenantId);
    if (!keys) {
      const url = (this.options.jwksUrlFor ?? entraJwksUrl)(tenantId);
      keys = createRemoteJWKSet(new URL(url), { timeoutDuration: 5_000, cooldownDuration: 30_000 });
      this.keySets.set(tenantId, keys);
    }
    return keys;
  }
}

/** The token's `tid` (lower case) when its header says RS256 and the claim is a GUID; undefined otherwise. */
function unverifiedTenant(token: string): string | undefined {
  try {
    if (decodeProtectedHeader(token).alg !== 'RS256') return undefined;
    const tid = decodeJwt(token).tid;
    return typeof tid === 'string' && GUID.test(tid) ? tid.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}
