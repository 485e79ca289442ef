import type { ErasureOutcome, Leftover } from './erase-service';

/** What the leftovers mean for the person, in their words. */
function leftBehind(leftovers: readonly Leftover[]): string {
  const figures = leftovers.includes('summary figures');
  if (!leftovers.includes('example statements'))
    return "But I couldn't yet take your answers out of the organisation's summary figures (counts only, never names).";
  return figures
    ? "But I couldn't yet take your answers out of the organisation's summary figures and example statements (shown without names)."
    : "But I couldn't yet remove your words from the example statements on the organisation's summary (shown without names).";
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** What the person is told once "delete my data" has done all it could: only what is true by then. */
export function erasureReply(outcome: ErasureOutcome): string {
  switch (outcome.status) {
    case 'in progress':
      return "I'm already deleting your data for that confirmation. If you don't see that it's done in a minute, type **my data** to check what is left.";
    case 'not done':
      return outcome.part === 'answers'
        ? "Sorry — I couldn't finish deleting your answers because of a problem on our side. Please type **delete my data** again in a few minutes; **my data** shows what is still stored."
        : "Sorry — I couldn't finish deleting your data because of a problem on our side, and I haven't touched your answers yet. Please type **delete my data** again in a few minutes.";
    case 'done': {
      const pulse = outcome.pulseResponses > 0 ? `, ${plural(outcome.pulseResponses, 'pulse answer')}` : '';
      const digest = outcome.digest ? ', your leadership digest' : '';
      if (outcome.leftovers.length === 0)
        return `Done. I deleted ${plural(outcome.answers, 'answer')}${pulse}${digest}, your progress and the conversation details I kept. Type **start** if you ever want to begin again.`;
      return `I deleted your ${plural(outcome.answers, 'answer')}${pulse}${digest}, your progress and the conversation details I kept. ${leftBehind(outcome.leftovers)} I've asked the admins to recompute the summary, which removes your share. Sorry about that.`;
    }
  }
}
