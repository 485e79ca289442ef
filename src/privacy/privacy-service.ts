import type { CardRenderer } from '../cards/card-renderer';
import type { Reply } from '../cards/reply';
import type { ContentIndex } from '../content/content-index';
import type { ContentPack } from '../content/types';
import { formatInZone, knownTimeZone, timeZoneOrUtc } from '../domain/time-zones';
import type { AnswerStore } from '../storage/ports';
import type { Session } from '../storage/user-docs';
import { assertSamePerson } from '../strategy/same-person';
import { isRecord } from '../strategy/submit';
import { myDataView } from '../strategy/summary-views';
import { newToken } from '../strategy/token';
import type { Person } from '../domain/person';
import type { EraseService, ErasureOutcome } from './erase-service';
import { erasureReply } from './erasure-replies';
import { EXPORT_ONLY_IN_PERSONAL_CHAT, fileConsentCard, textExport } from './export-replies';
import type { ExportService } from './export-service';
import type { PulseAndDigestData } from './pulse-and-digest-data';

export interface PrivacyServiceDeps {
  pack: ContentPack;
  index: ContentIndex;
  cards: CardRenderer;
  answers: AnswerStore;
  pulseAndDigestData: PulseAndDigestData;
  erasure: EraseService;
  exports: ExportService;
}

/** Where an export was asked for, as the channel told it. */
export interface ExportPlace {
  conversationId: string;
  /** A 1:1 chat: the export holds the person's own answers, so it is sent nowhere else. */
  personal: boolean;
  /** A Teams 1:1 chat, where a file can be offered with a consent card. */
  takesFiles: boolean;
  /** The person's IANA zone as the channel sent it, unchecked. */
  timeZone?: unknown;
}

/** How a confirmation of "delete my data" ended: the replies, and whether the person's session is gone. */
export interface DeleteAnswer {
  replies: Reply[];
  /** The session was erased (or is being erased by the first delivery): writing it back would recreate it. */
  sessionGone: boolean;
}

const EXPIRED = 'That confirmation has expired, so nothing was deleted. Type **delete my data** to start again.';

/** "My data", export and "delete my data", botbuilder-free: what a person can see and remove of what is stored about them. */
export class PrivacyService {
  constructor(private readonly deps: PrivacyServiceDeps) {}

  /** Every stored answer, read from the answers container (the record), not from the session copy. */
  async myData({ tenantId, userId }: Person, timeZone?: unknown): Promise<Reply[]> {
    const [stored, other] = await Promise.all([
      this.deps.answers.listForUser(tenantId, userId),
      this.deps.pulseAndDigestData.export(tenantId, userId),
    ]);
    const answers = Object.fromEntries(stored.map((answer) => [answer.questionId, answer.value]));
    const latest = stored
      .map((answer) => answer.answeredAt)
      .sort()
      .at(-1);
    const view = myDataView(
      this.deps.index,
      this.deps.pack,
      answers,
      latest ? formatInZone(new Date(latest), timeZoneOrUtc(timeZone)) : '',
      {
        pulseResponses: other.pulseResponses.length,
        pulsesReceived: other.pulsesReceived,
        digest: other.digest?.frequency ?? '',
      },
    );
    return [this.deps.cards.myData(view)];
  }

  /**
   * Only in a 1:1 chat. Where files are possible, a file consent card (the file is built and uploaded when the person
   * allows it, see FileConsentInvoke); elsewhere the JSON as text.
   */
  async exportData({ tenantId, userId }: Person, place: ExportPlace): Promise<Reply[]> {
    if (!place.personal) return [EXPORT_ONLY_IN_PERSONAL_CHAT];
    if (place.takesFiles) {
      const holder = { userId, conversationId: place.conversationId };
      const offer = await this.deps.exports.offer(tenantId, holder, knownTimeZone(place.timeZone));
      return [{ attachments: [fileConsentCard(offer)] }];
    }
    return textExport(await this.deps.exports.asText(tenantId, userId));
  }

  /** Asks for confirmation with a one-time token kept in the session, so an old or forged button cannot delete anything. */
  askToDelete(session: Session): Reply[] {
    const token = newToken();
    session.doc.deleteToken = token;
    const answerCount = Object.keys(session.doc.answers).length;
    return [this.deps.cards.confirmDelete({ token, answerCount })];
  }

  /**
   * The confirm card's submit: the erase service removes everything, then the person is told what it came to. A
   * redelivered confirmation (same `request`: conversation and message id) gets the same answer and writes nothing.
   * The speaker and the session must be the same person (a programming error otherwise).
   */
  async confirmDelete(
    speaker: Person,
    session: Session,
    value: unknown,
    request: readonly string[] | undefined,
  ): Promise<DeleteAnswer> {
    assertSamePerson(speaker, session);
    const { tenantId, userId } = speaker;
    const expected = session.doc.deleteToken;
    if (!isRecord(value) || !expected || value.token !== expected) {
      const earlier = request && (await this.deps.erasure.earlier(tenantId, userId, request));
      if (earlier) return told(earlier);
      return { replies: [EXPIRED], sessionGone: false };
    }
    delete session.doc.deleteToken;
    if (value.confirm !== true)
      return { replies: ['Nothing was deleted. Your answers are still here.'], sessionGone: false };
    const outcome = await this.deps.erasure.erase({
      tenantId,
      userId,
      session,
      teamIds: session.doc.teamIds ?? [],
      request,
    });
    return told(outcome);
  }
}

function told(outcome: ErasureOutcome): DeleteAnswer {
  return { replies: [erasureReply(outcome)], sessionGone: outcome.status !== 'not done' };
}
