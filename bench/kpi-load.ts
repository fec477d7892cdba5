// Loading the KPI step's databases (kpi-step.ts): over HTTP into the all-in-one, or with the bulk
// loader (tools/bulk-loader, 'copy' mode by default). Chunks are generated one at a time and
// dropped once loaded, so a 10 M-dossier load keeps a couple of chunks in memory, not the data
// set; progress (rate, ETA, where the time goes, the bench's own RSS) is printed while it runs.
import type { BenchResults } from './bench-results';
import { formatNumber, msSince } from './bench-results';
import { sampleRss } from './bench-servers';
import { batchBodies, postBatches } from './http-ingest';
import type { BulkLoader, BulkProgress } from '../tools/bulk-loader/src/bulk-loader';
import { CHUNK_DOSSIERS, workloadEvents } from './workload';

/** Progress lines at most this often (and after the last chunk). */
const PRINT_EVERY_MS = 5000;

function seconds(ms: number): string {
  return `${formatNumber(ms / 1000)} s`;
}

/** Where a 'copy' load's time went, for the progress lines and the result note. */
export function timingsNote(p: BulkProgress): string {
  const t = p.timings;
  if (!t) return '';
  return `Node build ${seconds(t.build)}, COPY ${seconds(t.copy)}, checks ${seconds(t.check)}, backfill ${seconds(t.backfill)}, commit ${seconds(t.commit)}, Node waited for PostgreSQL ${seconds(t.waitForDatabase)}`;
}

export async function loadKpiDatabase(ctx: {
  label: string;
  dossiers: number;
  firstChunk: number;
  bulk: BulkLoader | undefined;
  servicePid: number;
  baseUrl: string;
  httpConcurrency: number;
  results: BenchResults;
}): Promise<number> {
  const { label, dossiers, bulk } = ctx;
  const rss = bulk ? undefined : sampleRss(ctx.servicePid);
  const start = process.hrtime.bigint();
  let events = 0;
  let chunks = 0;
  let printed = 0;
  const rate = () => Math.round(events / (msSince(start) / 1000)).toLocaleString('en');
  const report = (last: boolean, extra: string) => {
    const elapsed = msSince(start);
    if (!last && elapsed - printed < PRINT_EVERY_MS) return;
    printed = elapsed;
    const done = Math.min(dossiers, chunks * CHUNK_DOSSIERS);
    const eta = done > 0 ? (elapsed * (dossiers - done)) / done : NaN;
    const rssMb = Math.round(process.memoryUsage().rss / 1024 ** 2);
    console.error(
      `    ${label}: ${done.toLocaleString('en')}/${dossiers.toLocaleString('en')} dossiers, ${events.toLocaleString('en')} events, ${rate()}/s, ${formatNumber(elapsed / 60_000)} min, ETA ${formatNumber(eta / 60_000)} min; bench RSS ${rssMb} MB${extra}`,
    );
  };
  let note = '';
  if (bulk) {
    const done = await bulk.loadChunks(workloadEvents('K', dossiers, ctx.firstChunk), (p) => {
      events = p.events;
      chunks = p.chunks;
      report(false, p.timings ? `; ${timingsNote(p)}` : '');
    });
    report(true, '');
    note = timingsNote(done);
  } else
    for (const chunk of workloadEvents('K', dossiers, ctx.firstChunk)) {
      const r = await postBatches(ctx.baseUrl, batchBodies(chunk), ctx.httpConcurrency, label);
      if (r.rejected > 0) throw new Error(`${label}: ${r.rejected} events rejected`);
      events += chunk.length;
      chunks += 1;
      report(true, rss ? `, service RSS max ${Math.round(rss.peek() ?? 0)} MB so far` : '');
    }
  const summary = `${events.toLocaleString('en')} events at ${rate()}/s`;
  if (rss)
    ctx.results.add({
      group: 'Memory (all-in-one)',
      what: `RSS max while loading ${label} over HTTP`,
      value: rss.stop().maxMb,
      unit: 'MB',
      target: '≤ 300 MB',
      note: summary,
    });
  else
    ctx.results.add({
      group: 'KPI databases loaded with the bulk loader',
      what: `load ${label}`,
      value: events / (msSince(start) / 1000),
      unit: 'events/s',
      note: `${summary}, ${formatNumber(msSince(start) / 60_000)} min${note ? `; ${note}` : ''}`,
    });
  return events;
}
