import type { HeldLease } from './send-lease';

/** The run's lease was taken over by another instance: it stops, and the holder carries on from the ledger. */
export class LeaseLost extends Error {
  override name = 'LeaseLost';
}

/** This instance is shutting down: the run stops, and whoever carries on starts from the ledger. */
export class Stopping extends Error {
  override name = 'Stopping';
}

/** Throws when the lease was taken over. */
export function checkLease(lease: HeldLease): void {
  if (lease.lost) throw new LeaseLost();
}

/** Throws when the run must end: the lease was taken over, or this instance is shutting down. */
export function checkStillSending(lease: HeldLease, stopping: boolean): void {
  checkLease(lease);
  if (stopping) throw new Stopping();
}
