// The bulk loader (docs/benchmarks.md, "The 1 M and 10 M runs"): loads generated events into a
// tthc-metrics database through the same code as the public ingestion path — the service's own
// EventSink (decode, screen, validate, unit authority, subject lanes) and LedgerService (ledger
// rows, fold state, projections, and the statement-level triggers that keep the KPI rollups), run
// in-process from a Nest host of the tthc-metrics module against that database — with no HTTP or
// NATS in between, large batches of whole subjects, and a few batches in flight.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@cchc/config';
import { startServiceHost } from '@cchc/platform';
import { EventSink, type SinkResult } from '../../../services/tthc-metrics/src/ingestion/event-sink.service';
import { TthcMetricsModule } from '../../../services/tthc-metrics/src/tthc-metrics.module';
import { subjectBatches, type LoadableEvent } from './bulk-batches';

export interface BulkLoaderOptions {
  /** The service's database (migrated by the loader's host if it is not yet). */
  databaseUrl: string;
  /** Subject lanes of the EventSink: ledger transactions that run at once (1–8; default 4). */
  lanes?: number;
  /** Events a batch (whole subjects; default 4,000). */
  batchEvents?: number;
  /** Batches handed to the EventSink at once (default 2× the lanes). */
  inFlight?: number;
}

export interface BulkLoadResult {
  accepted: number;
  duplicates: number;
  held: number;
  batches: number;
}

export interface BulkLoader {
  /** Loads the events (a chunk of a workload); throws if any is rejected. */
  load(events: readonly LoadableEvent[]): Promise<BulkLoadResult>;
  stop(): Promise<void>;
}

export async function startBulkLoader(options: BulkLoaderOptions): Promise<BulkLoader> {
  const lanes = options.lanes ?? 4;
  const batchEvents = options.batchEvents ?? 4000;
  const inFlight = options.inFlight ?? 2 * lanes;
  const dataDir = mkdtempSync(join(tmpdir(), 'cchc-bulk-'));
  const config = loadConfig(
    'tthc-metrics',
    { LOG_LEVEL: 'warn', LOG_FORMAT: 'text', INGEST_MAX_IN_FLIGHT: String(lanes) },
    { databaseUrl: options.databaseUrl, dataDir },
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

  return {
    load: async (events) => {
      const result: BulkLoadResult = { accepted: 0, duplicates: 0, held: 0, batches: 0 };
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
      return result;
    },
    stop: async () => {
      await host.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
