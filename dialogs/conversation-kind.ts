import type { Activity } from 'botbuilder';

/** Personal (1:1) chat; the playground and some tests leave the conversation type out. */
export function isPersonal(activity: Partial<Activity>): boolean {
  const type = activity.conversation?.conversationType;
  return type === undefined || type === 'personal';
}
