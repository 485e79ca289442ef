import type { Request } from 'restify';
import type { Config } from '../config';
import { cosmosSafe } from '../storage/cosmos-id';
import type { DashboardIdentity, TokenVerifier } from './token-verifier';

/** Who a request is from, or undefined (401). Nothing is read from Cosmos to decide it. */
export type Authenticate = (req: Request) => Promise<DashboardIdentity | undefined>;

/** Local ids as the Agents Playground sends them (not always GUIDs): letters, digits and dashes, bounded. */
const LOCAL_ID = /^[0-9a-z-]{1,64}$/i;

/**
 * Production: the Teams SSO token in `Authorization: Bearer`, verified (token-verifier.ts). Local mode only
 * (authentication off there, as for the bot): the identity from `?tenant=<tenant id>&user=<Entra object id>`;
 * production never reads those.
 */
export function dashboardAuthenticator(
  config: Pick<Config, 'mode' | 'allowedTenants'>,
  verifier: TokenVerifier,
): Authenticate {
  if (config.mode === 'local') return async (req) => localIdentity(req, config.allowedTenants);
  return async (req) => {
    const header = req.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header.trim()) : null;
    return match ? verifier.verify(match[1]) : undefined;
  };
}

function localIdentity(req: Request, allowedTenants: ReadonlySet<string>): DashboardIdentity | undefined {
  const query = new URL(req.url ?? '/', 'http://local').searchParams;
  const tenant = query.get('tenant') ?? '';
  const user = query.get('user') ?? '';
  if (!LOCAL_ID.test(tenant) || !LOCAL_ID.test(user)) return undefined;
  if (allowedTenants.size > 0 && !allowedTenants.has(tenant.toLowerCase())) return undefined;
  return { tenantId: cosmosSafe(tenant), userId: cosmosSafe(user.toLowerCase()) };
}
