// The Node (V8) flags the all-in-one runs with, wherever it is started: `npm start` (package.json),
// the benchmark (bench/bench-servers.ts), the e2e tests that spawn it (apps/all-in-one/test, the
// console's Playwright global setup), and the systemd example in
// docs/runbook.md. Why (measured in docs/benchmarks.md, session 16, "all-in-one memory"):
//
// V8 sizes the old generation's growth by the heap limit it is given. Without a flag, on a machine
// with more than 16 GB of RAM, that limit is about 4 GB and V8 lets the old space grow to about three
// times the live data before it marks (up to 4×). Under sustained HTTP ingest the live heap stays
// at 60–90 MB, but every request's events live across a few awaits and survive into the old space:
// it grew to about 240 MB between major collections and RSS reached 340–400 MB. With a 1 GB limit
// V8's growing factor is about 1.6× instead, the old space stays near 90–100 MB and RSS near 200 MB,
// for a few more (short) major collections and no more CPU per event. 1 GB is still ten times the
// live heap measured under ingest (a 2021-Q1 report at 100,000 dossiers stayed under 200 MB RSS), so
// it is a budget for the GC, not a tight cap.

/** `--max-old-space-size` of the all-in-one, in MB. */
export const ALL_IN_ONE_OLD_SPACE_MB = 1024;

/** The flags, in the order they are given before the script. */
export const ALL_IN_ONE_NODE_FLAGS: readonly string[] = [`--max-old-space-size=${ALL_IN_ONE_OLD_SPACE_MB}`];

/**
 * V8's heap limit (`v8.getHeapStatistics().heap_size_limit`) is the old space plus the young
 * generation (semi-spaces): anything this far above the flag means the process was started without
 * it (or with a larger one).
 */
const YOUNG_GENERATION_ALLOWANCE_MB = 256;

/**
 * A warning for the log when the process runs with a larger heap budget than the flags give (started
 * with `node dist/apps/all-in-one/src/main.js` and no flag), else null.
 */
export function heapBudgetWarning(heapSizeLimitBytes: number): string | null {
  const limitMb = Math.round(heapSizeLimitBytes / (1024 * 1024));
  if (limitMb <= ALL_IN_ONE_OLD_SPACE_MB + YOUNG_GENERATION_ALLOWANCE_MB) return null;
  return (
    `Node's heap limit is ${limitMb} MB: started without ${ALL_IN_ONE_NODE_FLAGS.join(' ')} ` +
    '(npm start sets it). V8 then lets garbage pile up and the process uses 350–400 MB instead of ' +
    'about 200 MB under sustained ingest; start it as `node ' +
    `${ALL_IN_ONE_NODE_FLAGS.join(' ')} dist/apps/all-in-one/src/main.js\`.`
  );
}
