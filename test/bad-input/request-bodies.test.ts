/**
 * What POST /api/messages reads before authentication. Bot Framework channels send JSON, so only
 * `application/json` is read, and at most the body limit of it. restify's combined body parser handed
 * `multipart/form-data` to formidable, which wrote every upload to the temp folder (and never deleted it) before
 * any handler ran: an unauthenticated 3 MB multipart POST got a 401 and left a 3 MB file behind. Anything else is
 * refused with 415 before its body is read, a body declared or found to be over the limit with 413, and the
 * connection is closed rather than the rest of the body read.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startProductionProcess, type ProductionProcess } from '../support/production-process';

const THREE_MB = 3 * 1024 * 1024;
/** Far more than the server may ever read of a refused body. */
const DECLARED_BYTES = 64 * 1024 * 1024;
const FIRST_BYTES = 16 * 1024;

/** The production entry in a process of its own, so that its temp folder (TMPDIR) can be watched. */
let app: ProductionProcess;
let tempFolder: string;
let port: number;

beforeAll(async () => {
  tempFolder = mkdtempSync(path.join(tmpdir(), 'request-bodies-'));
  app = await startProductionProcess({ env: { TMPDIR: tempFolder } });
  port = Number(new URL(app.url).port);
}, 60_000);

afterEach(() => {
  // Whatever a test sent, nothing of it was written to the temp folder (emptied after each, so each test answers for itself).
  const left = readdirSync(tempFolder);
  for (const file of left) rmSync(path.join(tempFolder, file), { recursive: true, force: true });
  expect(left).toEqual([]);
});

afterAll(async () => {
  await app?.kill();
  if (tempFolder) rmSync(tempFolder, { recursive: true, force: true });
});

async function postBody(body: Uint8Array | URLSearchParams | string, contentType?: string): Promise<number> {
  const response = await fetch(`${app.url}/api/messages`, {
    method: 'POST',
    headers: contentType ? { 'content-type': contentType } : {},
    body,
    signal: AbortSignal.timeout(20_000),
  }).catch(() => ({ status: 0 }));
  return response.status;
}

interface RawOutcome {
  /** The response's status line, or '' when none came. */
  statusLine: string;
  /** The server ended the connection (it will not read the rest of the declared body). */
  closedByServer: boolean;
}

/**
 * Sends the request line, headers and the first bytes of a body declared far bigger, then waits (up to a deadline)
 * for an answer and for the server to close the connection, without sending the rest.
 */
function sendStartOfBody(headers: Record<string, string>, firstBytes: Buffer): Promise<RawOutcome> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    const finish = (closedByServer: boolean) => {
      clearTimeout(deadline);
      socket.destroy();
      resolve({ statusLine: received.split('\r\n')[0] ?? '', closedByServer });
    };
    const deadline = setTimeout(() => finish(false), 10_000);
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.on('end', () => finish(true));
    socket.on('error', (error) => (received ? finish(true) : reject(error)));
    const head = Object.entries({ host: `127.0.0.1:${port}`, ...headers })
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    socket.write(`POST /api/messages HTTP/1.1\r\n${head}\r\n`);
    socket.write(firstBytes);
  });
}

describe('bodies that are not JSON are refused before they are read', () => {
  it('an unauthenticated 3 MB multipart upload: 415 and no file in the temp folder', async () => {
    const form = new FormData();
    form.append('type', 'message');
    form.append('upload', new Blob([Buffer.alloc(THREE_MB, 'a')]), 'big.bin');
    // Encoded up front: fetch streams a FormData body and fails on a server that answers before reading it all.
    const encoded = new Response(form);
    const contentType = encoded.headers.get('content-type') ?? '';
    expect(contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(await postBody(new Uint8Array(await encoded.arrayBuffer()), contentType)).toBe(415);
    expect(readdirSync(tempFolder)).toEqual([]);
  });

  it('an unauthenticated 3 MB urlencoded form: 415 and no file in the temp folder', async () => {
    const form = new URLSearchParams({ type: 'message', text: 'a'.repeat(THREE_MB) });
    expect(await postBody(form)).toBe(415);
    expect(readdirSync(tempFolder)).toEqual([]);
  });

  it.each([
    ['multipart/form-data; boundary=x', '--x\r\ncontent-disposition: form-data; name="f"; filename="a"\r\n\r\n'],
    ['application/x-www-form-urlencoded', 'type=message&text='],
    ['text/plain', '{"type":"message","text":"'],
    ['application/octet-stream', ''],
    ['application/json; charset=latin1', '{"type":"message","text":"'],
    ['application/jsonp', '{"type":"message","text":"'],
  ])('%s, 64 MB declared: 415 after the first 16 KB, and the connection is closed', async (contentType, start) => {
    const body = Buffer.concat([Buffer.from(start), Buffer.alloc(FIRST_BYTES, 'a')]);
    const outcome = await sendStartOfBody(
      { 'content-type': contentType, 'content-length': String(DECLARED_BYTES) },
      body,
    );
    expect(outcome).toEqual({ statusLine: expect.stringMatching(/^HTTP\/1\.1 415 /), closedByServer: true });
  });

  it('no content type at all, 64 MB declared: 415 and the connection is closed', async () => {
    const outcome = await sendStartOfBody({ 'content-length': String(DECLARED_BYTES) }, Buffer.alloc(FIRST_BYTES));
    expect(outcome).toEqual({ statusLine: expect.stringMatching(/^HTTP\/1\.1 415 /), closedByServer: true });
  });
});

describe('JSON over the body limit gets 413 without being read to the end', () => {
  it('declared over the limit (64 MB): 413 before the body is read, and the connection is closed', async () => {
    const outcome = await sendStartOfBody(
      { 'content-type': 'application/json', 'content-length': String(DECLARED_BYTES) },
      Buffer.from(`{"type":"message","text":"${'a'.repeat(FIRST_BYTES)}`),
    );
    expect(outcome).toEqual({ statusLine: expect.stringMatching(/^HTTP\/1\.1 413 /), closedByServer: true });
  });

  it('chunked, past the limit and still coming: 413 once the limit is passed, and the connection is closed', async () => {
    const json = Buffer.from(`{"type":"message","text":"${'a'.repeat(600 * 1024)}`);
    const chunk = Buffer.concat([Buffer.from(`${json.length.toString(16)}\r\n`), json, Buffer.from('\r\n')]);
    const outcome = await sendStartOfBody(
      { 'content-type': 'application/json; charset=utf-8', 'transfer-encoding': 'chunked' },
      chunk,
    );
    expect(outcome).toEqual({ statusLine: expect.stringMatching(/^HTTP\/1\.1 413 /), closedByServer: true });
  });
});

describe('JSON is still read', () => {
  it.each(['application/json', 'application/json; charset=utf-8', 'Application/JSON; Charset="UTF-8"'])(
    '%s: an unauthenticated activity gets 401 (read, then refused by authentication)',
    async (contentType) => {
      const activity = { type: 'message', text: 'hello', from: { id: '29:x' }, conversation: { id: 'a:x' } };
      const status = await postBody(JSON.stringify(activity), contentType);
      expect(status).toBe(401);
    },
  );
});
