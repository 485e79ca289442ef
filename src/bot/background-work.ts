import type { ConversationReference } from 'botbuilder';
import type { Logger } from '../logging/logger';
import type { BackgroundJob } from '../strategy/turn-unit';
import type { BotAdapter } from './adapter';

const SORRY =
  "Sorry — that didn't finish because of a problem on our side. Nothing was lost; please ask again in a moment.";

/**
 * Runs background jobs outside the turn and sends each one's result to its conversation proactively. In memory:
 * a job in flight when the process stops is not resumed (work that must survive a restart keeps its own state in
 * Cosmos, as pulse sending does).
 */
export class BackgroundWork {
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly adapter: BotAdapter,
    /** The bot's app id ('' in local mode), which continueConversationAsync needs for its identity. */
    private readonly botAppId: string,
    private readonly logger: Logger,
  ) {}

  get inFlight(): number {
    return this.running.size;
  }

  start(reference: Partial<ConversationReference>, job: BackgroundJob, tenantId: string): void {
    const task = this.finish(reference, job, tenantId).finally(() => this.running.delete(task));
    this.running.add(task);
  }

  /** Waits for the jobs in flight (on shutdown), at most `timeoutMs`. */
  async drain(timeoutMs = 10_000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    await Promise.race([Promise.allSettled([...this.running]), timeout]);
    clearTimeout(timer);
  }

  private async finish(reference: Partial<ConversationReference>, job: BackgroundJob, tenantId: string): Promise<void> {
    const started = Date.now();
    let messages;
    let outcome = 'done';
    try {
      messages = await job.run();
    } catch (error) {
      outcome = 'failed';
      this.logger.error('job.failed', { job: job.name, tenantId, error: (error as Error).name });
      messages = [{ text: SORRY }];
    }
    try {
      await this.adapter.continueConversationAsync(this.botAppId, reference, async (context) => {
        for (const message of messages) await context.sendActivity({ type: 'message', ...message });
      });
    } catch (error) {
      outcome = 'undelivered';
      this.logger.error('job.reply-failed', { job: job.name, tenantId, error: (error as Error).name });
    }
    this.logger.info('job.finished', { job: job.name, tenantId, outcome, ms: Date.now() - started });
  }
}
