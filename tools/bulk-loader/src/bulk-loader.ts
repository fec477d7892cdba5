// The bulk loader (docs/benchmarks.md, "The 1 M and 10 M runs"): loads generated events into a
// tthc-metrics database through the same code as the public ingestion path — the service's own
// EventSink (decode, screen, validate, unit authority, subject lanes) and LedgerService (ledger
// rows, fold state, projections, and the statement-level triggers that keep the KPI rollups), run
// in-process from a Nest host of the tthc-metrics module against that database — with no HTTP or
// NATS in between, large batches of whole subjects, and a few batches in flight.
//
// The KPI counters: by default (`rollups: 'triggers'`) the statement-level rollup triggers on
// tthc.dossier run in every batch, as in ingestion. With `rollups: 'deferred'` the loader's sessions
// run with session_replication_role = replica, so the triggers do not fire in its batches, and each
// load() adds the contributions of the dossiers it wrote in one statement afterwards, with the
// migration's backfill (rollups/rollup-ddl.ts, the same kpi_contributions function as the
// triggers). That is exact because such a load only writes new dossiers (checked first) and nothing
// else writes the database meanwhile. Measured on a busy 2-core machine it was not faster (the
// triggers' global counter lock was not the bottleneck there), so it is not the default.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { loadConfig } from '@cchc/config';
import { withClient } from '@cchc/database';
import { startServiceHost } from '@cchc/platform';
import { CalendarService } from '../../../services/tthc-metrics/src/calendar/calendar.service';
import { EventSink, type SinkResult } from '../../../services/tthc-metrics/src/ingestion/event-sink.service';
import { readDurations } from '../../../services/tthc-metrics/src/ledger/batch-reads';
import { PROJECTION_VERSION } from '../../../services/tthc-metrics/src/ledger/ledger.service';
import { TthcMetricsModule } from '../../../services/tthc-metrics/src/tthc-metrics.module';
import { TTHC_CONNECTION } from '../../../services/tthc-metrics/src/tthc.constants';
import { dossierCodes, subjectBatches, subjectKeys, type LoadableEvent } from './bulk-batches';
import { copyLoadChunks, type CopyTimings } from './copy-loader';
import { backfillRollups, type LoadedKeys } from './loader-database';

export interface BulkLoaderOptions {
  /** The service's database (migrated by the loader's host if it is not yet). */
  databaseUrl: string;
  /** Subject lanes of the EventSink: ledger transactions that run at once (1–8; default 4). */
  lanes?: number;
  /** Events a batch (whole subjects; default 4,000). */
  batchEvents?: number;
  /** Batches handed to the EventSink at once (default 2× the lanes). */
  inFlight?: number;
  /** KPI counters kept by the triggers in every batch (default), or added once a load ('sink' mode). */
  rollups?: 'deferred' | 'triggers';
  /**
   * 'sink' (default): through the service's EventSink and LedgerService; 'copy': rows built by the
   * same code in Node and written with COPY, counters by the backfills, only new subjects.
   */
  mode?: 'sink' | 'copy';
  /** 'copy' mode: connections writing chunks at once, each a transaction (default 2). */
  writers?: number;
}

export interface BulkLoadResult {
  accepted: number;
  duplicates: number;
  held: number;
  batches: number;
}

/** What a load of chunks did so far (`timings`: the 'copy' mode's, see copy-loader.ts). */
export interface BulkProgress extends BulkLoadResult {
  chunks: number;
  events: number;
  timings?: CopyTimings;
}

export interface BulkLoader {
  /** Loads the events (a chunk of a workload); throws if any is rejected. */
  load(events: readonly LoadableEvent[]): Promise<BulkLoadResult>;
  /** Loads chunks one after another ('copy': pipelined); `onChunk` after each is durable. */
  loadChunks(
    chunks: Iterable<readonly LoadableEvent[]>,
    onChunk?: (progress: BulkProgress) => void,
  ): Promise<BulkProgress>;
  stop(): Promise<void>;
}

