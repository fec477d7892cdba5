// Publish → visible latency: a one-stop system publishes over JetStream at a steady rate (1k
// events/s by default) to tthc-metrics in NATS mode; 10 dossier receipts a second are sampled and
// their dossier is looked up (GET /api/v1/tthc/dossiers/{code}) from the moment it is published until
// the API shows it: every outstanding sample once a round, two lookups at a time, a round every 10
// ms (a bounded request loop; until session 18 only the two oldest were looked up, so one slow
// sample held back the measurement of every younger one); a sample not visible within 30 s is
// counted as lost.
import { TthcEventTypes } from '@cchc/contracts';
import type { TthcCloudEvent } from '../tools/simulator/src/generator';
import { msSince, quantile } from './bench-results';
import { type IngestContext, withStatements } from './ingest-steps';
import { backlog, IN_FLIGHT, resetTthcStream, toOutgoing } from './jetstream-bench';
import { latencyHistoryTemplate } from './latency-history';
import { type AutovacuumPass, autovacuumPasses, describePasses } from './autovacuum-passes';
import { startBenchService } from './bench-servers';
import { observeOwnPauses } from './own-pauses';
import { generateEvents } from './workload';

const SAMPLES_PER_SECOND = 10;
const POLL_MS = 10;
const POLLERS = 2;
const GIVE_UP_MS = 30_000;
// The service is started right before publishing begins: its first transactions open the pool's
// connections and plan the rollup triggers' statements, and its first gauge refresh runs. The
// percentiles are over the samples published after this warm-up (the steady state a running
// service sees); the warm-up's slowest sample is given in the note. 5 s since session 19: with 2 s,
// the slowest samples of about half the runs were published 2.0–5.3 s into the run, on an empty
// database and on one with 100,000 dossiers of history alike (docs/benchmarks.md).
const WARM_UP_MS = 5_000;

type LatencyContext = Omit<IngestContext, 'events' | 'outgoing'>;

/** What one run of the step saw. */
interface LatencyRun {
  /** Publish → visible of the samples published after the warm-up, ms. */
  steady: number[];
  /** The slowest sample of the warm-up, ms. */
  warmUpMax: number;
  lost: number;
  publishedPerSecond: number;
  backlogAtEnd: number;
  lookups: number[];
  /** Autovacuum passes over the run's database during the run (the last of each table). */
  autovacuum: AutovacuumPass[];
}

/**
 * The step: `--latency-runs` runs, each against a freshly started service on its own database (a
 * copy of the history template, latency-history.ts, or empty with `--latency-history 0`) and a
 * fresh stream, and the percentiles over all their samples. One run of 30 s has about 250 samples
 * after the warm-up, so its p99 is its third-slowest sample; the p99 of single runs ranged from
 * 90 to 185 ms on a quiet machine (docs/benchmarks.md, sessions 19 and 20). Each run's p99 is in
 * the note.
 */
