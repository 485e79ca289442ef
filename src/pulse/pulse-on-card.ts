import type { PulseDoc } from '../domain/pulse-docs';
import type { PulseStore } from '../storage/ports';
import { PULSE_ID } from './pulse-service-deps';

/**
 * The pulse a card's button names (`value.pulseId`), if it is in the tenant and was asked of the team (or group chat)
 * `rosterId` where the button was pressed: a pulse's buttons work only there. Undefined for a forged or unknown one.
 */
export async function pulseOnCard(
  pulses: Pick<PulseStore, 'readPulse'>,
  tenantId: string,
  value: Record<string, unknown>,
  rosterId: string,
): Promise<PulseDoc | undefined> {
  const pulseId = typeof value.pulseId === 'string' ? value.pulseId : '';
  if (!PULSE_ID.test(pulseId)) return undefined;
  const pulse = (await pulses.readPulse(tenantId, pulseId))?.doc;
  return pulse?.origin.rosterId === rosterId ? pulse : undefined;
}
