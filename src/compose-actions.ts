import type { AuditTrail } from './audit/audit-trail';
import type { CardRenderer } from './cards/card-renderer';
import type { AccessResolver } from './leadership/access';
import type { Logger } from './logging/logger';
import type { PulseParts } from './compose-pulses';
import { randomUUID } from 'node:crypto';
import { ActionReminders } from './actions/action-reminders';
import { ActionPlanService } from './actions/action-service';
import { SummaryPlanService } from './actions/summary-plans';
import type { ContentIndex } from './content/content-index';
import type { SummaryService } from './leadership/summary-service';
import type { ActionStore, TenantLeases } from './storage/ports';

/** An instance that stops renewing the reminder lease loses it after this long. */
const REMINDER_LEASE_MS = 60_000;

export interface ActionParts {
  store: ActionStore;
  service: ActionPlanService;
  /** Planning from a summary's recommendations. */
  summaryPlans: SummaryPlanService;
  /** The owners' day-before reminders (tests tick them). */
  reminders: ActionReminders;
}

export interface ActionPartsOptions {
  pulse: PulseParts;
  cards: CardRenderer;
  index: ContentIndex;
  summaries: Pick<SummaryService, 'summary'>;
  accessOf: AccessResolver;
  audit: Pick<AuditTrail, 'record'>;
  leases: TenantLeases;
  /** Configured tenants (ALLOWED_TENANTS); empty in local mode. */
  tenants: ReadonlySet<string>;
  logger: Logger;
  clock: () => Date;
}

/** Action plans' part of the composition root: their store and service, on the pulses' Teams channel client. */
export function composeActions(options: ActionPartsOptions): ActionParts {
  const { pulse, cards, index, accessOf, audit, logger, clock } = options;
  const store = pulse.stores.actions;
  const deps = {
    actions: store,
    pulses: pulse.stores.pulses,
    channel: pulse.channel,
    cards,
    index,
    accessOf,
    audit,
    logger,
    clock,
  };
  const service = new ActionPlanService(deps);
  const reminders = new ActionReminders(
    { ...deps, leases: options.leases, owner: randomUUID(), tenants: options.tenants, leaseMs: REMINDER_LEASE_MS },
    service.owner,
  );
  const summaryPlans = new SummaryPlanService({ ...deps, summaries: options.summaries }, service.owner);
  return { store, service, summaryPlans, reminders };
}
