import type { RunMode } from '../config';
import type { ContentPack } from '../content/types';
import type { Role } from '../domain/roles';
import { timeZoneOrUtc, wallTimeAt } from '../domain/time-zones';
import type { AnswerStore, ConsentHolder, ExportConsents } from '../storage/ports';
import { readConsentAnswer } from './consent-answer';
import type { ConsentFile, ConsentFileKind, ConsentFileSource } from './consent-files';
import { UploadFailed, type FileUploader, type UploadFailure } from './file-uploader';
import type { PulseAndDigestData } from './pulse-and-digest-data';
import { allowedUploadTarget } from './upload-url';

/** A person's export, built fresh each time it is asked for. */
export interface ExportFile {
  name: string;
  bytes: Uint8Array;
}

/** What a file consent card needs: the name, the size, and the token its Allow and Decline answers carry. */
export interface FileOffer {
  name: string;
  sizeInBytes: number;
  token: string;
  /** Which file: the card's words and its answer's context depend on it. */
  file: ConsentFileKind;
}

/** What Teams said it stored, for the file card that opens it. */
export interface UploadedFile {
  name: string;
  contentUrl: string;
  uniqueId: string;
  fileType: string;
}

export type ConsentOutcome = (
  | { kind: 'uploaded'; file: UploadedFile }
  | { kind: 'declined' }
  /** A redelivery of an answer already being handled: say nothing. */
  | { kind: 'repeat' }
  /** `not allowed`: the file is no longer theirs to have (e.g. no longer a leader). */
  | { kind: 'refused'; reason: 'invalid' | 'unknown' | 'used' | 'expired' | 'upload url' | 'not allowed' }
  | { kind: 'failed'; failure: UploadFailure; status?: number }
) & { offered?: ConsentFileKind };

/** The answer to a file consent card, as the channel delivered it; `value` is forged until checked. */
export interface ConsentAnswer extends ConsentHolder {
  tenantId: string;
  /** The invoke's id, so a redelivery is told apart from a replay. */
  invokeId: string;
  value: unknown;
  timeZone?: string;
  /** The aggregate group of the person (their path, for the personal strategy document). */
  role?: Role;
}

export interface ExportDeps {
  pack: Pick<ContentPack, 'id' | 'version'>;
  answers: Pick<AnswerStore, 'listForUser'>;
  pulseAndDigestData: Pick<PulseAndDigestData, 'export'>;
  consents: ExportConsents;
  uploader: FileUploader;
  /** The other files a consent card can offer (the strategy documents); without it only the export is offered. */
  documents?: ConsentFileSource;
  mode: RunMode;
  clock: () => Date;
}

/** How long a consent card can be answered; after that the person asks for a fresh one. */
export const OFFER_VALID_MS = 60 * 60 * 1000;
/** Teams drops very long messages; a text export is sent in parts below this size. */
const TEXT_PART_CHARS = 20_000;
const CONTENT_TYPE = 'application/json';

/**
 * "export", botbuilder-free: everything stored about a person as JSON — as a file Teams saves to their OneDrive once
 * they allow it (the consent card carries only a one-time token; the file is rebuilt when they accept and sent only to
 * a OneDrive upload URL), or as text where files are not possible. The same consent flow delivers the strategy
 * documents (`offerFile`, `deps.documents`).
 */
export class ExportService {
  constructor(private readonly deps: ExportDeps) {}

  /** The export as a file named for the day in the person's zone. */
  async build(tenantId: string, userId: string, timeZone?: string): Promise<ExportFile> {
    const now = this.deps.clock();
    const json = JSON.stringify(await this.document(tenantId, userId, now), null, 2);
    const { year, month, day } = wallTimeAt(now, timeZoneOrUtc(timeZone));
    const date = `${year}-${pad(month)}-${pad(day)}`;
    return { name: `strategy-guide-export-${date}.json`, bytes: new TextEncoder().encode(json) };
  }

