/**
 * A pass run now and then by a scheduler (pulses, invitations, action reminders, digests, snapshots): every
 * `intervalMs`, and once shortly after start when asked (so a restart does not wait a whole interval); overlapping runs
 * share the pass under way.
 */
export class PeriodicPass<T> {
  private timer?: NodeJS.Timeout;
  private first?: NodeJS.Timeout;
  private running?: Promise<T>;

  constructor(private readonly pass: () => Promise<T>) {}

  /** Runs every `intervalMs`, and once `firstAfterMs` after now when given; a failed run is left to the pass's logs. */
  start(intervalMs: number, firstAfterMs?: number): void {
    this.timer = setInterval(() => void this.run().catch(() => undefined), intervalMs);
    this.timer.unref();
    if (firstAfterMs === undefined) return;
    this.first = setTimeout(() => void this.run().catch(() => undefined), firstAfterMs);
    this.first.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    clearTimeout(this.first);
    await this.running?.catch(() => undefined);
  }

  /** One pass; a call while one is under way shares it. */
  run(): Promise<T> {
    this.running ??= this.pass().finally(() => (this.running = undefined));
    return this.running;
  }
}
