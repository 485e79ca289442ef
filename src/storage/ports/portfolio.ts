import type { Versioned } from './versioned';

/**
 * One wording of an idea within a stored group: the titles that normalise alike, under an opaque key (a keyed hash of
 * the normalised words, so neither the key nor the card that carries it says what a person wrote). Figures are of the
 * people attributed to it: each person counts once per group, in one of its wordings.
 */
export interface PortfolioVariant {
  key: string;
  /** A title whose writer agreed to share it, names removed; absent when nobody who wrote this wording agreed. */
  title?: string;
  /** An opaque key of the row the title came from, so an edit or deletion of those words can find and drop it. */
  titleKey?: string;
  /** People attributed to this wording. */
  people: number;
  /** Keys of those people (salted per computation, one-way), only while they are fewer than the threshold. */
  who?: string[];
  value: RatingSum;
  feasibility: RatingSum;
  /** People per recommended approach (the build decision's ids). */
  approaches: Record<string, number>;
  /** People per linked metric (`<goal>><metric>`, the pack's values only, never people's own words). */
  metrics: Record<string, number>;
}

/** A sum of 1–5 ratings and how many there are. */
export interface RatingSum {
  sum: number;
  n: number;
}

/** A group as grouped from the answers, before leaders' edits (which are applied on every read). */
export interface PortfolioStoredGroup {
  id: string;
  anchorKey: string;
  /** People behind the group (each once). */
  weight: number;
  members: PortfolioVariant[];
}

/**
 * The organisation's (or a team's) use-case portfolio as last computed from the answers, in the aggregates container.
 * Computed again only when the published counters it was computed from moved (a batch of at least the group threshold
 * of people, see src/storage/aggregate-doc.ts); no user ids, no words a person did not agree to share.
 */
export interface PortfolioDoc {
  id: string;
  type: 'portfolio';
  tenantId: string;
  /** Partition key: `PORTFOLIO_PARTITION`. */
  questionId: string;
  teamId?: string;
  /** What it was computed from: the published counters of the questions it reads, the pack and the threshold. */
  basis: string;
  /** The use-case counters' revision (moved by every removal of words) when its titles were last checked. */
  revision: number;
  computedAt: string;
  /** The groups with the most people, at most PORTFOLIO_GROUPS_KEPT. */
  groups: PortfolioStoredGroup[];
  /** What is left out of `groups`: how many groups, and how many people proposed them (a person may be in several). */
  rest: { groups: number; people: number };
  /** People with at least one use case. */
  people: number;
  /** People by their most recommended approach (each person once). */
  approaches: Record<string, number>;
}

export const PORTFOLIO_PARTITION = 'portfolio';

/** Where a group stands, in the order leaders usually move it. */
export type PortfolioStatus = 'idea' | 'shortlisted' | 'piloting' | 'live' | 'dropped';

/** A leader's change to the portfolio; keys are the opaque member keys of PortfolioVariant. */
export type PortfolioEditChange =
  | { kind: 'rename'; anchorKey: string; label: string }
  | { kind: 'merge'; fromKey: string; intoKey: string }
  | { kind: 'split'; key: string }
  | { kind: 'status'; anchorKey: string; status: PortfolioStatus }
  /** Leaders' answers to the build questions for the group, and the approach they gave when saved. */
  | { kind: 'decide'; anchorKey: string; answers: Record<string, string>; approach: string };

export type StoredPortfolioEdit = PortfolioEditChange & { at: string };

/** The tenant's portfolio edits (organisation-wide, applied to every scope) and the key that makes member keys opaque. */
export interface PortfolioEditsDoc {
  id: string;
  type: 'portfolio-edits';
  tenantId: string;
  questionId: string;
  /** Random, made once per tenant: member keys are keyed hashes with it. */
  salt: string;
  edits: StoredPortfolioEdit[];
}

/** The stored portfolios and their edits; writes are conditional on the version read. */
export interface PortfolioStore {
  read(tenantId: string, teamId?: string): Promise<Versioned<PortfolioDoc> | undefined>;
  /** Stores it if nobody else did since `etag` was read (no etag: only if there is none); false when someone did. */
  write(doc: PortfolioDoc, etag: string | undefined): Promise<boolean>;
  /** The tenant's edits, created (with a new salt) when there are none yet. */
  edits(tenantId: string): Promise<Versioned<PortfolioEditsDoc>>;
  /** Stores the edits as given if unchanged since `etag`; false when someone else changed them first. */
  writeEdits(doc: PortfolioEditsDoc, etag: string): Promise<boolean>;
}
