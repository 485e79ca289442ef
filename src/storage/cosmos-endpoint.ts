import { isIPv4 } from 'node:net';

/** True when the endpoint points at this machine, where a self-signed certificate is accepted in local mode. */
export function isLoopbackEndpoint(endpoint: string): boolean {
  let host: string;
  try {
    host = new URL(endpoint).hostname;
  } catch {
    return false;
  }
  return host === 'localhost' || host === '[::1]' || (isIPv4(host) && host.startsWith('127.'));
}
