import type { Reply } from '../cards/reply';
import type { Person } from '../domain/person';
import { knownTimeZone } from '../domain/time-zones';
import type { ConsentFile, ConsentFileKind } from '../privacy/consent-files';
import { fileConsentCard } from '../privacy/export-replies';
import type { ExportService } from '../privacy/export-service';
import type { StrategyDocumentService } from './strategy-document-service';

/** Where the document was asked for, as the channel told it. */
export interface DocumentPlace {
  conversationId?: string;
  /** A Teams 1:1 chat, where a file consent card works. */
  takesFiles?: boolean;
  /** The asker's IANA zone as the channel sent it, unchecked. */
  timeZone?: unknown;
}

/** Which document: `strategy document` (the organisation's, for leaders) or `my strategy document`. */
export type DocumentRequest = 'strategy document' | 'my strategy document';

/** Where no consent card is possible (the Agents Playground, other channels), a file this small goes in the message. */
export const INLINE_FILE_MAX_BYTES = 512 * 1024;

export const LEADERS_ONLY_DOCUMENT =
  'The organisation’s strategy document is for leaders. Type **my strategy document** for one made from your own answers.';

/**
 * The chat commands for the strategy documents, botbuilder-free: in a Teams 1:1 chat a file consent card (the export's
 * flow: the file is built again and uploaded to the person's OneDrive when they allow it); elsewhere the file in the
 * message, as `export summary` sends its JSON. Who may have the organisation's is checked on the server, every time.
 */
export class StrategyDocumentOffers {
  constructor(
    private readonly documents: StrategyDocumentService,
    private readonly exports: Pick<ExportService, 'offerFile'>,
  ) {}

  async respond(person: Person, request: DocumentRequest, place: DocumentPlace): Promise<Reply[]> {
    const timeZone = knownTimeZone(place.timeZone);
    const conversationId = place.conversationId ?? '';
    const consent = place.takesFiles === true && conversationId !== '';
    let file: ConsentFile;
    let kind: ConsentFileKind;
    if (request === 'strategy document') {
      // Audited when the file is delivered: on Allow where a consent card is offered, or now.
      const built = await this.documents.forLeader(person, { timeZone, audited: !consent });
      if (built === 'not a leader') return [LEADERS_ONLY_DOCUMENT];
      [file, kind] = [built, 'strategy-document'];
    } else [file, kind] = [await this.documents.personal(person, conversationId, timeZone), 'my-strategy-document'];
    if (consent) {
      const holder = { userId: person.userId, conversationId };
      return [{ attachments: [fileConsentCard(await this.exports.offerFile(person.tenantId, holder, file, kind))] }];
    }
    if (file.bytes.length > INLINE_FILE_MAX_BYTES)
      return [
        'The document is too large to send here: ask for it in Microsoft Teams, where I can save it to your OneDrive.',
      ];
    return [
      {
        text: kind === 'strategy-document' ? 'The organisation’s strategy document:' : 'Your strategy document:',
        attachments: [
          {
            contentType: file.contentType,
            name: file.name,
            contentUrl: `data:${file.contentType};base64,${Buffer.from(file.bytes).toString('base64')}`,
          },
        ],
      },
    ];
  }
}
