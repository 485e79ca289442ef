/** Roles an admin can grant in chat. */
export type GrantedRole = 'leader' | 'admin' | 'manager';

/** Roles an admin granted in chat, one document per tenant (id `roles`); configured ids are not stored here. */
export interface RolesDoc {
  id: 'roles';
  type: 'roles';
  tenantId: string;
  leaders: string[];
  admins: string[];
  /** May send pulses under PULSE_POLICY=managers (absent on documents from before this role). */
  managers?: string[];
}

/** The roles granted in chat, per tenant. */
export interface TenantStore {
  /** The roles granted in chat in this tenant (empty lists when none). */
  roles(tenantId: string): Promise<RolesDoc>;
  /** Adds or removes a user's granted role; true when something changed. */
  setRole(tenantId: string, role: GrantedRole, userId: string, granted: boolean): Promise<boolean>;
}

/** One holder at a time for a tenant's one-off work (sending digests, rescanning every answer); leases expire. */
export interface TenantLeases {
  /** Takes or renews the lease for `holder` until `until`; false while another holder's lease has not expired. */
  acquire(tenantId: string, name: string, holder: string, now: Date, until: Date): Promise<boolean>;
  /** Who holds the lease now, if anyone. */
  holder(tenantId: string, name: string, now: Date): Promise<string | undefined>;
  /** Gives the lease up, if `holder` still holds it. */
  release(tenantId: string, name: string, holder: string): Promise<void>;
}

/** The first delivery gets `first: true`; a repeat gets the outcome recorded so far (none while the work runs). */
export type Claim<T> = { first: true } | { first: false; outcome?: T };

/** Claims of one-off work by the message that asked for it, so a message Teams re-sends does the work once. */
export interface ActivityClaims {
  /** Claims the work named by `key`: exactly one caller gets `first`. */
  claim<T>(tenantId: string, key: readonly string[], now: Date): Promise<Claim<T>>;
  /** The claim of earlier work named by `key`, without claiming anything. */
  find<T>(tenantId: string, key: readonly string[]): Promise<{ first: false; outcome?: T } | undefined>;
  /** Records what the claimed work came to, for repeats to answer with. */
  settle(tenantId: string, key: readonly string[], outcome: unknown): Promise<void>;
  /** Gives the work up, so that running it again (a retried turn) is a first delivery. */
  release(tenantId: string, key: readonly string[]): Promise<void>;
}

/** What presenting a token came to; only `taken` lets the caller go ahead. */
export type ConsentTake = 'taken' | 'repeat' | 'used' | 'expired' | 'unknown';

/** Who the card was sent to: only their answer in that conversation can use its token. */
export interface ConsentHolder {
  userId: string;
  conversationId: string;
  /** Which file the card offers (absent: the person's export); a token works only for the file it was issued for. */
  purpose?: string;
}

/** One-time tokens of file consent cards. */
export interface ExportConsents {
  /** Stores a new token for `holder`, usable until `expiresAt`; returns the token for the card. */
  issue(tenantId: string, holder: ConsentHolder, expiresAt: Date): Promise<string>;
  /** Uses the token for the invoke `invokeId`, exactly once across deliveries and instances. */
  take(tenantId: string, token: string, holder: ConsentHolder, invokeId: string, now: Date): Promise<ConsentTake>;
}
