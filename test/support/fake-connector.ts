import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fake of the Teams connector (the Bot Framework channel service cannot run here): it accepts what the bot sends
 * to a conversation and remembers it, so proactive messages (background work, digests) can be checked.
 */
export interface SentActivity {
  conversationId: string;
  activity: Record<string, unknown> & { text?: string };
  at: number;
}

export interface FakeConnector {
  /** The serviceUrl to put on activities, e.g. http://127.0.0.1:1234/ */
  serviceUrl: string;
  /** What the bot sent, oldest first. */
  sent: SentActivity[];
  /** Resolves when `count` activities have arrived in total. */
  waitFor(count: number, timeoutMs?: number): Promise<SentActivity[]>;
  close(): Promise<void>;
}

export async function startFakeConnector(): Promise<FakeConnector> {
  const sent: SentActivity[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const match = /^\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
      if (req.method !== 'POST' || !match) {
        res.writeHead(404).end();
        return;
      }
      sent.push({
        conversationId: decodeURIComponent(match[1]),
        activity: JSON.parse(Buffer.concat(chunks).toString('utf8')) as SentActivity['activity'],
        at: Date.now(),
      });
      for (const waiter of waiters.filter((candidate) => sent.length >= candidate.count)) waiter.resolve();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `activity-${sent.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    serviceUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    sent,
    waitFor(count, timeoutMs = 10_000) {
      if (sent.length >= count) return Promise.resolve(sent);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`only ${sent.length} of ${count} activities arrived`)),
          timeoutMs,
        );
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve(sent);
          },
        });
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
