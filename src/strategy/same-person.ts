import type { Session } from '../storage/user-docs';
import type { Person } from '../domain/person';

/**
 * A speaker and a session handed to a service together must be the same person: a mismatch is a wiring mistake in the
 * caller, never user input, so it throws rather than answering.
 */
export function assertSamePerson(speaker: Person, session: Session): void {
  const { tenantId, userId } = session.doc;
  if (speaker.tenantId !== tenantId || speaker.userId !== userId)
    throw new Error('programming error: the session belongs to another person than the speaker');
}
