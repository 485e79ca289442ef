import { isRecord } from '../strategy/submit';
import { CONSENT_FILE_KINDS, type ConsentFileKind } from './consent-files';

/** What Teams reports about the file it created for an accepted consent card (all of it still to be checked). */
export interface UploadInfo {
  name: string;
  uploadUrl: string;
  contentUrl: string;
  uniqueId: string;
  fileType: string;
}

export type ConsentAnswerValue = (
  { action: 'accept'; token: string; uploadInfo: UploadInfo } | { action: 'decline'; token: string }
) & { file: ConsentFileKind };

/** Tokens are 18 random bytes in base64url (see ExportConsents.issue). */
const TOKEN = /^[A-Za-z0-9_-]{24}$/;
const MAX_FIELD_CHARS = 1_024;

/**
 * Reads the value of a `fileConsent/invoke` (`{ action, context, uploadInfo }`, the context being the card's
 * acceptContext or declineContext); undefined when anything is missing or malformed.
 */
export function readConsentAnswer(value: unknown): ConsentAnswerValue | undefined {
  if (!isRecord(value) || !isRecord(value.context)) return undefined;
  const { token } = value.context;
  if (typeof token !== 'string' || !TOKEN.test(token)) return undefined;
  // The export's cards carry only the token; the others name their file (checked again with the token, see ConsentHolder).
  const file = value.context.file ?? 'export';
  if (!CONSENT_FILE_KINDS.includes(file as ConsentFileKind)) return undefined;
  if (value.action === 'decline') return { action: 'decline', token, file: file as ConsentFileKind };
  if (value.action !== 'accept' || !isRecord(value.uploadInfo)) return undefined;
  const info = value.uploadInfo;
  const text = (field: unknown, longest = MAX_FIELD_CHARS) =>
    typeof field === 'string' && field.length > 0 && field.length <= longest ? field : undefined;
  const name = text(info.name, 255);
  const uniqueId = text(info.uniqueId);
  const uploadUrl = text(info.uploadUrl, 8_192);
  const contentUrl = text(info.contentUrl, 8_192);
  if (!name || !uniqueId || !uploadUrl || !contentUrl) return undefined;
  const fileType = text(info.fileType, 32) ?? 'json';
  const uploadInfo = { name, uploadUrl, contentUrl, uniqueId, fileType };
  return { action: 'accept', token, uploadInfo, file: file as ConsentFileKind };
}
