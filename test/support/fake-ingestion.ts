import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

/** One Application Insights telemetry item as the exporter sends it (the fields the tests read). */
export interface Envelope {
  name: string;
  tags?: Record<string, string>;
  data?: { baseType?: string; baseData?: Record<string, unknown> & { properties?: Record<string, string> } };
}

/**
 * A FAKE Azure Monitor ingestion endpoint (the real one cannot be reached from here): HTTPS on loopback with a
 * certificate made for the test (the exporter only speaks HTTPS), accepting what is POSTed to /v2.1/track and keeping
 * the envelopes. A process pointed at it needs `NODE_EXTRA_CA_CERTS=<caFile>` to trust it.
 */
export interface FakeIngestion {
  /** An Application Insights connection string whose IngestionEndpoint is this server. */
  connectionString: string;
  /** The certificate to trust (PEM). */
  caFile: string;
  readonly envelopes: Envelope[];
  /** The paths requests arrived on. */
  readonly paths: string[];
  close(): Promise<void>;
}

export const FAKE_INSTRUMENTATION_KEY = '00000000-0000-4000-8000-0000000000a1';

export async function startFakeIngestion(): Promise<FakeIngestion> {
  const folder = mkdtempSync(path.join(tmpdir(), 'fake-ingestion-'));
  const [keyFile, caFile] = [path.join(folder, 'key.pem'), path.join(folder, 'cert.pem')];
  // A short-lived self-signed certificate for 127.0.0.1 (openssl is a Debian package on every machine here).
  execFileSync(
    'openssl',
    [
      ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1'],
      ...['-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'],
      ...['-keyout', keyFile, '-out', caFile],
    ],
    { stdio: 'ignore' },
  );
  const envelopes: Envelope[] = [];
  const paths: string[] = [];
  const server: Server = createServer({ key: readFileSync(keyFile), cert: readFileSync(caFile) }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      paths.push(req.url ?? '');
      const raw = Buffer.concat(chunks);
      const text = (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
      const items = parseItems(text);
      envelopes.push(...items);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ itemsReceived: items.length, itemsAccepted: items.length, errors: [] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    connectionString: `InstrumentationKey=${FAKE_INSTRUMENTATION_KEY};IngestionEndpoint=https://127.0.0.1:${port}/`,
    caFile,
    envelopes,
    paths,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** A JSON array, or one JSON object per line. */
function parseItems(text: string): Envelope[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  if (trimmed.startsWith('[')) return JSON.parse(trimmed) as Envelope[];
  return trimmed.split('\n').map((line) => JSON.parse(line) as Envelope);
}
