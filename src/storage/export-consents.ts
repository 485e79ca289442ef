import { createHash, randomBytes } from 'node:crypto';
import type { Container } from '@azure/cosmos';
import type { ConsentHolder, ConsentTake, ExportConsents } from './ports';

/**
 * One-time tokens of file consent cards (id `export-consent|<hash of the token>`, in the tenants container). The card
 * carries only the token; the document holds hashes, never the token, the person's id or any of their data.
 */
export interface ExportConsentDoc {
  id: string;
  type: 'export-consent';
  tenantId: string;
  /** Hash of the person and the conversation the card was sent to. */
  holder: string;
  expiresAt: string;
  /** Hash of the invoke that used the token, once one did. */
  usedBy?: string;
  ttl: number;
}

/** Cosmos removes a document this long after it was written, well after it stopped being usable. */
const DOC_TTL_SECONDS = 2 * 60 * 60;

export class CosmosExportConsents implements ExportConsents {
  constructor(private readonly container: Container) {}

  /** Stores a new token for `holder`, usable until `expiresAt`; returns the token for the card. */
  async issue(tenantId: string, holder: ConsentHolder, expiresAt: Date): Promise<string> {
    const token = randomBytes(18).toString('base64url');
    const doc: ExportConsentDoc = {
      id: docId(token),
      type: 'export-consent',
      tenantId,
      holder: holderHash(holder),
      expiresAt: expiresAt.toISOString(),
      ttl: DOC_TTL_SECONDS,
    };
    await this.container.items.create(doc);
    return token;
  }

  /**
   * Uses the token for the invoke `invokeId`, exactly once across deliveries and instances. A redelivery of the invoke
   * that used it gets `repeat`; a token of someone else (or of another conversation) is `unknown` and stays usable.
   */
  async take(
    tenantId: string,
    token: string,
    holder: ConsentHolder,
    invokeId: string,
    now: Date,
  ): Promise<ConsentTake> {
    const item = this.container.item(docId(token), tenantId);
    const invoke = hash(['invoke', invokeId]);
    for (let attempt = 1; attempt <= 2; attempt++) {
      const { resource, etag } = await item.read<ExportConsentDoc>();
      if (!resource || resource.type !== 'export-consent' || resource.holder !== holderHash(holder)) return 'unknown';
      if (resource.usedBy !== undefined) return resource.usedBy === invoke ? 'repeat' : 'used';
      if (Date.parse(resource.expiresAt) <= now.getTime()) return 'expired';
      try {
        await item.replace(
          { ...resource, usedBy: invoke },
          { accessCondition: { type: 'IfMatch', condition: etag ?? '' } },
        );
        return 'taken';
      } catch (error) {
        // Another delivery used it meanwhile: read again to tell a repeat from a replay.
        if ((error as { code?: number }).code !== 412) throw error;
      }
    }
    return 'used';
  }
}

/** Tokens are random; their hash names the document, so the store never holds one that would work. */
function docId(token: string): string {
  return `export-consent|${hash(['token', token])}`;
}

/** The export's tokens hash as they always did; another file's purpose is part of the hash, so tokens do not cross. */
function holderHash({ userId, conversationId, purpose }: ConsentHolder): string {
  return hash(purpose === undefined ? ['holder', userId, conversationId] : ['holder', userId, conversationId, purpose]);
}

function hash(parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 43);
}
