import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { UploadInfo } from '../../src/privacy/consent-answer';
import { cardsOf, type TestUser, type TurnReply } from './bot-harness';

/**
 * A FAKE OneDrive upload session server (OneDrive cannot run here): it takes the PUT of a file consent upload and
 * remembers it, or answers with an injected fault (a status, a stall longer than the bot waits, or holding the answer
 * until the test lets it go), and records the
 * DELETE that cancels a session.
 */
export interface ReceivedUpload {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export type UploadFault = { status: number } | { stallMs: number } | { heldUntil: Promise<unknown> };

export interface FakeOneDrive {
  /** Every request that reached the server, oldest first. */
  received: ReceivedUpload[];
  /** The PUTs among them. */
  uploads(): ReceivedUpload[];
  /** The next request gets this fault. */
  inject(fault: UploadFault): void;
  /** What Teams would put in an accept invoke's `uploadInfo` for a new upload session on this server. */
  uploadInfo(name?: string): UploadInfo;
  close(): Promise<void>;
}

/** Starts the fake on `host` (127.0.0.2 is loopback too, but not a host local mode lets the bot upload to). */
export async function startFakeOneDrive(host = '127.0.0.1'): Promise<FakeOneDrive> {
  const received: ReceivedUpload[] = [];
  const faults: UploadFault[] = [];
  const stalls = new Set<NodeJS.Timeout>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
      });
      const fault = faults.shift();
      const answer = (status: number) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(status < 300 ? { id: randomUUID() } : { error: { code: 'injected' } }));
      };
      if (req.method === 'DELETE') return answer(204);
      if (!fault) return answer(201);
      if ('status' in fault) return answer(fault.status);
      if ('heldUntil' in fault)
        return void fault.heldUntil.then(() => {
          if (!res.socket?.destroyed) answer(201);
        });
      const stall = setTimeout(() => {
        stalls.delete(stall);
        if (!res.socket?.destroyed) answer(201);
      }, fault.stallMs);
      stalls.add(stall);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const base = `http://${host}:${(server.address() as AddressInfo).port}`;
  return {
    received,
    uploads: () => received.filter((request) => request.method === 'PUT'),
    inject: (fault) => void faults.push(fault),
    uploadInfo: (name = 'strategy-guide-export.json') => {
      const session = randomUUID();
      return {
        name,
        uploadUrl: `${base}/personal/user/_api/v2.0/drive/items/${session}/uploadSession?tempauth=secret-${session}`,
        contentUrl: `${base}/personal/user/Documents/Applications/${name}`,
        uniqueId: session.toUpperCase(),
        fileType: 'json',
      };
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const stall of stalls) clearTimeout(stall);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const FILE_CONSENT = 'application/vnd.microsoft.teams.card.file.consent';

/** The file consent card among the activities, if any. */
export function consentCardOf(
  activities: readonly unknown[],
):
  | { name: string; content: { sizeInBytes: number; acceptContext: { token: string }; declineContext: unknown } }
  | undefined {
  for (const activity of activities as Array<{ attachments?: Array<{ contentType?: string }> }>)
    for (const attachment of activity.attachments ?? [])
      if (attachment.contentType === FILE_CONSENT) return attachment as never;
  return undefined;
}

/** The value of a `fileConsent/invoke` as Teams sends it when the person presses Allow (or Decline). */
export function consentInvoke(
  action: 'accept' | 'decline',
  context: unknown,
  uploadInfo?: UploadInfo,
): Record<string, unknown> {
  return {
    type: 'invoke',
    name: 'fileConsent/invoke',
    value: { type: 'fileUpload', action, context, ...(uploadInfo ? { uploadInfo } : {}) },
  };
}

/** `export`, then Allow on the consent card (replies in the HTTP answer); the upload the fake OneDrive got. */
export async function exportThroughOneDrive(user: TestUser, oneDrive: FakeOneDrive): Promise<unknown> {
  const offered = await user.say('export');
  const card = consentCardOf(offered.activities);
  if (!card) throw new Error(`no file consent card: ${JSON.stringify(cardsOf(offered))}`);
  const before = oneDrive.uploads().length;
  const accepted: TurnReply = await user.post(
    consentInvoke('accept', card.content.acceptContext, oneDrive.uploadInfo(card.name)),
  );
  const upload = oneDrive.uploads()[before];
  if (!upload) throw new Error(`nothing uploaded: ${JSON.stringify(accepted.activities)}`);
  return JSON.parse(upload.body.toString('utf8'));
}