export async function publishToVisibleLatency(ctx: LatencyContext): Promise<void> {
  const { latencyRate: rate, latencyRuns, latencyHistory } = ctx.options;
  const template = latencyHistory > 0 ? await latencyHistoryTemplate(ctx.servers, latencyHistory) : undefined;
  const runs: LatencyRun[] = [];
  for (let run = 1; run <= latencyRuns; run += 1)
    runs.push(await measureOnce(ctx, run, latencyRuns, template));
  const steady = runs.flatMap((r) => r.steady);
  const lost = runs.reduce((n, r) => n + r.lost, 0);
  const lookupP50 = quantile(
    runs.flatMap((r) => r.lookups),
    0.5,
  );
  const group = `Latency at ${rate.toLocaleString('en')} events/s over JetStream (ms)`;
  ctx.results.add({ group, what: 'publish → visible p50', value: quantile(steady, 0.5), unit: 'ms' });
  ctx.results.add({
    group,
    what: 'publish → visible p99',
    value: quantile(steady, 0.99),
    unit: 'ms',
    target: 'no worse than 143 ms',
    note:
      `${latencyHistory > 0 ? `${latencyHistory.toLocaleString('en')} dossiers of history; ` : 'empty database; '}` +
      `${steady.length} samples after a ${WARM_UP_MS / 1000} s warm-up in ${runs.length} run(s), ` +
      `p99 of each: ${runs.map((r) => Math.round(quantile(r.steady, 0.99))).join(', ')} ms; ` +
      `warm-ups' slowest ${Math.round(Math.max(...runs.map((r) => r.warmUpMax)))} ms` +
      `${lost > 0 ? `; ${lost} not visible within 30 s` : ''}; ` +
      `published at ${runs.map((r) => Math.round(r.publishedPerSecond).toLocaleString('en')).join(', ')}/s; ` +
      `events not yet stored when publishing ended: ${runs.map((r) => r.backlogAtEnd.toLocaleString('en')).join(', ')}; ` +
      `autovacuum passes over the run's database: ${runs.map((r) => r.autovacuum.length).join(', ')}; ` +
      `lookup p50 ${Math.round(lookupP50)} ms`,
  });
}

