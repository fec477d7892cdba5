// Ingest through the real services, each on a fresh database and an empty TTHC stream:
// - backlog drain: the stream holds the events before tthc-metrics (NATS mode) starts;
// - end to end over JetStream: tthc-metrics consumes while a one-stop system publishes (pipelined);
// - over HTTP: the all-in-one (no NATS) and tthc-metrics in NATS mode; HTTP stores into the ledger
//   directly in both modes, so accepted = stored.
import type { TthcCloudEvent } from '../tools/simulator/src/generator';
import { MINIMAL, RAW_INSERT, RAW_PUBLISH } from './baselines';
import { type BenchResults, msSince } from './bench-results';
import type { BenchOptions } from './bench-options';
import {
  resetStatements,
  sampleRss,
  startBenchService,
  topStatements,
  type BenchServers,
} from './bench-servers';
import { batchBodies, postBatches } from './http-ingest';
import {
  publishPipelined,
  resetTthcStream,
  streamMessages,
  waitDrained,
  type NatsBench,
  type Outgoing,
} from './jetstream-bench';

export const JETSTREAM_ROW = 'ingest while publishing over JetStream, tthc-metrics (publish → all stored)';

export interface IngestContext {
  servers: BenchServers;
  nats: NatsBench;
  options: BenchOptions;
  results: BenchResults;
  events: readonly TthcCloudEvent[];
  outgoing: readonly Outgoing[];
  /** Lines for the "where the time goes" section (pg_stat_statements). */
  notes: string[];
}

const GROUP = 'Ingest (events/s)';
const DRAIN_TIMEOUT_MS = 60 * 60 * 1000;

/** Runs `fn`; with --pg-stats, the top PostgreSQL statements over it go into the notes under `label`. */
export async function withStatements<T>(
  ctx: Pick<IngestContext, 'options' | 'servers' | 'notes'>,
  label: string,
  fn: () => Promise<T>,
): Promise<T> {
  if (ctx.options.pgStats) await resetStatements(ctx.servers.postgres.url);
  const out = await fn();
  if (ctx.options.pgStats)
    ctx.notes.push(`${label}:`, ...(await topStatements(ctx.servers.postgres.url)), '');
  return out;
}

export async function backlogDrain(ctx: IngestContext): Promise<void> {
  const n = ctx.outgoing.length;
  console.error(`  backlog drain through tthc-metrics (${n.toLocaleString('en')} events)`);
  await resetTthcStream(ctx.nats.jsm);
  const databaseUrl = await ctx.servers.createDatabase('bench_drain');
  const start = { kind: 'tthc-metrics' as const, databaseUrl, natsUrl: ctx.servers.nats.url, label: 'drain' };
  // A first start creates the stream and the durable consumer; the backlog is published while the
  // service is down, then it starts again and drains it.
  await (await startBenchService(start)).stop();
  await publishPipelined(ctx.nats.js, ctx.outgoing, 'backlog: publish');
  if ((await streamMessages(ctx.nats.jsm)) !== n)
    throw new Error('backlog: the stream does not hold every event');
  await withStatements(ctx, 'backlog drain', async () => {
    const service = await startBenchService({ ...start, cpuProfDir: ctx.options.cpuProfDir });
    try {
      const { ms } = await waitDrained(ctx.nats.jsm, n, 'backlog: drain', DRAIN_TIMEOUT_MS);
      ctx.results.addRatio({
        group: GROUP,
        what: 'backlog drain, tthc-metrics consumer',
        value: n / (ms / 1000),
        unit: 'events/s',
        baseline: MINIMAL,
        target: '≥ 0.5×',
      });
    } finally {
      await service.stop();
    }
  });
}

/**
 * What the same run says of the target's reach: a consumer that stores while the events are
 * published ends no sooner than it would drain them as a backlog, and the minimal consumer does
 * the least storage work possible, so its drain rate over raw publish bounds the ratio any
 * consumer doing the storage job can reach on this machine (with the publisher sharing its cores,
 * it ends lower still).
 */
export function noteJetStreamBound(results: BenchResults): void {
  const minimal = results.value(MINIMAL);
  const publish = results.value(RAW_PUBLISH);
  if (minimal === null || publish === null) return;
  results.appendNote(
    JETSTREAM_ROW,
    `bound in this run: the minimal consumer drains at ${(minimal / publish).toFixed(2)}× raw publish`,
  );
}

