import type { Container } from '@azure/cosmos';
import { CosmosActionStore } from './action-store';
import { CosmosDeliveryLedger } from './delivery-ledger-store';
import type { PulseStores } from './ports';
import { CosmosPulseLeases } from './pulse-lease-store';
import { CosmosPulseResponses } from './pulse-response-store';
import { CosmosPulseStore } from './pulse-store';
import { CosmosSeriesStore } from './pulse-series-store';

/** The stores of the `pulses` container, on Cosmos DB. */
export function cosmosPulseStores(container: Container): PulseStores {
  const pulses = new CosmosPulseStore(container);
  const ledger = new CosmosDeliveryLedger(container);
  return {
    pulses,
    ledger,
    responses: new CosmosPulseResponses(container, pulses, ledger),
    leases: new CosmosPulseLeases(container),
    series: new CosmosSeriesStore(container),
    actions: new CosmosActionStore(container),
  };
}
