import { createHash, randomUUID } from 'node:crypto';
import type { AuditTrail } from '../audit/audit-trail';
import type { ContentIndex } from '../content/content-index';
import type { ActivityClaims, TenantLeases } from '../storage/ports';
import type { BackgroundJob, OutgoingMessage } from '../strategy/turn-unit';
import { rebuildAggregates, type RebuildReport, type RebuildStores } from './rebuild';

export interface ScanRequest {
  tenantId: string;
  /** The admin asking (already checked to be one). */
  actorId: string;
  /** Overwrite the counters (`rebuild summary`) or only compare them (`check summary`). */
  write: boolean;
  /** The message that asked (conversation and activity id); absent when the channel sent no id. */
  request?: readonly string[];
}

export interface SummaryScansDeps {
  index: ContentIndex;
  stores: RebuildStores;
  leases: TenantLeases;
  claims: ActivityClaims;
  audit: AuditTrail;
  clock: () => Date;
  /** How long a lease lasts unless renewed (a crashed instance blocks no one longer than this). */
  leaseMs?: number;
  /** Whether the counters hold every change owed in the tenant: a check or rebuild that counts the answers waits until they do. */
  counters?: { tenantOwedHeld(tenantId: string): Promise<boolean> };
}

const LEASE = 'summary-scan';
const OWED_REBUILD =
  'Some answers are still being added to the counters, so I have not rebuilt them (that would count those answers twice). Ask again in a minute.';
const OWED_CHECK =
  'Some answers are still being added to the counters, so a check now would show them as differences. Ask again in a minute.';
const LEASE_MS = 2 * 60 * 1000;
const BUSY =
  'A check or rebuild of the summary counters is already running, so I have not started another. Ask again once its result is posted.';

/**
 * `check summary` and `rebuild summary`: a scan of every answer of the tenant, run as a background job. Each asking
 * message runs it at most once (Teams re-sends messages, possibly to another instance), and at most one scan per
 * tenant runs at a time, across instances: a lease in the tenants container, renewed while the scan runs.
 */
export class SummaryScans {
  constructor(private readonly deps: SummaryScansDeps) {}

  /** What the turn answers, and the job to start unless a scan is already running. */
  async request(scan: ScanRequest): Promise<{ reply: string; job?: BackgroundJob }> {
    const request = scan.request ?? [randomUUID()];
    const holder = holderOf(request);
    const running = await this.deps.leases.holder(scan.tenantId, LEASE, this.deps.clock());
    if (running !== undefined && running !== holder) return { reply: BUSY };
    return {
      reply: `${scan.write ? 'Rebuilding' : 'Checking'} the summary counters from every stored answer. With many answers this takes a while; I'll post the result here when it's done.`,
      job: { name: scan.write ? 'summary.rebuild' : 'summary.check', run: () => this.run(scan, request, holder) },
    };
  }

  private async run(scan: ScanRequest, request: readonly string[], holder: string): Promise<OutgoingMessage[]> {
    const { tenantId, write } = scan;
    const { leases, clock } = this.deps;
    const leaseMs = this.deps.leaseMs ?? LEASE_MS;
    const claim = await this.deps.claims.claim(tenantId, ['summary-scan', ...request], clock());
    // A repeat of a message whose scan ran or runs: its result is (or will be) posted once.
    if (!claim.first) return [];
    const lease = () => leases.acquire(tenantId, LEASE, holder, clock(), new Date(clock().getTime() + leaseMs));
    if (!(await lease())) return [{ text: BUSY }];
    await this.deps.audit.record(tenantId, {
      action: write ? 'summary.rebuild' : 'summary.check',
      actor: scan.actorId,
    });
    const renewal = setInterval(() => void lease().catch(() => undefined), Math.max(50, Math.floor(leaseMs / 3)));
    renewal.unref();
    try {
      if (this.deps.counters && !(await this.deps.counters.tenantOwedHeld(tenantId)))
        return [{ text: write ? OWED_REBUILD : OWED_CHECK }];
      return [{ text: reportText(await rebuildAggregates(this.deps.index, this.deps.stores, tenantId, { write })) }];
    } finally {
      clearInterval(renewal);
      await leases.release(tenantId, LEASE, holder).catch(() => undefined);
    }
  }
}

function reportText(report: RebuildReport): string {
  const checked = `I recomputed the counters from ${report.answers} answers by ${report.people} people (${report.documents} counter documents, ${report.teams} teams).`;
  const outcome =
    report.differences.length === 0
      ? 'They match the maintained counters exactly.'
      : report.written
        ? `${report.differences.length} counters had drifted and are now repaired.`
        : `${report.differences.length} counters differ. Type **rebuild summary** to repair them.`;
  return `${checked} ${outcome}`;
}

/** The lease holder is the asking message, so that its own repeat is not told to wait for itself. */
function holderOf(request: readonly string[]): string {
  return createHash('sha256').update(request.join('\u0000')).digest('base64url').slice(0, 22);
}
