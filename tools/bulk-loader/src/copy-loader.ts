// The fast mode of the bulk loader ('copy'; docs/benchmarks.md "The 1 M and 10 M runs"): the rows
// are built in Node by the ingestion path's own code (copy-rows.ts) and written with PostgreSQL
// COPY, one transaction a chunk (a load() call, or each chunk of loadChunks), on one connection
// whose session has the rollup triggers off (session_replication_role = replica); each chunk's
// transaction ends with the rollup backfills on the rows it wrote (loader-database.ts). Exact
// because it writes only new subjects (checked first, in the same transaction) and nothing else
// writes the database meanwhile.
//
// Pipelined: while PostgreSQL runs one statement (a COPY of the previous batch, the check, the
// backfill and commit of the previous chunk), Node builds the next batch, yielding to the event
// loop between slices of subjects so the COPY data keeps flowing. A built batch waits for the
// statements queued before it: memory stays bounded by two chunks whatever the size of the load.
import { setImmediate as yieldLoop } from 'node:timers/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { WorkingDays } from '../../../services/tthc-metrics/src/dossiers/dossier-timeline';
import type { ProcedureDuration } from '../../../services/tthc-metrics/src/ledger/batch-reads';
import { procedureAnnouncements } from '../../../services/tthc-metrics/src/ledger/projection-writes';
import { subjectBatches, subjectKeys, type LoadableEvent } from './bulk-batches';
import { buildCopyBatch, copyStatements, writeStamp, type CopyBatch, type CopyTable } from './copy-rows';
import { backfillRollups, lockRollups, requireNewSubjects } from './loader-database';

/** Where a load's time went, in ms (Node's building and PostgreSQL's statements overlap). */
export interface CopyTimings {
  /** Node: validating, folding, projecting and encoding rows (CPU, excluding yields). */
  build: number;
  /** PostgreSQL: the "only new subjects" checks. */
  check: number;
  /** PostgreSQL: the COPY statements. */
  copy: number;
  /** PostgreSQL: procedure announcements and rollup backfills. */
  backfill: number;
  commit: number;
  /** Node waiting for PostgreSQL to take the next batch (PostgreSQL-bound time). */
  waitForDatabase: number;
}

export interface CopyProgress {
  chunks: number;
  events: number;
  accepted: number;
  duplicates: number;
  held: number;
  batches: number;
  timings: CopyTimings;
}

export interface CopyLoaderDeps {
  /** Connections of its own, with session_replication_role = replica: chunks go to them in turn. */
  clients: Client[];
  calendar: () => WorkingDays;
  durations: () => Promise<ProcedureDuration[]>;
  projectionVersion: number;
  /** Events a COPY batch (whole subjects). */
  batchEvents: number;
}

/** Subjects built between two yields to the event loop. */
const SLICE_EVENTS = 500;

export function emptyProgress(): CopyProgress {
  return {
    chunks: 0,
    events: 0,
    accepted: 0,
    duplicates: 0,
    held: 0,
    batches: 0,
    timings: { build: 0, check: 0, copy: 0, backfill: 0, commit: 0, waitForDatabase: 0 },
  };
}

const msSince = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

/**
 * Loads the chunks, each in a transaction of its own, on the writers in turn (two chunks in
 * flight with two writers: PostgreSQL's share of the work then runs on two backends);
 * `onChunk` after each commit. With several writers the timings add up the writers' times.
 */
