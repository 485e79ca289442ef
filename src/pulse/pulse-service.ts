import type { PulseResultsView } from '../cards/pulse-view-models';
import { finalResultsView } from './final-results';
import { PulseClosing } from './pulse-closing';
import { checkResponse } from './response-input';
import { closedMessage, responseReply } from './pulse-replies';
import { PULSE_ID, type PulseReply, type PulseServiceDeps } from './pulse-service-deps';
import { PulseSetup } from './pulse-setup';
import { SeriesActions } from './series/series-actions';
import { pulseTimeZone } from './pulse-views';
import type { Person } from '../domain/person';
import { pulseIds, type PulseDoc, type PulseOrigin } from '../domain/pulse-docs';

export type { PulseReply, PulseServiceDeps } from './pulse-service-deps';

const NOT_RECOGNISED = "I don't recognise that pulse, so I haven't saved anything. Please use the card I sent you.";

/** Starting, answering and closing pulses (botbuilder-free: the dialog layer passes the activity's facts in). */
export class PulseService {
  private readonly setup: PulseSetup;
  private readonly closing: PulseClosing;
  private readonly seriesActions: SeriesActions;

  constructor(private readonly deps: PulseServiceDeps) {
    this.setup = new PulseSetup(deps);
    this.closing = new PulseClosing(deps);
    this.seriesActions = new SeriesActions(deps);
  }

  /** The setup card (its deadline in the sender's IANA `timeZone`), or a refusal for someone the policy does not allow. */
  setupCard(person: Person, placeKind: string, timeZone: string): Promise<PulseReply[]> {
    return this.setup.setupCard(person, placeKind, timeZone);
  }

  /**
   * Creates the pulse from the setup card and starts sending it; the setup card comes back when something is wrong.
   * The card's day and time are wall-clock ones in `timeZone` (the sender's IANA zone), which the pulse keeps.
   */
  create(
    person: Person,
    origin: PulseOrigin,
    placeKind: string,
    value: Record<string, unknown>,
    timeZone: string,
  ): Promise<PulseReply[]> {
    return this.setup.create(person, origin, placeKind, value, timeZone);
  }

  /**
   * Stores a person's answers from their 1:1 card, after checking the card is the one sent to them. Times in the reply
   * are in `timeZone`, the person's own IANA zone; without one, in the pulse's.
   */
  async respond(person: Person, value: Record<string, unknown>, timeZone?: string): Promise<PulseReply[]> {
    const { pulses, clock } = this.deps;
    const pulseId = typeof value.pulseId === 'string' ? value.pulseId : '';
    if (!PULSE_ID.test(pulseId)) return [NOT_RECOGNISED];
    const pulse = await pulses.readPulse(person.tenantId, pulseId);
    if (!pulse) return [NOT_RECOGNISED];
    const delivery = await this.deps.ledger.readDelivery(person.tenantId, pulseId, person.userId);
    if (!delivery) return ["This pulse wasn't sent to you, so I can't take answers for it."];
    if (typeof value.token !== 'string' || value.token !== delivery.doc.token) return [NOT_RECOGNISED];
    const now = clock();
    const zone = timeZone ?? pulseTimeZone(pulse.doc);
    if (pulse.doc.status !== 'open' || Date.parse(pulse.doc.deadline) <= now.getTime())
      return [closedMessage(pulse.doc, zone)];
    const checked = checkResponse(value, pulse.doc, this.deps.index.pack.limits.longText);
    if (!checked.ok) return [checked.message];
    const outcome = await this.deps.responses.saveResponse(
      {
        id: pulseIds.response(pulseId, person.userId),
        type: 'response',
        tenantId: person.tenantId,
        pulseId,
        userId: person.userId,
        answers: checked.answers,
        ...(checked.comment === undefined ? {} : { comment: checked.comment }),
        submittedAt: now.toISOString(),
        updatedAt: now.toISOString(),
      },
      delivery,
      pulse,
    );
    this.deps.logger.info('pulse.response', { tenantId: person.tenantId, pulseId, outcome });
    if (outcome !== 'closed') return [responseReply(outcome, pulse.doc.deadline, zone)];
    // It closed while this answer was on its way: the results are final and do not include it.
    return [closedMessage((await pulses.readPulse(person.tenantId, pulseId))?.doc ?? pulse.doc, zone)];
  }

  /** The sender closes the pulse early: the channel card shows it closed and the results card is the reply. */
  closeBySender(person: Person, value: Record<string, unknown>, rosterId: string): Promise<PulseReply[]> {
    return this.closing.closeBySender(person, value, rosterId);
  }

  /** The sender stops the series of the pulse on a results card (anyone else is refused; nothing changes). */
  stopSeries(person: Person, value: Record<string, unknown>, rosterId: string): Promise<PulseReply[]> {
    return this.seriesActions.stop(person, value, rosterId);
  }

  /** The sender starts a new run now from a results card (it joins the series, or is a one-off like the pulse). */
  runAgain(person: Person, value: Record<string, unknown>, rosterId: string): Promise<PulseReply[]> {
    return this.seriesActions.runAgain(person, value, rosterId);
  }

  /** Closes a pulse whose deadline has passed; its results go to the channel (see postDueResults). */
  closeAtDeadline(tenantId: string, pulseId: string): Promise<void> {
    return this.closing.closeAtDeadline(tenantId, pulseId);
  }

  /** Posts the results card of a pulse closed at its deadline to its channel, at least once (see PulseClosing). */
  postDueResults(tenantId: string, pulseId: string): Promise<void> {
    return this.closing.postDueResults(tenantId, pulseId);
  }

  /** A closed pulse's results as the results card shows them (thresholded, final); undefined while open or cancelled. */
  async resultsView(pulse: PulseDoc): Promise<PulseResultsView | undefined> {
    if (pulse.status !== 'closed') return undefined;
    return finalResultsView(this.deps, pulse, this.deps.clock);
  }

  /** Shows the current response count on the channel card (the scheduler throttles how often). */
  refreshChannelCard(pulse: PulseDoc): Promise<void> {
    return this.closing.refreshChannelCard(pulse);
  }
}
