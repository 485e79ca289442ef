import type { Activity } from 'botbuilder';

/** Personal (1:1) chat; the playground and some tests leave the conversation type out. */
export function isPersonal(activity: Partial<Activity>): boolean {
  const type = activity.conversation?.conversationType;
  return type === undefined || type === 'personal';
}

/**
 * Whether a file consent card works here: Teams supports bot files only in personal chats. The Agents Playground
 * (local runs) shows the card as "not supported yet" and can never answer it; its connector is `/_connector` on
 * loopback, an address production never admits.
 */
export function takesFiles(activity: Partial<Activity>): boolean {
  if (activity.channelId !== 'msteams' || activity.conversation?.conversationType !== 'personal') return false;
  return !isPlaygroundConnector(activity.serviceUrl);
}

function isPlaygroundConnector(serviceUrl: unknown): boolean {
  if (typeof serviceUrl !== 'string') return false;
  try {
    const url = new URL(serviceUrl);
    return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) && url.pathname.startsWith('/_connector');
  } catch {
    return false;
  }
}
