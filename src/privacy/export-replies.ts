import type { ReplyAttachment, ReplyMessage } from '../cards/reply';
import type { ConsentFileKind } from './consent-files';
import type { ConsentOutcome, FileOffer, UploadedFile } from './export-service';

export const FILE_CONSENT_CARD = 'application/vnd.microsoft.teams.card.file.consent';
export const FILE_INFO_CARD = 'application/vnd.microsoft.teams.card.file.info';

/** Per file: what the card says it is, what the person is given, and what they type for a fresh card. */
const WORDS: Record<ConsentFileKind, { description: string; given: string; command: string }> = {
  export: {
    description:
      'Everything Strategy Guide stores about you, as JSON: your answers, your pulse answers, the pulses sent to you and any digest subscription. Allow it and I save the file to your OneDrive and share it here, only with you.',
    given: 'Here is your data, saved to your OneDrive:',
    command: 'export',
  },
  'strategy-document': {
    description:
      'The organisation’s generative-AI strategy as a Word document, from the anonymous summary figures (nothing below the anonymity thresholds, no names). Allow it and I save it to your OneDrive and share it here, only with you.',
    given: 'Here is the organisation’s strategy document, saved to your OneDrive:',
    command: 'strategy document',
  },
  'my-strategy-document': {
    description:
      'Your own answers as a short strategy, as a Word document. Allow it and I save it to your OneDrive and share it here, only with you.',
    given: 'Here is your strategy document, saved to your OneDrive:',
    command: 'my strategy document',
  },
};

/**
 * The card Teams shows with Allow and Decline; both answers carry the one-time token, and for a file other than the
 * export which one it is (the token works for that file only).
 */
export function fileConsentCard(offer: FileOffer): ReplyAttachment {
  const context = offer.file === 'export' ? { token: offer.token } : { token: offer.token, file: offer.file };
  return {
    contentType: FILE_CONSENT_CARD,
    name: offer.name,
    content: {
      description: WORDS[offer.file].description,
      sizeInBytes: offer.sizeInBytes,
      acceptContext: context,
      declineContext: context,
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
  const words = WORDS[outcome.offered ?? 'export'];
  const askAgain = `Type **${words.command}** for a fresh one.`;
  const card = outcome.offered === undefined || outcome.offered === 'export' ? 'export card' : 'file card';
  switch (outcome.kind) {
    case 'repeat':
      return undefined;
    case 'uploaded':
      return { text: words.given, attachments: [fileInfoCard(outcome.file)] };
    case 'declined':
      return { text: `No problem — I sent nothing. Type **${words.command}** whenever you want the file.` };
    case 'refused':
      if (outcome.reason === 'expired') return { text: `That ${card} has expired, so I sent nothing. ${askAgain}` };
      if (outcome.reason === 'upload url')
        return { text: `That isn't a OneDrive location I can send your data to, so I sent nothing. ${askAgain}` };
      if (outcome.reason === 'not allowed')
        return { text: 'The organisation’s strategy document is for leaders, so I sent nothing.' };
      return { text: `That ${card} can't be used any more, so I sent nothing. ${askAgain}` };
    case 'failed':
      return outcome.failure === 'refused'
        ? { text: `Sorry — OneDrive didn't take the file, so nothing was saved. ${askAgain}` }
        : {
            text: `Sorry — OneDrive didn't confirm the file in time, so I stopped the upload and haven't shared anything. ${askAgain}`,
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
