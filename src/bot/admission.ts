import type { Activity } from 'botbuilder';
import type { RunMode } from '../config';

/** Who may reach the bot at all; checked on every activity before any logic or storage. */
export interface AdmissionPolicy {
  mode: RunMode;
  /** Empty means every tenant, which only local mode accepts. */
  allowedTenants: ReadonlySet<string>;
  /** Host names replies may be sent to (Teams' connector); loopback hosts are added in local mode. */
  allowedServiceUrlHosts: ReadonlySet<string>;
}

export type Admission = { admitted: true } | { admitted: false; reason: string; tenantId?: string };

/** Tenant id used when the local playground or a test sends none; never accepted in production. */
export const LOCAL_TENANT = 'local-tenant';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The tenant an activity comes from, as Teams states it (lower-cased), or '' when it states none. */
export function tenantOf(activity: Partial<Activity>, mode: RunMode): string {
  const channelTenant = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  const tenantId =
    (typeof channelTenant === 'string' && channelTenant) ||
    activity.conversation?.tenantId ||
    (mode === 'local' ? LOCAL_TENANT : '');
  return tenantId.toLowerCase();
}

/** Decides whether an (authenticated) activity is served; the reason is for one log line. */
export function admit(activity: Partial<Activity>, policy: AdmissionPolicy): Admission {
  if (policy.mode === 'production' && activity.channelId !== 'msteams')
    // Other channels (Web Chat is on for every Azure Bot) let the client set tenant and user ids.
    return { admitted: false, reason: 'not the Teams channel' };
  if (!serviceUrlAllowed(activity.serviceUrl, policy)) return { admitted: false, reason: 'serviceUrl not allowed' };
  const tenantId = tenantOf(activity, policy.mode);
  if (policy.allowedTenants.size > 0 && !policy.allowedTenants.has(tenantId))
    return { admitted: false, reason: 'tenant not allowed', tenantId };
  return { admitted: true };
}

/** Replies go to the serviceUrl, so it must be Teams' connector (or this machine, locally). */
function serviceUrlAllowed(serviceUrl: unknown, policy: AdmissionPolicy): boolean {
  if (typeof serviceUrl !== 'string') return false;
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return false;
  }
  const host = url.hostname.toLowerCase();
  if (policy.mode === 'local') return policy.allowedServiceUrlHosts.has(host) || LOOPBACK_HOSTS.has(host);
  return url.protocol === 'https:' && policy.allowedServiceUrlHosts.has(host);
}
