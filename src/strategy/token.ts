import { randomBytes } from 'node:crypto';

/** A one-time token a card carries, so a submit from an old or forged card can be told apart. */
export function newToken(): string {
  return randomBytes(9).toString('base64url');
}
