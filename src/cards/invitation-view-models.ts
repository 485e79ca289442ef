/** What the invitation and reminder card, the campaign's channel card and a leader's team list show. */

/** The 1:1 invitation (Start) or reminder (Resume), with a way to ask for no more. */
export interface InvitationView {
  kind: 'invitation' | 'reminder';
  /** "about 10 minutes", from the person's path; empty when the pack states no time. */
  minutesText: string;
  /** How many questions of their path are left (reminders only). */
  questionsLeft?: number;
}

/** The channel card: each figure already coarsened ("fewer than 5"). */
export interface InvitationChannelView {
  status: 'sending' | 'open' | 'closed';
  invitedText: string;
  startedText: string;
  finishedText: string;
  /** The group threshold the figures are held to. */
  threshold: number;
}

/** A leader's list of the teams the bot knows. */
export interface InvitationTeamsView {
  teams: { value: string; title: string }[];
  error?: string;
}
