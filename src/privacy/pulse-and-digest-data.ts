import { scrubNames } from '../aggregation/quotes';
import { CAMPAIGN_PREFIX, type ParticipationDoc } from '../domain/invitation-docs';
import type { DeliveryDoc, PulseAnswers } from '../domain/pulse-docs';
import type { ActionPlanData, ExportedAction } from './action-plan-data';
import type {
  CampaignStore,
  DigestStore,
  ParticipationStore,
  PulseResponses,
  PulseStore,
  SeriesStore,
} from '../storage/ports';

export interface ExportedPulseResponse {
  pulse: string;
  answers: PulseAnswers;
  comment?: string;
  submittedAt: string;
  updatedAt: string;
}

export interface PulseAndDigestExport {
  pulseResponses: ExportedPulseResponse[];
  /** How many pulses were sent to the person (the send records hold only ids and times). */
  pulsesReceived: number;
  digest?: { frequency: string; nextDueAt: string; timeZone?: string };
  /** Invitations and reminders: their opt-outs, progress, time zone and the reminders sent (absent when none). */
  invitations?: ExportedParticipation;
  /** Action plans they own or planned (absent when none). */
  actionPlans?: ExportedAction[];
}

export interface ExportedParticipation {
  noInvitations: boolean;
  noReminders: boolean;
  startedAt?: string;
  finishedAt?: string;
  lastActiveAt?: string;
  timeZone?: string;
  /** How many invitation campaigns reached them (the records hold only ids and times). */
  invitationsReceived: number;
  remindersSent: string[];
}

/** Invitation campaigns and participation: what of a person they hold (their progress records, their document). */
export interface InvitationData {
  campaigns: Pick<CampaignStore, 'eraseProgress'>;
  participation: Pick<ParticipationStore, 'read'>;
}

/** The recurring pulses a person started: stopped when they are erased, so nothing is sent in their name after. */
export interface SeriesData {
  store: Pick<SeriesStore, 'seriesStartedBy' | 'stopSeries'>;
  clock: () => Date;
}

/** Series stopped per erasure at most (one TOP-bounded query; a person starts few). */
const ERASED_SERIES = 100;

export interface PulseAndDigestErasure {
  pulseResponses: number;
  pulsesReceived: number;
  digest: boolean;
}

/**
 * What Strategy Guide keeps about a person outside their own partition of answers and sessions: their pulse
 * responses, the records of the pulses sent to them, a leader's digest subscription (with its conversation
 * reference), and the recurring pulses they started (stopped on erasure). Each is read and removed within the person's tenant.
 */
export class PulseAndDigestData {
  constructor(
    private readonly pulses: PulseStore,
    private readonly responses: PulseResponses,
    private readonly digests: DigestStore,
    /** Invitations: the person's progress records in campaigns go with an erasure (their document with the rest). */
    private readonly invitations?: InvitationData,
    /** Recurring pulses: the person's series stop with an erasure. */
    private readonly series?: SeriesData,
    /** Action plans: the ones naming the person are exported, and kept for the team without them on erasure. */
    private readonly actionPlans?: ActionPlanData,
  ) {}

  async export(tenantId: string, userId: string): Promise<PulseAndDigestExport> {
    const [{ responses, deliveries }, digest, participation, actionPlans] = await Promise.all([
      this.responses.personalDocs(tenantId, userId),
      this.digests.find(tenantId, userId),
      this.invitations?.participation.read(tenantId, userId),
      this.actionPlans?.export(tenantId, userId),
    ]);
    const titles = new Map<string, string>();
    for (const pulseId of new Set(responses.map((response) => response.pulseId)))
      titles.set(pulseId, (await this.pulses.readPulse(tenantId, pulseId))?.doc.title ?? pulseId);
    return {
      pulseResponses: responses.map(({ pulseId, answers, comment, submittedAt, updatedAt }) => ({
        pulse: titles.get(pulseId) ?? pulseId,
        answers,
        ...(comment ? { comment } : {}),
        submittedAt,
        updatedAt,
      })),
      // Invitation campaigns keep their ledger beside the pulses'; they are invitations, not pulses.
      pulsesReceived: deliveries.filter((delivery) => !delivery.pulseId.startsWith(CAMPAIGN_PREFIX)).length,
      ...(digest
        ? { digest: { frequency: digest.frequency, nextDueAt: digest.nextDueAt, timeZone: digest.timeZone } }
        : {}),
      ...(participation ? { invitations: exportedParticipation(participation.doc, deliveries) } : {}),
      ...(actionPlans && actionPlans.length > 0 ? { actionPlans } : {}),
    };
  }