export async function jetStreamEndToEnd(ctx: IngestContext): Promise<void> {
  const n = ctx.outgoing.length;
  console.error(`  end to end over JetStream (${n.toLocaleString('en')} events published while consumed)`);
  await resetTthcStream(ctx.nats.jsm);
  const databaseUrl = await ctx.servers.createDatabase('bench_jetstream');
  await withStatements(ctx, 'ingest while publishing over JetStream', async () => {
    const service = await startBenchService({
      kind: 'tthc-metrics',
      databaseUrl,
      natsUrl: ctx.servers.nats.url,
      label: 'jetstream',
      cpuProfDir: ctx.options.cpuProfDir,
    });
    try {
      const start = process.hrtime.bigint();
      const publishMs = await publishPipelined(ctx.nats.js, ctx.outgoing, 'JetStream: publish');
      await waitDrained(ctx.nats.jsm, n, 'JetStream: consume', DRAIN_TIMEOUT_MS);
      const ms = msSince(start);
      ctx.results.addRatio({
        group: GROUP,
        what: JETSTREAM_ROW,
        value: n / (ms / 1000),
        unit: 'events/s',
        baseline: RAW_PUBLISH,
        target: '≥ 0.5×',
        note: `publisher finished at ${Math.round(n / (publishMs / 1000)).toLocaleString('en')}/s`,
      });
    } finally {
      await service.stop();
    }
  });
}

export async function httpIngest(ctx: IngestContext): Promise<void> {
  const n = ctx.events.length;
  const bodies = batchBodies(ctx.events);
  const c = ctx.options.httpConcurrency;

  console.error(
    `  HTTP, all-in-one without NATS (${n.toLocaleString('en')} events, ${c} requests in flight)`,
  );
  const aioUrl = await ctx.servers.createDatabase('bench_http_aio');
  await withStatements(ctx, 'HTTP ingest, all-in-one', async () => {
    const aio = await startBenchService({
      kind: 'all-in-one',
      databaseUrl: aioUrl,
      label: 'http-all-in-one',
      cpuProfDir: ctx.options.cpuProfDir,
    });
    try {
      await new Promise((r) => setTimeout(r, 2000));
      const idle = sampleRss(aio.child.pid!).stop().maxMb;
      const rss = sampleRss(aio.child.pid!);
      const r = await postBatches(aio.baseUrl, bodies, c, 'HTTP all-in-one');
      const { maxMb } = rss.stop();
      ctx.results.addRatio({
        group: GROUP,
        what: 'ingest over HTTP, all-in-one (accepted = stored)',
        value: n / (r.ms / 1000),
        unit: 'events/s',
        baseline: RAW_INSERT,
        target: '≥ 0.5×',
        note: `${r.accepted.toLocaleString('en')} accepted, ${r.duplicates} duplicates, ${r.rejected} rejected`,
      });
      ctx.results.add({
        group: 'Memory (all-in-one)',
        what: 'RSS idle, after start',
        value: idle,
        unit: 'MB',
      });
      ctx.results.add({
        group: 'Memory (all-in-one)',
        what: 'RSS max during HTTP ingest',
        value: maxMb,
        unit: 'MB',
        target: '≤ 300 MB',
      });
    } finally {
      await aio.stop();
    }
  });

  // HTTP never goes through JetStream (architecture.md §4 rev. 2: the ledger is the one path in every
  // mode), so the answer means stored here too: nothing to wait for on the stream.
  console.error(`  HTTP, tthc-metrics in NATS mode (${n.toLocaleString('en')} events)`);
  await resetTthcStream(ctx.nats.jsm);
  const natsDb = await ctx.servers.createDatabase('bench_http_nats');
  await withStatements(ctx, 'HTTP ingest, NATS mode', async () => {
    const service = await startBenchService({
      kind: 'tthc-metrics',
      databaseUrl: natsDb,
      natsUrl: ctx.servers.nats.url,
      label: 'http-nats',
      cpuProfDir: ctx.options.cpuProfDir,
    });
    try {
      const r = await postBatches(service.baseUrl, bodies, c, 'HTTP NATS mode');
      ctx.results.addRatio({
        group: GROUP,
        what: 'ingest over HTTP, tthc-metrics in NATS mode (accepted = stored)',
        value: n / (r.ms / 1000),
        unit: 'events/s',
        baseline: RAW_INSERT,
        target: '≥ 0.5×',
        note: `${r.accepted.toLocaleString('en')} accepted, ${r.duplicates} duplicates, ${r.rejected} rejected`,
      });
    } finally {
      await service.stop();
    }
  });
}
