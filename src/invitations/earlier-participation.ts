import { invitationIds, type ParticipationDoc, type PersonalChat } from '../domain/invitation-docs';
import type { Role } from '../domain/roles';
import type { EarlierRecord } from '../storage/ports';
import { progressOn, stageOf } from './progress';
import type { ContentIndex } from '../content/content-index';

/** Reads the person and session documents of a roster page's people (one query). */
export type EarlierRecords = (tenantId: string, userIds: readonly string[]) => Promise<EarlierRecord[]>;

export interface EarlierDeps {
  records: EarlierRecords;
  index: ContentIndex;
  roleOf: (userId: string) => Role;
}

/**
 * For people who answered before participation documents existed (so have none): their participation as their stored
 * answers say — started or finished (dated by their person document's last write, which is the best that is known),
 * and their 1:1 chat from a personal session — or nothing for those who never answered.
 */
export async function earlierParticipation(
  deps: EarlierDeps,
  tenantId: string,
  userIds: readonly string[],
  at: string,
): Promise<ParticipationDoc[]> {
  const records = await deps.records(tenantId, userIds);
  const chats = new Map<string, PersonalChat>();
  for (const record of records) {
    const chat = record.type === 'session' ? personalChat(record) : undefined;
    if (chat) chats.set(record.userId, chat);
  }
  const found: ParticipationDoc[] = [];
  for (const person of records) {
    if (person.type !== 'person' || !person.answers) continue;
    const progress = progressOn(deps.index, { ...person, answers: person.answers }, deps.roleOf(person.userId));
    const stage = stageOf(progress);
    if (stage === 'new') continue;
    const since = person.updatedAt && Date.parse(person.updatedAt) > 0 ? person.updatedAt : at;
    const chat = chats.get(person.userId);
    found.push({
      id: invitationIds.participation(person.userId),
      type: 'participation',
      tenantId,
      userId: person.userId,
      noInvitations: false,
      noReminders: false,
      startedAt: since,
      ...(stage === 'finished' ? { finishedAt: since } : {}),
      lastActiveAt: since,
      ...(chat ? { chat } : {}),
      nudgeCount: 0,
      updatedAt: at,
    });
  }
  return found;
}

function personalChat(record: EarlierRecord): PersonalChat | undefined {
  const reference = record.conversationReference;
  const { serviceUrl } = reference ?? {};
  const { id, conversationType } = reference?.conversation ?? {};
  if (conversationType !== 'personal' || typeof serviceUrl !== 'string' || typeof id !== 'string') return undefined;
  return { serviceUrl, conversationId: id };
}
