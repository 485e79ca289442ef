import type { Request, RequestHandler, Response } from 'restify';

/** How long a refused client (the Bot Framework channel, a load balancer) is asked to wait before trying again. */
const RETRY_AFTER_SECONDS = 5;

/**
 * Knows the requests in progress and, once the app is shutting down, refuses new ones before they start: 503 with
 * Retry-After (and /healthz says "draining", so a load balancer stops sending), while those already admitted finish.
 */
export class RequestGate {
  private readonly inProgress = new Set<Response>();
  private readonly idleWaiters = new Set<() => void>();
  private refusing = false;

  get draining(): boolean {
    return this.refusing;
  }

  get inFlight(): number {
    return this.inProgress.size;
  }

  /** A restify `pre` handler: runs before body parsing and routing. */
  readonly handler: RequestHandler = (_req: Request, res: Response, next) => {
    if (this.refusing) {
      res.header('Retry-After', String(RETRY_AFTER_SECONDS));
      res.header('Connection', 'close');
      res.send(503, { status: 'draining' });
      return next(false);
    }
    this.inProgress.add(res);
    res.once('close', () => {
      this.inProgress.delete(res);
      if (this.inProgress.size === 0) for (const resolve of this.idleWaiters) resolve();
    });
    return next();
  };

  /** From now on new requests are refused; those in progress close their connection when they answer. */
  stopAccepting(): void {
    this.refusing = true;
    for (const res of this.inProgress) if (!res.headersSent) res.setHeader('Connection', 'close');
  }

  /** Resolves true when no request is in progress, or false after `timeoutMs` with some still running. */
  async idle(timeoutMs: number): Promise<boolean> {
    if (this.inProgress.size === 0) return true;
    let timer: NodeJS.Timeout | undefined;
    let done: (() => void) | undefined;
    const settled = await Promise.race([
      new Promise<boolean>((resolve) => {
        done = () => resolve(true);
        this.idleWaiters.add(done);
      }),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs))),
    ]);
    clearTimeout(timer);
    if (done) this.idleWaiters.delete(done);
    return settled;
  }
}
