// `npm run bench`: one run, one table (docs/benchmarks.md). Starts its own nats-server and PostgreSQL,
// measures the baselines and the services through their public paths, prints the table on stdout
// (progress on stderr). `npm run bench -- --help` for the options.
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { embeddedPostgresSettings } from '@cchc/database';
import { measureBaselines } from './baselines';
import { BenchOptionError, parseBenchOptions, USAGE, type BenchOptions } from './bench-options';
import { BenchResults, msSince } from './bench-results';
import { startBenchServers } from './bench-servers';
import {
  backlogDrain,
  httpIngest,
  jetStreamEndToEnd,
  noteJetStreamBound,
  type IngestContext,
} from './ingest-steps';
import { connectNats, toOutgoing } from './jetstream-bench';
import { kpiStep } from './kpi-step';
import { publishToVisibleLatency } from './latency-step';
import { generateEvents } from './workload';

async function run(options: BenchOptions): Promise<void> {
  const results = new BenchResults();
  const notes: string[] = [];
  const started = process.hrtime.bigint();
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 1024 ** 3).toFixed(1)} GB, Node ${process.version}`;
  const pg = embeddedPostgresSettings();
  console.error(`Benchmark on ${machine}`);
  console.error(
    `Starting nats-server and PostgreSQL (shared_buffers ${pg.shared_buffers}, work_mem ${pg.work_mem}) …`,
  );
  const servers = await startBenchServers({ pgStats: options.pgStats });
  const nats = await connectNats(servers.nats.url);
  const has = (step: BenchOptions['steps'][number]) => options.steps.includes(step);
  // A failed step is reported in the table and the run goes on: a long run keeps what it measured.
  const guarded = async (step: string, fn: () => Promise<void>): Promise<void> => {
    try {
      await fn();
    } catch (e) {
      console.error(`Step ${step} failed:`, e);
      const reason = e instanceof Error ? e.message : String(e);
      results.add({
        group: 'Failed steps',
        what: step,
        value: null,
        unit: '',
        note: reason.replace(/\s+/g, ' ').slice(0, 200),
      });
    } finally {
      // Its databases go with the step, not into the next step's measurements (bench-servers.ts).
      await servers
        .dropDatabases()
        .catch((e: unknown) => console.error(`Step ${step}: databases not dropped:`, e));
    }
  };
  try {
    const needsEvents = has('baselines') || has('drain') || has('jetstream') || has('http');
    if (needsEvents) {
      console.error(`Generating ${options.events.toLocaleString('en')} events …`);
      const { events, units } = generateEvents('T', options.events);
      const outgoing = toOutgoing(events, units);
      const ctx: IngestContext = { servers, nats, options, results, events, outgoing, notes };
      const ingests = has('drain') || has('jetstream') || has('http');
      if (has('baselines')) {
        console.error('Baselines');
        await measureBaselines(servers, nats, results, events, outgoing);
      }
      if (has('drain')) await guarded('drain', () => backlogDrain(ctx));
      if (has('jetstream')) await guarded('jetstream', () => jetStreamEndToEnd(ctx));
      if (has('http')) await guarded('http', () => httpIngest(ctx));
      if (has('baselines') && ingests) {
        console.error('Baselines again, after the ingest steps');
        await guarded('baselines again', () =>
          measureBaselines(servers, nats, results, events, outgoing, true),
        );
      }
      noteJetStreamBound(results);
    }
    if (has('latency'))
      await guarded('latency', () => publishToVisibleLatency({ servers, nats, options, results, notes }));
    if (has('kpis')) await guarded('kpis', () => kpiStep({ servers, options, results, notes }));
  } finally {
    await nats.close();
    await servers.stop();
  }

  const minutes = (msSince(started) / 60_000).toFixed(1);
  const sizes = `--events ${options.events} --dossiers ${options.dossiers} --kpi-runs ${options.kpiRuns} --latency-seconds ${options.latencySeconds} --latency-runs ${options.latencyRuns} --latency-history ${options.latencyHistory} --http-concurrency ${options.httpConcurrency} --loader ${options.loader}${options.loader === 'bulk' ? ` --bulk-mode ${options.bulkMode}` : ''}`;
  console.log(`\n## Benchmark, ${new Date().toISOString().slice(0, 16)}Z (${minutes} min)\n`);
  console.log(`Machine: ${machine}. Options: ${sizes}. Steps: ${options.steps.join(', ')}.\n`);
  console.log(results.toMarkdown());
  if (notes.length > 0)
    console.log(
      `\n### Top PostgreSQL statements per step (pg_stat_statements)\n\n\`\`\`\n${notes.join('\n')}\n\`\`\``,
    );
  if (options.json)
    writeFileSync(
      options.json,
      JSON.stringify({ machine, options, rows: results.resolved(), notes }, null, 2),
    );
}

async function main(): Promise<number> {
  let options: BenchOptions | 'help';
  try {
    options = parseBenchOptions(process.argv.slice(2));
  } catch (e) {
    if (e instanceof BenchOptionError) {
      console.error(`bench: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    throw e;
  }
  if (options === 'help') {
    console.log(USAGE);
    return 0;
  }
  await run(options);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
