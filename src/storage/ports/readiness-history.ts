/** One month's readiness of a scope: the section and consideration means the leader card shows (null below threshold). */
export interface ReadinessPoint {
  /** YYYY-MM (UTC). */
  month: string;
  takenAt: string;
  sections: { sectionId: string; mean: number | null }[];
  considerations: { considerationId: string; mean: number | null }[];
}

/**
 * Monthly readiness snapshots per tenant and scope (the organisation or `team:<id>`), one document per scope holding a
 * point per month, oldest first, at most `maxPoints`: one point read to show, one conditional write a month to extend.
 */
export interface ReadinessHistoryStore {
  read(tenantId: string, scope: string): Promise<ReadinessPoint[]>;
  /** Adds the month's point unless the month has one already (never overwritten); true when this call added it. */
  recordMonth(tenantId: string, scope: string, point: ReadinessPoint, maxPoints: number): Promise<boolean>;
}
