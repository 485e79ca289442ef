import type { RunMode } from '../config';

/**
 * Where an export may be uploaded. The upload URL comes in the invoke, so without this check a forged invoke could
 * have the bot PUT someone's data anywhere. Teams hands out OneDrive for Business upload sessions, which live on
 * `<tenant>-my.sharepoint.com`; bots cannot send files in GCC High, DoD or 21Vianet (Microsoft Learn, "Send and receive
 * files using bot"), so their SharePoint domains are left out. Fixed in code: no setting can widen it.
 */
const SHAREPOINT_SUFFIXES: readonly string[] = ['.sharepoint.com'];

/** Local mode only: the fake OneDrive of the tests and local runs, on this machine. */
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The URL, when the bot may send a file there (or show it as the file's link); undefined otherwise. */
export function allowedUploadUrl(value: unknown, mode: RunMode): URL | undefined {
  if (typeof value !== 'string' || value.length > 8_192) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.username || url.password) return undefined;
  const host = url.hostname.toLowerCase();
  if (mode === 'local' && LOOPBACK_HOSTS.has(host) && (url.protocol === 'http:' || url.protocol === 'https:'))
    return url;
  return url.protocol === 'https:' && url.port === '' && isSharePointHost(host) ? url : undefined;
}

/** True for a host an export may be uploaded to in production (telemetry leaves such calls out). */
export function isSharePointHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return SHAREPOINT_SUFFIXES.some((suffix) => host.endsWith(suffix) && host.length > suffix.length);
}
