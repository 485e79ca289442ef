import type { Role } from './roles';

/** The person a turn or a service call is for, from the authenticated activity (never from card data). */
export interface Person {
  tenantId: string;
  /** Entra object id, lower-cased. */
  userId: string;
  /** The aggregate group their answers count towards (not what they may do: see Access). */
  role: Role;
}
