import type { Container } from '@azure/cosmos';
import { CosmosDeliveryLedger } from './delivery-ledger-store';
import type { PulseStores } from './ports';
import { CosmosPulseLeases } from './pulse-lease-store';
import { CosmosPulseResponses } from './pulse-response-store';
import { CosmosPulseStore } from './pulse-store';

/** The stores of the `pulses` container, on Cosmos DB. */
export function cosmosPulseStores(container: Container): PulseStores {
  return {
    pulses: new CosmosPulseStore(container),
    ledger: new CosmosDeliveryLedger(container),
    responses: new CosmosPulseResponses(container),
    leases: new CosmosPulseLeases(container),
  };
}
