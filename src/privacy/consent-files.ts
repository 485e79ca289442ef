import type { Person } from '../domain/person';

/** The files a consent card can offer: the person's export, the organisation's strategy document, their own one. */
export type ConsentFileKind = 'export' | 'strategy-document' | 'my-strategy-document';

export const CONSENT_FILE_KINDS: readonly ConsentFileKind[] = ['export', 'strategy-document', 'my-strategy-document'];

/** A file built for one person, fresh each time it is asked for. */
export interface ConsentFile {
  name: string;
  bytes: Uint8Array;
  contentType: string;
}

/**
 * Builds the files other than the export (the strategy documents) when a consent card is accepted; undefined when the
 * person may not have it any more (e.g. no longer a leader). The export service holds the consent flow itself.
 */
export interface ConsentFileSource {
  build(
    kind: Exclude<ConsentFileKind, 'export'>,
    person: Person,
    conversationId: string,
    timeZone?: string,
  ): Promise<ConsentFile | undefined>;
}
