import type { PathView } from '../content/path-view';

/** "14 questions, about 10 minutes" (without the minutes when the pack does not state them). */
export function pathLength(path: PathView): string {
  const questions = path.questionIds.size;
  const count = `${questions} question${questions === 1 ? '' : 's'}`;
  return path.minutes === undefined ? count : `${count}, about ${path.minutes} minutes`;
}

/** What a person is told when they choose a path: where they are now, and how to choose another. */
export function pathChosenReply(chosen: PathView, previous: PathView, all: readonly PathView[]): string {
  const others = all.filter((path) => path.id !== chosen.id);
  const switchBack = others.map((path) => `**start ${path.id}** (${pathLength(path)})`).join(' or ');
  const where =
    chosen.id === previous.id
      ? `You're on the **${chosen.label}** already: ${pathLength(chosen)}.`
      : `You're on the **${chosen.label}** now: ${pathLength(chosen)}. Your answers so far are kept.`;
  return others.length === 0 ? where : `${where} To switch, type ${switchBack}.`;
}

/** The reply to "start <something>" that names no path of the pack. */
export function unknownPathReply(all: readonly PathView[]): string {
  if (all.length < 2) return 'There is only one way through these questions: type **start** to begin.';
  const choices = all.map((path) => `**start ${path.id}** for the ${path.label} (${pathLength(path)})`);
  return `I don't know that path. Type ${choices.join(', or ')}. Your answers are kept either way.`;
}
