import type { LoggerService } from '@nestjs/common';

/**
 * A refresh that runs every few seconds in the background (gauges computed from the database, a
 * calendar reloaded from it), one run at a time: a call while a run is in progress joins that run
 * instead of piling another on a slow database. A failed run is logged and the previous values stay;
 * the next tick tries again. The timer never keeps the process alive, and stop() waits for the run
 * in progress so a shutdown does not close the database under it.
 */
export class PeriodicRefresh {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    /** What is refreshed, for the log line of a failure (e.g. "KPI gauges"). */
    private readonly what: string,
    private readonly task: () => Promise<void>,
    private readonly logger: Pick<LoggerService, 'warn'>,
  ) {}

  /** Runs every `seconds` from now on; with `now`, also once at once (not awaited). */
  start(seconds: number, options: { now: boolean }): void {
    this.timer = setInterval(() => void this.run(), seconds * 1000);
    this.timer.unref();
    if (options.now) void this.run();
  }

  /** One run, or the one in progress; never rejects (a failure is logged). */
  run(): Promise<void> {
    this.running ??= this.task()
      .catch((e: unknown) => {
        this.logger.warn(`${this.what} not refreshed: ${e instanceof Error ? e.message : String(e)}`);
      })
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
