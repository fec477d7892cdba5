// Command-line options of `npm run bench` (bench/main.ts).
import { parseArgs } from 'node:util';

export const STEPS = ['baselines', 'drain', 'jetstream', 'http', 'latency', 'kpis'] as const;
export type Step = (typeof STEPS)[number];

export interface BenchOptions {
  /** Events for each throughput step (baselines, drain, ingest). */
  events: number;
  /** Database size S for the KPI step, in dossiers; the step also measures 4×S. */
  dossiers: number;
  /** Timed runs per KPI query (after one warm-up); p50 and p95 are taken over them. */
  kpiRuns: number;
  /** Timed runs per report format. */
  reportRuns: number;
  /** Publish rate and duration of the publish→visible latency step. */
  latencyRate: number;
  latencySeconds: number;
  latencyRuns: number;
  latencyHistory: number;
  /** Batch requests in flight when ingesting over HTTP (1,000 events each). */
  httpConcurrency: number;
  /** How the KPI step loads its databases: over HTTP (the public path) or the bulk loader. */
  loader: 'http' | 'bulk';
  /** The bulk loader's mode: 'copy' (rows built in Node, written with COPY) or 'sink' (EventSink). */
  bulkMode: 'copy' | 'sink';
  steps: Step[];
  /** Write each service process's V8 CPU profile (--cpu-prof) into this directory. */
  cpuProfDir: string | undefined;
  /** Load pg_stat_statements and print the top statements of each ingest and KPI step. */
  pgStats: boolean;
  /** Also write the results as JSON to this file. */
  json: string | undefined;
}

export const USAGE = `Usage: npm run bench -- [options]

Starts its own nats-server and PostgreSQL (embedded, with the embedded settings), drives the
services through their public paths, and prints one table (docs/benchmarks.md).

  --events N            events per throughput step (default 200000)
  --dossiers N          KPI database size S in dossiers; 4×S is measured too (default 250000)
  --kpi-runs N          timed runs per KPI query (default 100)
  --report-runs N       timed runs per report format (default 3)
  --latency-rate N      events/s for the publish→visible step (default 1000)
  --latency-seconds N   duration of that step (default 30)
  --latency-runs N      runs of that step, each on a fresh service and database; percentiles over
                        all their samples (default 3)
  --latency-history N   dossiers of history in the database of every run, loaded with the bulk
                        loader first (default 100000; 0: an empty database)
  --http-concurrency N  HTTP batch requests in flight (default 4)
  --loader http|bulk    how the KPI step loads S and 4×S: over HTTP into the all-in-one (default),
                        or the bulk loader (tools/bulk-loader: the service's own ingestion and
                        projection code in-process, batches of whole dossiers; no RSS row)
  --bulk-mode copy|sink the bulk loader's mode: copy (default; rows built by the service's code,
                        written with COPY, counters by the rollup backfills) or sink (through the
                        service's EventSink and ledger transactions)
  --only a,b            steps: ${STEPS.join(', ')} (default all)
  --quick               small sizes to check the harness: --events 20000 --dossiers 5000
                        --kpi-runs 10 --latency-seconds 10 --latency-runs 1
                        --latency-history 0 (explicit options still win)
  --cpu-prof DIR        service processes write V8 CPU profiles into DIR
  --pg-stats            print the top PostgreSQL statements (pg_stat_statements) per step
  --json FILE           also write the results as JSON
  -h, --help            this text
`;

export class BenchOptionError extends Error {}

export function parseBenchOptions(argv: string[]): BenchOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        events: { type: 'string' },
        dossiers: { type: 'string' },
        'kpi-runs': { type: 'string' },
        'report-runs': { type: 'string' },
        'latency-rate': { type: 'string' },
        'latency-seconds': { type: 'string' },
        'latency-runs': { type: 'string' },
        'latency-history': { type: 'string' },
        'http-concurrency': { type: 'string' },
        loader: { type: 'string' },
        'bulk-mode': { type: 'string' },
        only: { type: 'string' },
        quick: { type: 'boolean' },
        'cpu-prof': { type: 'string' },
        'pg-stats': { type: 'boolean' },
        json: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    throw new BenchOptionError(e instanceof Error ? e.message : String(e));
  }
  if (values.help === true) return 'help';
  const quick = values.quick === true;
  const int = (
    name: string,
    value: string | undefined,
    fallback: number,
    min: number,
    max: number,
  ): number => {
    if (value === undefined) return fallback;
    const n = Number(value);
    if (value.trim() === '' || !Number.isInteger(n) || n < min || n > max)
      throw new BenchOptionError(`--${name} must be an integer in [${min}, ${max}], got "${value}"`);
    return n;
  };
  const steps = (values.only ?? STEPS.join(','))
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const s of steps) {
    if (!(STEPS as readonly string[]).includes(s))
      throw new BenchOptionError(`--only: unknown step "${s}" (steps: ${STEPS.join(', ')})`);
  }
  const loader = values.loader ?? 'http';
  if (loader !== 'http' && loader !== 'bulk')
    throw new BenchOptionError(`--loader must be http or bulk, got "${loader}"`);
  const bulkMode = values['bulk-mode'] ?? 'copy';
  if (bulkMode !== 'copy' && bulkMode !== 'sink')
    throw new BenchOptionError(`--bulk-mode must be copy or sink, got "${bulkMode}"`);
  return {
    events: int('events', values.events, quick ? 20_000 : 200_000, 1000, 100_000_000),
    dossiers: int('dossiers', values.dossiers, quick ? 5000 : 250_000, 100, 50_000_000),
    kpiRuns: int('kpi-runs', values['kpi-runs'], quick ? 10 : 100, 2, 10_000),
    reportRuns: int('report-runs', values['report-runs'], quick ? 2 : 3, 1, 1000),
    latencyRate: int('latency-rate', values['latency-rate'], 1000, 1, 100_000),
    latencySeconds: int('latency-seconds', values['latency-seconds'], quick ? 10 : 30, 1, 3600),
    latencyRuns: int('latency-runs', values['latency-runs'], quick ? 1 : 3, 1, 100),
    latencyHistory: int('latency-history', values['latency-history'], quick ? 0 : 100_000, 0, 10_000_000),
    httpConcurrency: int('http-concurrency', values['http-concurrency'], 4, 1, 64),
    loader,
    bulkMode,
    steps: steps as Step[],
    cpuProfDir: values['cpu-prof'],
    pgStats: values['pg-stats'] === true,
    json: values.json,
  };
}
