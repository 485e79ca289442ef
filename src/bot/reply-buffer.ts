import type { Activity, ResourceResponse, TurnContext } from 'botbuilder';

export interface ReplyBuffer {
  /** Sends what the turn said, once its state is safely stored. */
  flush(): Promise<void>;
  /** Forgets what the turn said (its state could not be stored). */
  discard(): void;
}

/**
 * Holds the turn's replies until the session is stored, so a user never sees the next question for an answer
 * that was not saved, and a turn that is retried after a conflict does not send everything twice.
 * While held, `context.responded` stays false: that is what makes a prompt re-send its card after a rejection.
 */
export function bufferReplies(context: TurnContext): ReplyBuffer {
  let held: Partial<Activity>[] | undefined = [];
  context.onSendActivities(async (_context, activities, next): Promise<ResourceResponse[]> => {
    if (!held) return next();
    held.push(...activities);
    return activities.map(() => ({ id: '' }));
  });
  return {
    async flush() {
      const replies = held ?? [];
      held = undefined;
      if (replies.length > 0) await context.sendActivities(replies);
    },
    discard() {
      held = undefined;
    },
  };
}
