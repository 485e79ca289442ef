import { withoutActionWords } from '../actions/follow-ups';
import type { PulseResultsView } from '../cards/pulse-view-models';
import type { PulseDoc } from '../domain/pulse-docs';
import { formatDeadline, pulseTimeZone } from '../pulse/pulse-views';
import type { PulseService } from '../pulse/pulse-service';
import { PULSE_ID } from '../pulse/pulse-service-deps';
import type { PulseListing, PulseStore } from '../storage/ports';
import type { DashboardPulseDetail, DashboardPulseItem, DashboardPulseList } from './api-types';
import type { Viewer } from './viewer';

/** The most pulses the list shows: the newest. */
export const PULSE_LIST_LIMIT = 50;

export interface PulseBoardDeps {
  listing: PulseListing;
  pulses: Pick<PulseStore, 'readPulse'>;
  service: Pick<PulseService, 'resultsView'>;
}

/**
 * The pulses a person may look at: every pulse of the tenant for a leader (or admin); for a manager those they sent
 * and those sent to their teams; none for anyone else. Results are the results card's, final once closed.
 */
export class PulseBoard {
  constructor(private readonly deps: PulseBoardDeps) {}

  /** Undefined when the person may see no pulses at all. */
  async list(viewer: Viewer): Promise<DashboardPulseList | undefined> {
    const { access, person } = viewer;
    if (!access.leader && !access.manager) return undefined;
    const filter = access.leader ? 'all' : { sentBy: person.userId, teamIds: await viewer.teams() };
    const pulses = await this.deps.listing.recent(person.tenantId, filter, PULSE_LIST_LIMIT);
    return { pulses: pulses.map((pulse) => item(pulse, person.userId)), limit: PULSE_LIST_LIMIT };
  }

  /** 'not found' for an unknown id or a pulse the person may not see (the two are not told apart). */
  async detail(viewer: Viewer, pulseId: string): Promise<DashboardPulseDetail | 'not found'> {
    const { access, person } = viewer;
    if (!PULSE_ID.test(pulseId) || (!access.leader && !access.manager)) return 'not found';
    const stored = await this.deps.pulses.readPulse(person.tenantId, pulseId);
    const pulse = stored?.doc;
    if (!pulse) return 'not found';
    const sender = pulse.createdBy === person.userId;
    const ofTheirTeam = !access.leader && (await viewer.teams()).includes(pulse.origin.rosterId);
    if (!access.leader && !sender && !ofTheirTeam) return 'not found';
    const results = (await this.deps.service.resultsView(pulse)) ?? null;
    const shown = results && (sender || ofTheirTeam ? results : withoutThePlans(pulse, results));
    return { pulse: item(pulse, person.userId), results: shown };
  }
}

/** What a team plans (its action list, the action a follow-up names) is for its own eyes: not for leaders browsing. */
function withoutThePlans(pulse: PulseDoc, results: PulseResultsView): PulseResultsView {
  const shown = withoutActionWords(pulse, results);
  if (shown.actions?.length) delete shown.actions;
  return shown;
}

function item(pulse: PulseDoc, userId: string): DashboardPulseItem {
  return {
    pulseId: pulse.pulseId,
    title: pulse.title,
    status: pulse.status,
    createdAt: pulse.createdAt,
    deadline: pulse.deadline,
    ...(pulse.closedAt ? { closedAt: pulse.closedAt } : {}),
    deadlineText: formatDeadline(pulse.deadline, pulseTimeZone(pulse)),
    responses: pulse.responses,
    recipients: pulse.fanOut.recipients,
    threshold: pulse.threshold,
    teamId: pulse.origin.rosterId,
    sentByMe: pulse.createdBy === userId,
  };
}
