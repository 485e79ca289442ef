import type { ContentIndex } from '../content/content-index';
import { invitationIds, type ParticipationDoc, type PersonalChat } from '../domain/invitation-docs';
import type { AnswerMap } from '../domain/answers';
import type { Person } from '../domain/person';
import type { Role } from '../domain/roles';
import { knownTimeZone } from '../domain/time-zones';
import type { Logger } from '../logging/logger';
import type { CampaignStore, NudgeSettingsStore, ParticipationStore, Versioned } from '../storage/ports';
import { DEFAULT_NUDGE_DAYS, nextNudgeAt, scheduled } from './nudge-schedule';
import { progressOn, stageOf } from './progress';

/** A turn in the 1:1 chat that stored answers, as the bot saw it (plain facts, no TurnContext). */
export interface AnsweringTurn {
  tenantId: string;
  userId: string;
  role: Role;
  answers: AnswerMap;
  answerRoles?: Record<string, Role>;
  path?: string;
  /** The activity's `localTimezone`, unchecked. */
  timeZone?: unknown;
  chat: PersonalChat;
}

/** The four opt-out commands. */
export type OptOutCommand = 'stop invitations' | 'start invitations' | 'stop reminders' | 'start reminders';

export interface ParticipationDeps {
  store: ParticipationStore;
  /** The tenant's reminder days, from which each write sets `nextNudgeAt`. */
  settings: NudgeSettingsStore;
  campaigns: CampaignStore;
  index: ContentIndex;
  logger: Logger;
  clock: () => Date;
}

/** lastActiveAt moves at most this often, so an answering session costs one write, not one per answer. */
const ACTIVE_RESOLUTION_MS = 3_600_000;
const ATTEMPTS = 3;

const REPLIES: Record<OptOutCommand, string> = {
  'stop invitations':
    'Done: no more invitations to the strategy questions, and no reminders. Your answers are kept. Type **start invitations** if you change your mind.',
  'start invitations': "Done: you'll get invitations and reminders again. Type **stop invitations** to stop them.",
  'stop reminders':
    'Done: no more reminders to finish the questions. Type **resume** whenever you like, or **start reminders** to have them again.',
  'start reminders': "Done: I'll remind you (at most twice) if you leave the questions unfinished.",
};

/**
 * A person's participation: their opt-outs, and — from each turn that stored answers — when they started and
 * finished their path, when they were last active, their time zone and their 1:1 chat, which the reminders need. A
 * start or finish is also recorded in the campaigns that invited them (counted on the channel card, never listed).
 */
export class ParticipationService {
  constructor(private readonly deps: ParticipationDeps) {}

  /** Called after a 1:1 turn stored answers; writes only when something the reminders use changed. */
  async afterAnswers(turn: AnsweringTurn): Promise<void> {
    const { index, clock } = this.deps;
    const progress = progressOn(index, turn, turn.role);
    const stage = stageOf(progress);
    if (stage === 'new') return;
    const now = clock();
    const at = now.toISOString();
    const sentZone = knownTimeZone(turn.timeZone);
    let changed: { started: boolean; finished: boolean } | undefined;
    await this.update(turn, (doc) => {
      changed = undefined;
      const started = !doc.startedAt;
      const finished = stage === 'finished' && !doc.finishedAt;
      // A client that sends no zone (or a forged one) says nothing about it: the last known zone stays.
      const timeZone = sentZone ?? doc.timeZone ?? 'UTC';
      const idle = !doc.lastActiveAt || now.getTime() - Date.parse(doc.lastActiveAt) >= ACTIVE_RESOLUTION_MS;
      const moved = doc.timeZone !== timeZone || doc.chat?.conversationId !== turn.chat.conversationId;
      if (!started && !finished && !idle && !moved) return undefined;
      changed = { started, finished };
      return {
        ...doc,
        startedAt: doc.startedAt ?? at,
        ...(finished ? { finishedAt: at } : {}),
        lastActiveAt: started || finished || idle ? at : doc.lastActiveAt,
        timeZone,
        chat: turn.chat,
        updatedAt: at,
      };
    });
    if (changed && (changed.started || changed.finished)) await this.recordInCampaigns(turn, changed, at);
  }

  /** `stop invitations` (reminders too), `start invitations`, `stop reminders`, `start reminders`: the reply. */
  async optOut(person: Pick<Person, 'tenantId' | 'userId'>, command: OptOutCommand): Promise<string> {
    const at = this.deps.clock().toISOString();
    const flags: Partial<Pick<ParticipationDoc, 'noInvitations' | 'noReminders'>> =
      command === 'stop invitations'
        ? { noInvitations: true, noReminders: true }
        : command === 'start invitations'
          ? { noInvitations: false, noReminders: false }
          : { noReminders: command === 'stop reminders' };
    const stored = await this.update(person, (doc) => ({ ...doc, ...flags, updatedAt: at }));
    return stored ? REPLIES[command] : 'That crossed with another change. Please send it again.';
  }

  /** Read, change, write conditionally (with the next reminder's time); on a conflict, again. False if it never landed. */
  private async update(
    person: Pick<Person, 'tenantId' | 'userId'>,
    change: (doc: ParticipationDoc) => ParticipationDoc | undefined,
  ): Promise<boolean> {
    const { store, logger, clock } = this.deps;
    let days: [number, number] | undefined;
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      const current: Versioned<ParticipationDoc> | undefined = await store.read(person.tenantId, person.userId);
      const next = change(current?.doc ?? blank(person.tenantId, person.userId, clock().toISOString()));
      if (!next) return true;
      days ??= (await this.deps.settings.read(person.tenantId))?.days ?? DEFAULT_NUDGE_DAYS;
      // Every change (activity, opt-out) moves the next reminder, or removes it.
      if (await store.write(scheduled(next, nextNudgeAt(next, days, clock())), current?.etag)) return true;
    }
    logger.warn('participation.write-conflict', { tenantId: person.tenantId });
    return false;
  }

  private async recordInCampaigns(
    turn: AnsweringTurn,
    changed: { started: boolean; finished: boolean },
    at: string,
  ): Promise<void> {
    const { campaigns } = this.deps;
    for (const campaignId of await campaigns.campaignsOf(turn.tenantId, turn.userId)) {
      if (changed.started) await campaigns.recordProgress(turn.tenantId, campaignId, turn.userId, 'started', at);
      if (changed.finished) await campaigns.recordProgress(turn.tenantId, campaignId, turn.userId, 'finished', at);
    }
  }
}

function blank(tenantId: string, userId: string, at: string): ParticipationDoc {
  return {
    id: invitationIds.participation(userId),
    type: 'participation',
    tenantId,
    userId,
    noInvitations: false,
    noReminders: false,
    nudgeCount: 0,
    updatedAt: at,
  };
}
