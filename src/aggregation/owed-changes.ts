import { randomBytes } from 'node:crypto';
import type { AggregateChange } from './aggregate-changes';

/**
 * Counter changes a stored turn still owes the aggregates. They are written in the same transactional batch as the
 * answers that cause them (on the person document), applied behind the turn by the instance that wrote them, and
 * dropped from the person document once applied. If that instance dies first, another applies them (OwedSweeper).
 */
export interface OwedChanges {
  /** The instance that applies them (AggregateQueue.instanceId). */
  by: string;
  /** That instance's sequence number: a counters document applies each instance's changes in this order, once. */
  seq: number;
  /** When they were stored, in epoch seconds. */
  at: number;
  changes: AggregateChange[];
}

/** One owed change, as the counters document it is for applies it. */
export interface OwedItem {
  by: string;
  seq: number;
  personId: string;
  change: AggregateChange;
}

/**
 * How long a counters document keeps an instance's high-water mark after the instance last wrote it: far longer than
 * any change stays owed (a stopped instance's are applied within minutes).
 */
export const APPLIED_MARKS_KEPT_SECONDS = 30 * 24 * 60 * 60;

/** A counters document's high-water mark for one instance: the highest sequence number applied, and when. */
export interface AppliedMark {
  seq: number;
  /** Epoch seconds of the write that moved it. */
  at: number;
}

/** A new instance id: its start time (base 36 seconds, for people reading the logs) and a random part. */
export function newInstanceId(now: Date): string {
  return `${Math.floor(now.getTime() / 1000).toString(36)}.${randomBytes(6).toString('base64url')}`;
}

/** The key of the counters document a change is for. */
export function documentKey(tenantId: string, questionId: string, teamId: string | undefined): string {
  return `${tenantId}\u0000${questionId}\u0000${teamId ?? ''}`;
}

/**
 * True when a counters document holds the change: each document records, per instance, the highest sequence number it
 * applied (its high-water mark), and applies an instance's changes only in sequence order.
 */
export function appliedBy(
  marks: Record<string, AppliedMark> | undefined,
  owed: Pick<OwedChanges, 'by' | 'seq'>,
): boolean {
  return (marks?.[owed.by]?.seq ?? 0) >= owed.seq;
}

/** The person document's fields for what it owes: the changes, the instances they are owed by, the oldest's time. */
export function owedFields(
  owed: readonly OwedChanges[],
): { owed: OwedChanges[]; owedBy: string[]; owedSince: number } | undefined {
  if (owed.length === 0) return undefined;
  return {
    owed: [...owed],
    owedBy: [...new Set(owed.map((entry) => entry.by))],
    owedSince: Math.min(...owed.map((entry) => entry.at)),
  };
}
