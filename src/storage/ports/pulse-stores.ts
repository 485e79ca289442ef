import type { ActionStore } from './actions';
import type { DeliveryLedger } from './ledger';
import type { PulseLeaseStore } from './pulse-leases';
import type { PulseResponses } from './pulse-responses';
import type { PulseStore } from './pulses';
import type { SeriesStore } from './pulse-series';

/** The stores of the `pulses` container, each for one job. */
export interface PulseStores {
  pulses: PulseStore;
  ledger: DeliveryLedger;
  responses: PulseResponses;
  leases: PulseLeaseStore;
  series: SeriesStore;
  /** Action plans, in their pulse's partition. */
  actions: ActionStore;
}
