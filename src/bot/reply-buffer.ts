import { DeliveryModes, type Activity, type ResourceResponse, type TurnContext } from 'botbuilder';

export interface ReplyBuffer {
  /**
   * Sends what the turn said, once its state is safely stored, then the updates of messages already in the chat
   * (an answered card becoming its record). A reply that fails throws; an update that fails is only reported.
   */
  flush(): Promise<void>;
  /** Forgets what the turn said and updated (its state could not be stored). */
  discard(): void;
}

/**
 * Holds the turn's replies and message updates until the session is stored, so a user never sees the next question,
 * or a card turned into the record of an answer, for an answer that was not saved, and a turn that is retried after
 * a conflict does not send everything twice. While held, `context.responded` stays false: that is what makes a
 * prompt re-send its card after a rejection. `updateFailed` hears of an update the connector refused.
 */
export function bufferReplies(context: TurnContext, updateFailed: (error: unknown) => void): ReplyBuffer {
  let held: Partial<Activity>[] | undefined = [];
  let updates: Partial<Activity>[] | undefined = [];
  context.onSendActivities(async (_context, activities, next): Promise<ResourceResponse[]> => {
    if (!held) return next();
    held.push(...activities);
    return activities.map(() => ({ id: '' }));
  });
  context.onUpdateActivity(async (_context, activity, next): Promise<void> => {
    if (!updates) return next();
    updates.push(activity);
  });
  return {
    async flush() {
      const replies = held ?? [];
      const pending = updates ?? [];
      held = undefined;
      updates = undefined;
      if (replies.length > 0) await context.sendActivities(replies);
      // expectReplies (tests, benchmarks) gets the replies in the HTTP answer: nothing was posted, nothing to update.
      if (context.activity.deliveryMode === DeliveryModes.ExpectReplies) return;
      for (const update of pending) await context.updateActivity(update).catch(updateFailed);
    },
    discard() {
      held = undefined;
      updates = undefined;
    },
  };
}
