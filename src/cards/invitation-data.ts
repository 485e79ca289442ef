import type { InvitationChannelView, InvitationTeamsView, InvitationView } from './invitation-view-models';
import { CardDataError, safeChoiceValue, safeInt, safeLine, safeList, safeObject, safeText } from './safe-text';

const LIMITS = { minutes: 60, figure: 40, title: 120, error: 400 };
const MAX_COUNT = 10_000;
const MAX_TEAMS = 50;

/** Template data of the 1:1 invitation or reminder card. */
export function invitationData(raw: unknown): Record<string, unknown> {
  const view = safeObject(raw, 'view') as Partial<InvitationView>;
  if (view.kind !== 'invitation' && view.kind !== 'reminder') throw new CardDataError('kind', 'invitation or reminder');
  const minutes = safeLine(view.minutesText, 'minutesText', LIMITS.minutes);
  if (view.kind === 'invitation')
    return {
      title: 'Help shape our AI strategy',
      message:
        'Your organisation is working out what it wants generative AI to do — and not do. Your view counts: a few questions, one at a time, in this chat. You can pause and pick up later.',
      lengthText: minutes
        ? `It takes ${minutes}. Only counts and themes from many people reach anyone else.`
        : 'Only counts and themes from many people reach anyone else.',
      optOutText: 'Not for you? Press "No more invitations", or type **stop invitations**.',
      buttonTitle: 'Start',
      buttonCommand: 'start',
      optOutTitle: 'No more invitations',
      optOutCommand: 'stop invitations',
    };
  const left = safeInt(view.questionsLeft ?? 0, 'questionsLeft', 0, MAX_COUNT);
  return {
    title: 'Pick up where you left off?',
    message: `You started the AI strategy questions — thank you. ${left === 1 ? 'One question is' : `${left} questions are`} left; your answers so far are saved.`,
    lengthText: 'Resume takes you straight to your next question.',
    optOutText: 'Press "No more reminders", or type **stop reminders**, and I won\'t remind you again.',
    buttonTitle: 'Resume',
    buttonCommand: 'resume',
    optOutTitle: 'No more reminders',
    optOutCommand: 'stop reminders',
  };
}

/** Template data of the campaign's channel card. */
export function invitationChannelData(raw: unknown): Record<string, unknown> {
  const view = safeObject(raw, 'view') as Partial<InvitationChannelView>;
  const threshold = safeInt(view.threshold, 'threshold', 1, MAX_COUNT);
  const status = safeChoiceValue(view.status, 'status');
  const statusLine =
    status === 'sending'
      ? 'Invitations are going out to everyone in this team, 1:1.'
      : status === 'open'
        ? 'Everyone in this team got a 1:1 invitation (except those who had finished or asked for none). This card shows how it is going.'
        : 'This invitation has ended. The figures are as they stood.';
  return {
    statusLine,
    invitedText: safeLine(view.invitedText, 'invitedText', LIMITS.figure),
    startedText: safeLine(view.startedText, 'startedText', LIMITS.figure),
    finishedText: safeLine(view.finishedText, 'finishedText', LIMITS.figure),
    privacyLine: `No names, ever. A figure below ${threshold} is shown as "fewer than ${threshold}", and all of them in bands of ${threshold} when two would differ by fewer than ${threshold} people.`,
  };
}

/** Template data of a leader's list of teams to invite. */
export function invitationTeamsData(raw: unknown): Record<string, unknown> {
  const view = safeObject(raw, 'view') as Partial<InvitationTeamsView>;
  const error = view.error === undefined ? '' : safeText(view.error, 'error', LIMITS.error);
  return {
    teams: safeList(view.teams, 'teams', MAX_TEAMS, (item, path) => {
      const team = safeObject(item, path);
      return {
        value: safeChoiceValue(team.value, `${path}.value`),
        title: safeLine(team.title, `${path}.title`, LIMITS.title),
      };
    }),
    hasError: error !== '',
    error,
  };
}
