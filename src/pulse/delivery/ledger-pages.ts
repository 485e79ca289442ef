import type { DeliveryLedger, Versioned } from '../../storage/ports';
import { runPagedPool } from './paged-pool';
import type { DeliveryDoc } from '../../domain/pulse-docs';

export interface LedgerPass {
  ledger: DeliveryLedger;
  /** Whether the job is still open: one closed while it was being sent gets no more recipients (one read per page). */
  stillOpen: () => Promise<boolean>;
  pageSize: number;
  concurrency: number;
  /** Throws to end the pass (a lost lease, a shutdown); called before each page and each entry. */
  checkStillSending: () => void;
}

/**
 * Runs `work` over ledger entries in the given states, reading the next page while the current one is finished off;
 * returns how many entries it gave to `work`. Sending moves entries out of `queued`, so there each read starts again
 * from the first page and skips what is already under way; other states are read once through.
 */
export async function forEachLedgerPage(
  pass: LedgerPass,
  job: { tenantId: string; pulseId: string },
  states: DeliveryDoc['state'][],
  work: (entry: Versioned<DeliveryDoc>) => Promise<void> | undefined,
): Promise<number> {
  const restartEachRead = states.includes('queued');
  let continuation: string | undefined;
  let lastPage = false;
  let closed = false;
  let worked = 0;
  const seen = new Set<string>();
  const readPage = async (): Promise<Versioned<DeliveryDoc>[] | undefined> => {
    pass.checkStillSending();
    if (lastPage) return undefined;
    if (!(await pass.stillOpen())) {
      closed = true;
      return undefined;
    }
    for (;;) {
      const page = await pass.ledger.deliveriesIn(job.tenantId, job.pulseId, states, pass.pageSize, continuation);
      const fresh = page.deliveries.filter((entry) => !seen.has(entry.doc.id));
      fresh.forEach((entry) => seen.add(entry.doc.id));
      // A page can hold fewer entries than asked for, or only ones under way: then the next page is read.
      continuation = page.continuation;
      lastPage = !continuation;
      if (fresh.length > 0) {
        if (restartEachRead) [continuation, lastPage] = [undefined, false];
        return fresh;
      }
      if (lastPage) return undefined;
    }
  };
  await runPagedPool(readPage, pass.concurrency, async (entry) => {
    pass.checkStillSending();
    // Entries read ahead of a close stay as they are.
    if (closed) return;
    worked++;
    await work(entry);
  });
  return worked;
}