export async function startBulkLoader(options: BulkLoaderOptions): Promise<BulkLoader> {
  if (options.mode === 'copy') return startCopyLoader(options);
  const lanes = options.lanes ?? 4;
  const batchEvents = options.batchEvents ?? 4000;
  const inFlight = options.inFlight ?? 2 * lanes;
  const deferred = options.rollups === 'deferred';
  // The host migrates the database (or finds it migrated) with the triggers: only then replica.
  if (deferred) await migrated(options.databaseUrl);
  const sessionUrl = new URL(options.databaseUrl);
  if (deferred) sessionUrl.searchParams.set('options', '-c session_replication_role=replica');
  const dataDir = mkdtempSync(join(tmpdir(), 'cchc-bulk-'));
  const config = loadConfig(
    'tthc-metrics',
    { LOG_LEVEL: 'warn', LOG_FORMAT: 'text', INGEST_MAX_IN_FLIGHT: String(lanes) },
    // No KPI gauge refreshes from this host (the service's own process has them).
    { databaseUrl: sessionUrl.toString(), dataDir, kpiGaugeRefreshSeconds: 24 * 3600 },
  );
  const host = await startServiceHost({
    service: 'tthc-metrics',
    title: 'bulk loader',
    features: [TthcMetricsModule],
    config,
    listen: false,
  }).catch((e: unknown) => {
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  });
  const sink = host.app.get(EventSink);

  const acceptBatch = async (batch: readonly LoadableEvent[], into: BulkLoadResult): Promise<void> => {
    const results: SinkResult[] = await sink.accept(
      batch.map((value) => ({ raw: { value }, transport: 'in_process', senderUnits: null, subject: null })),
    );
    const rejected = results.filter((r) => r.status === 'rejected');
    if (rejected.length > 0)
      throw new Error(
        `bulk loader: ${rejected.length} events rejected, first ${rejected[0].id}: ${rejected[0].errors.join('; ')}`,
      );
    for (const r of results) {
      if (r.status === 'accepted') into.accepted += 1;
      else if (r.status === 'duplicate') into.duplicates += 1;
      else if (r.status === 'held') into.held += 1;
    }
    into.batches += 1;
  };

  const load = async (events: readonly LoadableEvent[]): Promise<BulkLoadResult> => {
    const result: BulkLoadResult = { accepted: 0, duplicates: 0, held: 0, batches: 0 };
    const codes = deferred ? dossierCodes(events) : [];
    if (codes.length > 0) await requireNew(options.databaseUrl, codes);
    const batches = subjectBatches(events, batchEvents);
    let next = 0;
    // `inFlight` workers take the next batch as theirs commits; the first failure stops them all.
    let failed = false;
    const worker = async (): Promise<void> => {
      while (!failed && next < batches.length) {
        const batch = batches[next];
        next += 1;
        try {
          await acceptBatch(batch, result);
        } catch (e) {
          failed = true;
          throw e;
        }
      }
    };
    const settled = await Promise.allSettled(
      Array.from({ length: Math.min(inFlight, batches.length) }, () => worker()),
    );
    const error = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (error) throw error.reason;
    if (codes.length > 0) {
      const feedbackIds = subjectKeys(events)
        .filter((k) => k.startsWith('f:'))
        .map((k) => k.slice(2));
      await addContributions(options.databaseUrl, { dossierCodes: codes, feedbackIds });
    }
    return result;
  };
  return {
    load,
    loadChunks: async (chunks, onChunk) => {
      const progress: BulkProgress = {
        chunks: 0,
        events: 0,
        accepted: 0,
        duplicates: 0,
        held: 0,
        batches: 0,
      };
      for (const events of chunks) {
        const r = await load(events);
        progress.chunks += 1;
        progress.events += events.length;
        progress.accepted += r.accepted;
        progress.duplicates += r.duplicates;
        progress.held += r.held;
        progress.batches += r.batches;
        onChunk?.(progress);
      }
      return progress;
    },
    stop: async () => {
      await host.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The 'copy' mode: a host of the service (migrations, calendar, catalog) and one COPY session. */
async function startCopyLoader(options: BulkLoaderOptions): Promise<BulkLoader> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cchc-bulk-'));
  const config = loadConfig(
    'tthc-metrics',
    { LOG_LEVEL: 'warn', LOG_FORMAT: 'text' },
    { databaseUrl: options.databaseUrl, dataDir, kpiGaugeRefreshSeconds: 24 * 3600 },
  );
  const sessionUrl = new URL(options.databaseUrl);
  sessionUrl.searchParams.set('options', '-c session_replication_role=replica');
  const clients = Array.from(
    { length: options.writers ?? 2 },
    () => new Client({ connectionString: sessionUrl.toString() }),
  );
  let host: Awaited<ReturnType<typeof startServiceHost>> | undefined;
  try {
    // The host migrates the database (or finds it migrated): only then the COPY session.
    host = await startServiceHost({
      service: 'tthc-metrics',
      title: 'bulk loader',
      features: [TthcMetricsModule],
      config,
      listen: false,
    });
    for (const c of clients) await c.connect();
  } catch (e) {
    for (const c of clients) await c.end().catch(() => undefined);
    await host?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
  const started = host;
  const calendar = started.app.get(CalendarService);
  const db = started.app.get<DataSource>(getDataSourceToken(TTHC_CONNECTION));
  const deps = {
    clients,
    calendar: () => calendar.calendar,
    // The catalog's durations (the ledger reads those of a batch's procedures: the same rows).
    durations: async () => {
      const rows: Array<{ code: string }> = await db.query(`SELECT DISTINCT code FROM tthc.procedure`);
      return readDurations(
        db.manager,
        rows.map((r) => r.code),
      );
    },
    projectionVersion: PROJECTION_VERSION,
    batchEvents: options.batchEvents ?? 8000,
  };
  const loadChunks: BulkLoader['loadChunks'] = (chunks, onChunk) => copyLoadChunks(deps, chunks, onChunk);
  return {
    load: async (events) => {
      const p = await loadChunks([events]);
      return { accepted: p.accepted, duplicates: p.duplicates, held: p.held, batches: p.batches };
    },
    loadChunks,
    stop: async () => {
      for (const c of clients) await c.end();
      await started.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Starts (then stops) a host with the triggers on, so that the database is migrated. */
async function migrated(databaseUrl: string): Promise<void> {
  const found = await withClient(databaseUrl, (c) =>
    c.query<{ t: string | null }>(`SELECT to_regclass('tthc.kpi_span')::text AS t`),
  );
  if (found.rows[0].t !== null) return;
  const loader = await startBulkLoader({ databaseUrl, rollups: 'triggers' });
  await loader.stop();
}

/** Deferred counters are exact only for dossiers that have no row yet. */
async function requireNew(databaseUrl: string, codes: string[]): Promise<void> {
  const { rows } = await withClient(databaseUrl, (c) =>
    c.query<{ n: number }>(`SELECT count(*)::int AS n FROM tthc.dossier WHERE dossier_code = ANY($1)`, [
      codes,
    ]),
  );
  if (rows[0].n > 0)
    throw new Error(
      `bulk loader: ${rows[0].n} of the dossiers exist already; deferred KPI counters need new dossiers (rollups: 'triggers' loads any)`,
    );
}

/** Adds the loaded dossiers' contributions to the rollups (their backfills, on those rows). */
async function addContributions(databaseUrl: string, keys: LoadedKeys): Promise<void> {
  await withClient(databaseUrl, async (c) => {
    await c.query('BEGIN');
    try {
      await backfillRollups(c, keys);
      await c.query('COMMIT');
    } catch (e) {
      await c.query('ROLLBACK');
      throw e;
    }
  });
}
