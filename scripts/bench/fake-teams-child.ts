/**
 * Runs the FAKE Teams channel service (scripts/bench/fake-teams-service.ts) in a process of its own for bench-pulse, so the arrival times it
 * records are not held up by the sender's event loop, as with the real service. Talks to its parent over IPC.
 */
import { FakeTeamsService } from './fake-teams-service';

export type ChildRequest =
  { type: 'start'; members: number; throttlePercent: number } | { type: 'report' } | { type: 'stop' };

export interface FakeReport {
  requests: number;
  byKind: Record<string, number>;
  /** Seconds from the first request's arrival to the last one's. */
  spanSeconds: number;
  /** Requests per second between the 5th and 95th percentile of arrivals: the steady state, without the start-up. */
  steadyRate: number;
  peakOneSecond: number;
  receivedOnce: number;
  receivedMoreThanOnce: number;
  receivedNone: number;
}

export type ChildMessage = { type: 'ready'; url: string; botId: string } | ({ type: 'report' } & FakeReport);

let service: FakeTeamsService | undefined;

function report(fake: FakeTeamsService): FakeReport {
  const times = fake.requests.map((request) => request.at).sort((a, b) => a - b);
  const byKind: Record<string, number> = {};
  for (const request of fake.requests) byKind[request.kind] = (byKind[request.kind] ?? 0) + 1;
  const received = [...fake.receivedByMember().values()];
  return {
    requests: times.length,
    byKind,
    spanSeconds: ((times.at(-1) ?? 0) - (times[0] ?? 0)) / 1000,
    steadyRate: steadyRate(times),
    peakOneSecond: fake.peakRequests(1000),
    receivedOnce: received.filter((count) => count === 1).length,
    receivedMoreThanOnce: received.filter((count) => count > 1).length,
    receivedNone: received.filter((count) => count === 0).length,
  };
}

function steadyRate(sorted: number[]): number {
  const from = Math.floor(sorted.length * 0.05);
  const to = Math.floor(sorted.length * 0.95);
  const seconds = (sorted[to] - sorted[from]) / 1000;
  return seconds > 0 ? (to - from) / seconds : 0;
}

process.on('message', (message: ChildRequest) => {
  void (async () => {
    if (message.type === 'start') {
      service = await FakeTeamsService.start(message.members);
      service.recordBodies = false;
      const every = message.throttlePercent > 0 ? Math.round(100 / message.throttlePercent) : 0;
      let sends = 0;
      service.fault = ({ kind }) =>
        every > 0 && kind === 'send' && ++sends % every === 0 ? { status: 429, retryAfterSeconds: 1 } : undefined;
      process.send?.({ type: 'ready', url: service.url, botId: service.botId } satisfies ChildMessage);
    } else if (message.type === 'report' && service) {
      process.send?.({ type: 'report', ...report(service) } satisfies ChildMessage);
    } else if (message.type === 'stop') {
      await service?.close();
      process.exit(0);
    }
  })();
});