  /** The export as text for the chat, in parts Teams accepts. */
  async asText(tenantId: string, userId: string): Promise<string[]> {
    const json = JSON.stringify(await this.document(tenantId, userId, this.deps.clock()), null, 2)
      // \u escapes keep the JSON valid while making sure no answer can close the code block or form a mention.
      .replace(/`/g, '\\u0060')
      .replace(/</g, '\\u003c')
      .replace(/>/g, '\\u003e');
    const parts: string[] = [];
    for (let start = 0; start < json.length; start += TEXT_PART_CHARS)
      parts.push(json.slice(start, start + TEXT_PART_CHARS));
    return parts;
  }

  /** Prepares a file consent card for the person in this conversation: its size now, and a one-time token. */
  async offer(tenantId: string, holder: ConsentHolder, timeZone?: string): Promise<FileOffer> {
    return this.offerFile(tenantId, holder, await this.build(tenantId, holder.userId, timeZone), 'export');
  }

  /** The same for a file built by the caller (a strategy document): a token that works for that kind of file only. */
  async offerFile(
    tenantId: string,
    holder: ConsentHolder,
    file: ExportFile,
    kind: ConsentFileKind,
  ): Promise<FileOffer> {
    const expiresAt = new Date(this.deps.clock().getTime() + OFFER_VALID_MS);
    const token = await this.deps.consents.issue(tenantId, holderFor(holder, kind), expiresAt);
    return { name: file.name, sizeInBytes: file.bytes.length, token, file: kind };
  }

  /**
   * Carries out an answer to the consent card. Allow: checks the upload URL and the token (one-time, this person, this
   * conversation, not expired), rebuilds the export and uploads it whole. Decline: uses up the token. Anything forged,
   * replayed or late changes nothing.
   */
  async answer(request: ConsentAnswer): Promise<ConsentOutcome> {
    const answer = readConsentAnswer(request.value);
    if (!answer) return { kind: 'refused', reason: 'invalid' };
    const { tenantId, invokeId } = request;
    const offered = answer.file;
    const holder = holderFor({ userId: request.userId, conversationId: request.conversationId }, offered);
    if (answer.action === 'decline') {
      const taken = await this.deps.consents.take(tenantId, answer.token, holder, invokeId, this.deps.clock());
      return taken === 'repeat' ? { kind: 'repeat' } : { kind: 'declined', offered };
    }
    const { uploadInfo } = answer;
    const target = allowedUploadTarget(uploadInfo.uploadUrl, uploadInfo.contentUrl, this.deps.mode);
    if (!target) return { kind: 'refused', reason: 'upload url', offered };
    const { uploadUrl, contentUrl } = target;
    const taken = await this.deps.consents.take(tenantId, answer.token, holder, invokeId, this.deps.clock());
    if (taken === 'repeat') return { kind: 'repeat' };
    if (taken !== 'taken') return { kind: 'refused', reason: taken, offered };
    const file = await this.fileFor(offered, request);
    if (!file) return { kind: 'refused', reason: 'not allowed', offered };
    try {
      await this.deps.uploader.upload(uploadUrl, file.bytes, file.contentType);
    } catch (error) {
      if (!(error instanceof UploadFailed)) throw error;
      await this.deps.uploader.cancel(uploadUrl);
      return { kind: 'failed', failure: error.failure, status: error.status, offered };
    }
    return {
      kind: 'uploaded',
      offered,
      file: {
        name: uploadInfo.name,
        contentUrl: contentUrl.href,
        uniqueId: uploadInfo.uniqueId,
        fileType: uploadInfo.fileType,
      },
    };
  }

  /** The accepted card's file, built now (a strategy document checks again who may have it). */
  private async fileFor(kind: ConsentFileKind, request: ConsentAnswer): Promise<ConsentFile | undefined> {
    const { tenantId, userId, conversationId, timeZone } = request;
    if (kind === 'export') return { ...(await this.build(tenantId, userId, timeZone)), contentType: CONTENT_TYPE };
    const person = { tenantId, userId, role: request.role ?? 'employee' };
    return this.deps.documents?.build(kind, person, conversationId, timeZone);
  }

  private async document(tenantId: string, userId: string, now: Date): Promise<Record<string, unknown>> {
    const [stored, other] = await Promise.all([
      this.deps.answers.listForUser(tenantId, userId),
      this.deps.pulseAndDigestData.export(tenantId, userId),
    ]);
    return {
      exportedAt: now.toISOString(),
      pack: { id: this.deps.pack.id, version: this.deps.pack.version },
      answers: stored.map(({ questionId, sectionId, packId, packVersion, value, answeredAt }) => ({
        questionId,
        sectionId,
        packId,
        packVersion,
        value,
        answeredAt,
      })),
      ...other,
    };
  }
}

/** The export's holder as it always was; another file's token is bound to that file too. */
function holderFor(holder: ConsentHolder, kind: ConsentFileKind): ConsentHolder {
  return kind === 'export' ? holder : { ...holder, purpose: kind };
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