export async function copyLoadChunks(
  deps: CopyLoaderDeps,
  chunks: Iterable<readonly LoadableEvent[]>,
  onChunk?: (progress: CopyProgress) => void,
): Promise<CopyProgress> {
  const statements = copyStatements(deps.projectionVersion);
  const progress = emptyProgress();
  const t = progress.timings;
  const durations = await deps.durations();
  // Each writer's statements run one after another on its connection; `queued` is the last one's.
  const writers = deps.clients.map((client) => ({ client, queued: Promise.resolve(), open: false }));
  type Writer = (typeof writers)[number];
  const enqueue = (w: Writer, op: () => Promise<void>): Promise<void> => {
    const previous = w.queued;
    w.queued = previous.then(op);
    // Failures surface where the chains are awaited (below), never as unhandled rejections.
    w.queued.catch(() => undefined);
    return previous;
  };
  const timed = (key: keyof CopyTimings, op: () => Promise<unknown>) => async () => {
    const start = process.hrtime.bigint();
    await op();
    t[key] += msSince(start);
  };
  const copy = (w: Writer, table: CopyTable, text: string) =>
    text === ''
      ? Promise.resolve()
      : pipeline(Readable.from([text]), w.client.query(copyFrom(statements[table])));

  try {
    let index = 0;
    for (const events of chunks) {
      // Chunks go to the writers in turn, each in a transaction of its own.
      const w = writers[index % writers.length];
      index += 1;
      const stamp = writeStamp();
      const keys = subjectKeys(events);
      const loaded = { dossierCodes: [] as string[], feedbackIds: [] as string[] };
      const received: CopyBatch['received'] = [];
      // Statements other than COPY are chained without waiting: the next chunk is generated and
      // built while the previous one's check, backfill and commit run.
      void enqueue(
        w,
        timed('check', async () => {
          await w.client.query('BEGIN');
          w.open = true;
          await requireNewSubjects(w.client, keys);
        }),
      );
      for (const batch of subjectBatches(events, deps.batchEvents)) {
        const built = await buildInSlices(batch, (slice) =>
          buildCopyBatch(slice, {
            calendar: deps.calendar(),
            durations,
            stamp,
            projectionVersion: deps.projectionVersion,
          }),
        );
        t.build += built.ms;
        for (const b of built.parts) {
          loaded.dossierCodes.push(...b.dossierCodes);
          loaded.feedbackIds.push(...b.feedbackIds);
          received.push(...b.received);
          progress.accepted += b.accepted;
          progress.duplicates += b.duplicates;
          progress.held += b.held;
        }
        const wait = process.hrtime.bigint();
        await enqueue(
          w,
          timed('copy', async () => {
            for (const table of ['event', 'held', 'dossier', 'feedback'] as const)
              await copy(w, table, built.parts.map((p) => p.text[table]).join(''));
          }),
        );
        t.waitForDatabase += msSince(wait);
        progress.batches += 1;
      }
      void enqueue(
        w,
        timed('backfill', async () => {
          // The rollup locks first: the writers' last statements (shared announcement and counter
          // rows) run one writer at a time, in one order.
          await lockRollups(w.client);
          const announcements = procedureAnnouncements(received);
          if (announcements)
            await w.client.query(`WITH w0 AS (${announcements.sql(0)}) SELECT 1`, announcements.params);
          await backfillRollups(w.client, loaded);
        }),
      );
      const size = events.length;
      void enqueue(
        w,
        timed('commit', async () => {
          await w.client.query('COMMIT');
          w.open = false;
          progress.chunks += 1;
          progress.events += size;
          onChunk?.(progress);
        }),
      );
    }
    const wait = process.hrtime.bigint();
    for (const w of writers) await w.queued;
    t.waitForDatabase += msSince(wait);
  } catch (e) {
    // The failed chunks' transactions are left undone (the chunks committed before stay).
    for (const w of writers) {
      await w.queued.catch(() => undefined);
      if (w.open) await w.client.query('ROLLBACK').catch(() => undefined);
    }
    throw e;
  }
  return progress;
}

/**
 * Builds a batch in slices of whole subjects, yielding to the event loop between them (the COPY
 * of the previous batch streams meanwhile). Returns the parts and the CPU time spent building.
 */
async function buildInSlices(
  batch: readonly LoadableEvent[],
  build: (slice: readonly LoadableEvent[]) => CopyBatch,
): Promise<{ parts: CopyBatch[]; ms: number }> {
  const parts: CopyBatch[] = [];
  let ms = 0;
  for (const slice of subjectBatches(batch, SLICE_EVENTS)) {
    const start = process.hrtime.bigint();
    parts.push(build(slice));
    ms += msSince(start);
    await yieldLoop();
  }
  return { parts, ms };
}
