import type { ReplyAttachment, ReplyMessage } from '../cards/reply';
import type { ConsentOutcome, FileOffer, UploadedFile } from './export-service';

export const FILE_CONSENT_CARD = 'application/vnd.microsoft.teams.card.file.consent';
export const FILE_INFO_CARD = 'application/vnd.microsoft.teams.card.file.info';

const ASK_AGAIN = 'Type **export** for a fresh one.';

/** The card Teams shows with Allow and Decline; both answers carry the one-time token and nothing else. */
export function fileConsentCard(offer: FileOffer): ReplyAttachment {
  return {
    contentType: FILE_CONSENT_CARD,
    name: offer.name,
    content: {
      description:
        'Everything Strategy Guide stores about you, as JSON: your answers, your pulse answers, the pulses sent to you and any digest subscription. Allow it and I save the file to your OneDrive and share it here, only with you.',
      sizeInBytes: offer.sizeInBytes,
      acceptContext: { token: offer.token },
      declineContext: { token: offer.token },
    },
  };
}

/** The card that opens the uploaded file. */
export function fileInfoCard(file: UploadedFile): ReplyAttachment {
  return {
    contentType: FILE_INFO_CARD,
    name: file.name,
    contentUrl: file.contentUrl,
    content: { uniqueId: file.uniqueId, fileType: file.fileType },
  };
}

/** What the person is told once their answer to the consent card was carried out (nothing for a redelivery). */
export function consentReply(outcome: ConsentOutcome): ReplyMessage | undefined {
  switch (outcome.kind) {
    case 'repeat':
      return undefined;
    case 'uploaded':
      return { text: 'Here is your data, saved to your OneDrive:', attachments: [fileInfoCard(outcome.file)] };
    case 'declined':
      return { text: 'No problem — I sent nothing. Type **export** whenever you want the file.' };
    case 'refused':
      if (outcome.reason === 'expired')
        return { text: `That export card has expired, so I sent nothing. ${ASK_AGAIN}` };
      if (outcome.reason === 'upload url')
        return { text: `That isn't a OneDrive location I can send your data to, so I sent nothing. ${ASK_AGAIN}` };
      return { text: `That export card can't be used any more, so I sent nothing. ${ASK_AGAIN}` };
    case 'failed':
      return outcome.failure === 'refused'
        ? { text: `Sorry — OneDrive didn't take the file, so nothing was saved. ${ASK_AGAIN}` }
        : {
            text: `Sorry — OneDrive didn't confirm the file in time, so I stopped the upload and haven't shared anything. ${ASK_AGAIN}`,
          };
  }
}

/** In a team channel or group chat: the export is personal, so it is only ever sent 1:1. */
export const EXPORT_ONLY_IN_PERSONAL_CHAT =
  'Your export holds your own answers, so I only send it in our 1:1 chat: open a chat with me and type **export** there.';

/** The text export's parts, each as a message with a heading. */
export function textExport(parts: readonly string[]): ReplyMessage[] {
  return parts.map((part, i) => {
    const heading = parts.length > 1 ? `Your data (part ${i + 1} of ${parts.length})` : 'Your data';
    return { text: `${heading}:\n\n\`\`\`json\n${part}\n\`\`\`` };
  });
}