async function measureOnce(
  ctx: LatencyContext,
  run: number,
  of: number,
  template: string | undefined,
): Promise<LatencyRun> {
  const { latencyRate: rate, latencySeconds: seconds } = ctx.options;
  const total = rate * seconds;
  console.error(`  publish → visible at ${rate}/s for ${seconds} s${of > 1 ? `, run ${run} of ${of}` : ''}`);
  const chunk = generateEvents(`L${run}`, total);
  const outgoing = toOutgoing(chunk.events, chunk.units);
  await resetTthcStream(ctx.nats.jsm);
  const database = `bench_latency_${run}`;
  const databaseUrl = await ctx.servers.createDatabase(database, template);
  const service = await startBenchService({
    kind: 'tthc-metrics',
    databaseUrl,
    natsUrl: ctx.servers.nats.url,
    label: 'latency',
    cpuProfDir: ctx.options.cpuProfDir,
  });
  const latencies: number[] = [];
  let lost = 0;
  // Diagnostics: a latency that grows over the run means the consumer cannot keep up with the rate.
  let backlogAtEnd = 0;
  let publishedMs = 0;
  // Samples not yet visible, oldest first. One bounded poller checks each of them once a round (at
  // most POLLERS lookups in flight, a round every POLL_MS), so that slow visibility never snowballs
  // into a flood of requests, and a slow sample does not hold back the younger ones.
  const outstanding: Array<{ code: string; publishedAt: bigint }> = [];
  // When each visible sample was published (ms into the run), to tell start-up from steady state.
  const publishedAtMs: number[] = [];
  let runStart = process.hrtime.bigint();
  let runStartedAt = new Date();
  let autovacuum: AutovacuumPass[] = [];
  let ownPauses = 'none';
  let publishing = true;
  const lookups: number[] = [];
  const isVisible = async (code: string): Promise<boolean> => {
    const asked = process.hrtime.bigint();
    const res = await service.request(`/api/v1/tthc/dossiers/${encodeURIComponent(code)}`);
    lookups.push(msSince(asked));
    if (res.status === 429) throw new Error('the service refused a lookup (429): raise RATE_LIMIT_REQUESTS');
    if (res.status !== 200) {
      await res.arrayBuffer();
      return false;
    }
    // The projection row is what the KPIs count; the stored events alone are not "visible".
    return ((await res.json()) as { dossier: unknown }).dossier !== null;
  };
  const poller = async (): Promise<void> => {
    while (publishing || outstanding.length > 0) {
      const round = outstanding.slice();
      // When each sample was seen visible (the end of its lookup), null if not.
      const seenAt = new Array<bigint | null>(round.length).fill(null);
      let next = 0;
      const lookUpRound = async () => {
        for (let i = next++; i < round.length; i = next++)
          if (await isVisible(round[i].code)) seenAt[i] = process.hrtime.bigint();
      };
      await Promise.all(Array.from({ length: POLLERS }, lookUpRound));
      const now = process.hrtime.bigint();
      round.forEach((s, i) => {
        const seen = seenAt[i];
        const age = Number((seen ?? now) - s.publishedAt) / 1e6;
        if (seen !== null || age > GIVE_UP_MS) {
          if (seen !== null) {
            latencies.push(age);
            publishedAtMs.push(Number(s.publishedAt - runStart) / 1e6);
          } else lost += 1;
          outstanding.splice(outstanding.indexOf(s), 1);
        }
      });
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  };
  try {
    // With --pg-stats, the statements of the run (the service's ledger transactions, its gauge
    // refreshes and the lookups) go into the notes.
    await withStatements(ctx, `publish → visible, run ${run}`, async () => {
      const receiptShare =
        chunk.events.filter((e) => e.type === TthcEventTypes.dossierReceived).length / chunk.events.length;
      const sampleEvery = Math.max(1, Math.round((rate * receiptShare) / SAMPLES_PER_SECOND));
      const pauses = observeOwnPauses();
      const polling = poller();
      const inFlight = new Set<Promise<unknown>>();
      let sent = 0;
      let receipts = 0;
      const start = process.hrtime.bigint();
      runStart = start;
      runStartedAt = new Date();
      while (sent < total) {
        const due = Math.min(total, Math.floor((msSince(start) / 1000) * rate));
        while (sent < due && inFlight.size < IN_FLIGHT) {
          const item = outgoing[sent];
          const event: TthcCloudEvent = chunk.events[sent];
          sent += 1;
          const publishedAt = process.hrtime.bigint();
          const p = ctx.nats.js.publish(item.subject, item.payload, { msgID: item.id });
          inFlight.add(p);
          void p.finally(() => inFlight.delete(p));
          if (event.type === TthcEventTypes.dossierReceived) {
            receipts += 1;
            if (receipts % sampleEvery === 0)
              outstanding.push({ code: String(event.data.dossierCode), publishedAt });
          }
        }
        await new Promise((r) => setTimeout(r, 5));
      }
      await Promise.all(inFlight);
      publishedMs = msSince(start);
      const left = await backlog(ctx.nats.jsm);
      backlogAtEnd = left.pending + left.ackPending;
      publishing = false;
      await polling;
      ownPauses = pauses.stop(runStartedAt.getTime());
    });
    // Read after the statements of the run were taken, so that this query is not among them.
    autovacuum = await autovacuumPasses(databaseUrl, runStartedAt);
  } finally {
    await service.stop();
    // Not left for autovacuum to work through during the next run (bench-servers.ts).
    await ctx.servers.dropDatabase(database);
  }
  const samples = latencies.map((ms, i) => ({ ms, at: publishedAtMs[i] }));
  const slowest = (of: typeof samples) =>
    [...of]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 5)
      .map((w) => `${Math.round(w.ms)} ms at ${(w.at / 1000).toFixed(1)} s`)
      .join(', ');
  console.error(`  publish → visible, slowest samples (published at s into the run): ${slowest(samples)}`);
  console.error(`  slowest after the warm-up: ${slowest(samples.filter((w) => w.at >= WARM_UP_MS))}`);
  console.error(
    `  autovacuum passes over the run's database (ended at s into the run): ${describePasses(autovacuum)}`,
  );
  console.error(`  the bench's own collections of 20 ms or more (at s into the run): ${ownPauses}`);
  return {
    steady: samples.filter((w) => w.at >= WARM_UP_MS).map((w) => w.ms),
    warmUpMax: Math.max(0, ...samples.filter((w) => w.at < WARM_UP_MS).map((w) => w.ms)),
    lost,
    publishedPerSecond: total / (publishedMs / 1000),
    backlogAtEnd,
    lookups,
    autovacuum,
  };
}