  /**
   * Removes it all. Of a pulse still open, the person's send record and response are deleted (the record first:
   * without it the pulse takes no new answer from them) and the live count goes down. Of a closed pulse, whose
   * results were shown, they are kept but unlinked from the person (and a comment only scrubbed of names), so results
   * shown again cannot differ and give their answers away. Safe to run again.
   */
  async erase(tenantId: string, userId: string): Promise<PulseAndDigestErasure> {
    // First, so that no run goes out in their name while the rest is removed.
    if (this.series)
      for (const seriesId of await this.series.store.seriesStartedBy(tenantId, userId, ERASED_SERIES))
        await this.series.store.stopSeries(tenantId, seriesId, this.series.clock());
    const { responses, deliveries } = await this.responses.personalDocs(tenantId, userId);
    const open = new Set<string>();
    for (const pulseId of new Set([...deliveries, ...responses].map((doc) => doc.pulseId)))
      if (isCampaign(pulseId) || (await this.pulses.readPulse(tenantId, pulseId))?.doc.status === 'open')
        open.add(pulseId);
    let removedDeliveries = 0;
    for (const delivery of deliveries) {
      // A campaign's entries go whatever its state (no results hang on them; "invited" goes down by one).
      const done = open.has(delivery.pulseId)
        ? await this.responses.deletePersonalDoc(delivery)
        : await this.responses.anonymise(delivery);
      if (done) removedDeliveries++;
    }
    let removedResponses = 0;
    for (const response of responses) {
      if (!open.has(response.pulseId)) {
        // The comment is kept only as the results show it: names and mentions taken out.
        const scrubbed = response.comment ? { ...response, comment: scrubNames(response.comment) } : response;
        if (await this.responses.anonymise(scrubbed)) removedResponses++;
      } else if (await this.responses.deletePersonalDoc(response)) {
        removedResponses++;
        await this.pulses.decrementResponses(tenantId, response.pulseId);
      }
    }
    const digest = await this.digests.unsubscribe(tenantId, userId);
    await this.invitations?.campaigns.eraseProgress(tenantId, userId);
    if (this.actionPlans && !(await this.actionPlans.erase(tenantId, userId)))
      throw new Error('an action plan naming the person changed during the erasure');
    return { pulseResponses: removedResponses, pulsesReceived: removedDeliveries, digest };
  }
}

/** Invitation campaigns keep their ledger beside the pulses' (their ids are not pulse ids). */
function isCampaign(pulseId: string): boolean {
  return pulseId.startsWith(CAMPAIGN_PREFIX);
}

/** The participation document as the person's export shows it, with how many invitations reached them. */
function exportedParticipation(doc: ParticipationDoc, deliveries: readonly DeliveryDoc[]): ExportedParticipation {
  const { noInvitations, noReminders, startedAt, finishedAt, lastActiveAt, timeZone } = doc;
  const invitationsReceived = deliveries.filter((delivery) => delivery.pulseId.startsWith(CAMPAIGN_PREFIX)).length;
  const remindersSent = doc.nudgedAt ?? [];
  return {
    noInvitations,
    noReminders,
    startedAt,
    finishedAt,
    lastActiveAt,
    timeZone,
    invitationsReceived,
    remindersSent,
  };
}
