// Throttling and progress bookkeeping shared by the HTTP and NATS senders.
import type { SimulatorOptions, SimulatorSummary } from './simulator-options';

/** Where progress lines go. */
export type Log = (line: string) => void;

export const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (ms <= 0 || signal?.aborted === true) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

/** Throttle and progress bookkeeping shared by both targets. */
export class Pacer {
  private readonly started = Date.now();
  private lastProgress = Date.now();
  readonly summary: SimulatorSummary;

  constructor(
    private readonly options: SimulatorOptions,
    private readonly log: Log,
    generated: number,
  ) {
    this.summary = {
      generated,
      sent: 0,
      accepted: 0,
      duplicates: 0,
      rejected: 0,
      seconds: 0,
      rejections: [],
    };
  }

  /** Waits until sending `next` more events keeps the average at or under the rate. */
  async before(next: number): Promise<void> {
    if (this.options.rate <= 0) return;
    const dueAt = this.started + ((this.summary.sent + next) / this.options.rate) * 1000;
    await sleep(dueAt - Date.now() - 1000 / this.options.rate, this.options.signal);
  }

  progress(force = false): void {
    const now = Date.now();
    if (!force && now - this.lastProgress < (this.options.progressEveryMs ?? 3000)) return;
    this.lastProgress = now;
    const s = this.summary;
    const seconds = (now - this.started) / 1000;
    const rate = seconds > 0 ? Math.round(s.sent / seconds) : 0;
    this.log(
      `simulator: sent ${s.sent}/${s.generated} events (${rate}/s), accepted ${s.accepted}, duplicates ${s.duplicates}, rejected ${s.rejected}`,
    );
  }

  finish(): SimulatorSummary {
    this.summary.seconds = (Date.now() - this.started) / 1000;
    return this.summary;
  }
}
