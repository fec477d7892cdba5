// The bench process's own garbage collections during a measurement. A sample is timed in this
// process, so a collection here that falls inside a request adds to that sample as if the service
// had been slow (session 26 saw a 29 ms collection beside an 85 ms KPI sample whose p50 was 24 ms).
// The KPI and latency steps print these beside their slowest samples.
import { PerformanceObserver } from 'node:perf_hooks';

/** Collections at least this long are named. */
const NAMED_MS = 20;

export interface OwnPauses {
  /** Stops observing; the collections of at least 20 ms, "29 ms at 5.7 s" (s after `from`), or "none". */
  stop(from: number): string;
}

export function observeOwnPauses(): OwnPauses {
  const pauses: Array<{ at: number; ms: number }> = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      if (e.duration >= NAMED_MS) pauses.push({ at: performance.timeOrigin + e.startTime, ms: e.duration });
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    stop(from) {
      observer.disconnect();
      if (pauses.length === 0) return 'none';
      return pauses.map((p) => `${Math.round(p.ms)} ms at ${((p.at - from) / 1000).toFixed(1)} s`).join(', ');
    },
  };
}
