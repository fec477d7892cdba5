/** How a {@link LaneBatcher} merges and runs the parts queued on a lane. */
export interface LaneBatcherOptions<P, R> {
  /** The items of a part (what `maxItems` bounds). */
  size(part: P): number;
  /** Queued parts run together while their items stay within this (a larger part runs alone). */
  maxItems: number;
  /** Whether `next` may run in one call with `first` (e.g. the same transport). */
  compatible(first: P, next: P): boolean;
  /** Runs parts together (one transaction); throws: every one of them failed. */
  work(parts: P[]): Promise<R>;
  /** Each part's share of what `work` returned, in the order of `parts`. */
  split(whole: R, parts: P[]): R[];
}

interface Waiting<P, R> {
  part: P;
  resolve(result: R): void;
  reject(error: unknown): void;
}

/**
 * Group commit per lane (issue 10 item 2): a lane runs one `work` call at a time, in the order the
 * parts were queued; the parts that queued up while it was busy run together in its next call
 * (up to `maxItems` items, compatible with the first), so concurrent batches share one
 * transaction instead of paying one each. Each caller gets its share of the result, or the error
 * when the call failed (then none of the merged parts is durable, unless `work` says otherwise).
 */
export class LaneBatcher<P, R> {
  private readonly queues: Array<Array<Waiting<P, R>>>;
  private readonly busy: boolean[];

  constructor(
    readonly count: number,
    private readonly options: LaneBatcherOptions<P, R>,
  ) {
    if (!Number.isInteger(count) || count < 1) throw new Error(`LaneBatcher: bad lane count ${count}`);
    this.queues = Array.from({ length: count }, () => []);
    this.busy = new Array<boolean>(count).fill(false);
  }

  /** Queues `part` on `lane`; resolves with its share once the call that ran it committed. */
  submit(lane: number, part: P): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queues[lane].push({ part, resolve, reject });
      if (!this.busy[lane]) void this.drain(lane);
    });
  }

  /**
   * Runs `part` in one call of its own with no lane running beside it, if every lane is idle now;
   * otherwise returns undefined and runs nothing (the caller submits per lane). While it runs, every
   * lane counts as busy, so what is submitted meanwhile queues and runs after it, as on a busy lane.
   * For a small batch that would otherwise pay one transaction per lane (issue 10: latency).
   */
  runAlone(part: P): Promise<R> | undefined {
    if (this.busy.some((b) => b)) return undefined;
    this.busy.fill(true);
    const run = async () => {
      try {
        return this.options.split(await this.options.work([part]), [part])[0];
      } finally {
        this.busy.fill(false);
        this.queues.forEach((queue, lane) => {
          if (queue.length > 0) void this.drain(lane);
        });
      }
    };
    return run();
  }

  /**
   * Queues `part` whole on a lane that is running now, so that it joins that lane's next call
   * instead of starting one beside it; on lane 0, at once, when no lane is busy. For a small batch
   * arriving while a lane commits (issue 10: latency): a transaction started beside it would wait
   * for that one's counter locks anyway.
   */
  submitToBusy(part: P): Promise<R> {
    return this.submit(Math.max(0, this.busy.indexOf(true)), part);
  }

  private async drain(lane: number): Promise<void> {
    this.busy[lane] = true;
    const queue = this.queues[lane];
    while (queue.length > 0) {
      const taken = [queue.shift()!];
      let items = this.options.size(taken[0].part);
      while (
        queue.length > 0 &&
        items + this.options.size(queue[0].part) <= this.options.maxItems &&
        this.options.compatible(taken[0].part, queue[0].part)
      ) {
        const next = queue.shift()!;
        items += this.options.size(next.part);
        taken.push(next);
      }
      const parts = taken.map((w) => w.part);
      try {
        const shares = this.options.split(await this.options.work(parts), parts);
        taken.forEach((w, i) => w.resolve(shares[i]));
      } catch (error) {
        for (const w of taken) w.reject(error);
      }
    }
    this.busy[lane] = false;
  }
}
