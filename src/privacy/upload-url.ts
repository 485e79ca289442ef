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

/**
 * The upload session and the link the file card shows, when both are allowed and on the same host (and port): Teams
 * hands out both for one file in one OneDrive, so a pair that differs was not made by Teams.
 */
export function allowedUploadTarget(
  uploadUrl: unknown,
  contentUrl: unknown,
  mode: RunMode,
): { uploadUrl: URL; contentUrl: URL } | undefined {
  const upload = allowedUploadUrl(uploadUrl, mode);
  const content = allowedUploadUrl(contentUrl, mode);
  if (!upload || !content || upload.host.toLowerCase() !== content.host.toLowerCase()) return undefined;
  return { uploadUrl: upload, contentUrl: content };
}

/** True for a host an export may be uploaded to in production (telemetry leaves such calls out). */
export function isSharePointHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return SHAREPOINT_SUFFIXES.some((suffix) => host.endsWith(suffix) && host.length > suffix.length);
}
