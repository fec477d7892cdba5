// KPI queries at two database sizes, S and 4×S dossiers, all received in the queried year (the extra
// dossiers fall inside the queried periods: rows in scope grow 4×), loaded through the public HTTP
// ingestion path of the all-in-one (or, with `--loader bulk`, the bulk loader: the service's own
// ingestion and projection code in-process, tools/bulk-loader); then report generation at 4×S. With
// HTTP, the all-in-one's RSS is sampled while it ingests (sustained load).
import { type BenchResults, formatNumber, msSince, quantile } from './bench-results';
import type { BenchOptions } from './bench-options';
import { resetStatements, startBenchService, topStatements, type BenchServers } from './bench-servers';
import { withClient } from '@cchc/database';
import { loadKpiDatabase } from './kpi-load';
import { startBulkLoader, type BulkLoader } from '../tools/bulk-loader/src/bulk-loader';
import { BENCH_YEAR, busiestScope, CHUNK_DOSSIERS, generateChunk } from './workload';

interface KpiQuery {
  name: string;
  path: string;
}

export function kpiQueries(scope: { unit: string; procedure: string }): KpiQuery[] {
  const y = BENCH_YEAR;
  const u = encodeURIComponent(scope.unit);
  const p = encodeURIComponent(scope.procedure);
  return [
    { name: `quarter (${y}-Q1, department)`, path: `/api/v1/tthc/kpis?period=${y}-Q1` },
    { name: `year (${y})`, path: `/api/v1/tthc/kpis?period=${y}` },
    { name: `per unit (${y}-Q2, every unit)`, path: `/api/v1/tthc/kpis/by-unit?period=${y}-Q2` },
    { name: `one unit (${y}-Q1, ${scope.unit})`, path: `/api/v1/tthc/kpis?period=${y}-Q1&unit=${u}` },
    { name: `decree09 (${y}-Q4)`, path: `/api/v1/tthc/kpis?period=${y}-Q4&window=decree09` },
    {
      name: `unit + procedure (${y}-H1, ${scope.unit}, ${scope.procedure})`,
      path: `/api/v1/tthc/kpis?period=${y}-H1&unit=${u}&procedure=${p}`,
    },
  ];
}

type Request = (path: string) => Promise<Response>;

async function timeGet(request: Request, path: string): Promise<number> {
  const start = process.hrtime.bigint();
  const res = await request(path);
  await res.arrayBuffer();
  const ms = msSince(start);
  if (res.status !== 200) throw new Error(`GET ${path}: HTTP ${res.status}`);
  return ms;
}

/**
 * `runs` timed runs of every query, in rounds (each round runs every query once), so that a pause of
 * the machine (autovacuum, a checkpoint, another process) falls on all queries alike instead of on
 * the few runs of one query; until session 20 each query ran its runs back to back, and one
 * query's p95 at S differed up to 2× between two runs of the step (docs/benchmarks.md).
 */
async function measureQueries(
  request: Request,
  queries: KpiQuery[],
  runs: number,
): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>(queries.map((q) => [q.name, []]));
  for (const q of queries) await timeGet(request, q.path); // warm-up
  for (let r = 0; r < runs; r += 1)
    for (const q of queries) out.get(q.name)!.push(await timeGet(request, q.path));
  return out;
}

/** Waits until the year's KPIs count every loaded dossier (ingestion may make them visible later). */
async function waitVisible(request: Request, dossiers: number): Promise<void> {
  const deadline = Date.now() + 30 * 60 * 1000;
  for (;;) {
    const res = await request(`/api/v1/tthc/kpis?period=${BENCH_YEAR}`);
    const body = (await res.json()) as { received?: { total?: number } };
    if (body.received?.total === dossiers) return;
    if (Date.now() > deadline)
      throw new Error(`KPIs count ${body.received?.total} dossiers, ${dossiers} were loaded`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The longest the KPI step waits for autovacuum to finish the load's tables before measuring. */
const AUTOVACUUM_WAIT_MS = 20 * 60 * 1000;

/**
 * After a load, what autovacuum reaches within a minute or two: the counter tables vacuumed (a
 * multi-million-event load leaves their updated rows' dead versions behind) and statistics taken;
 * then the wait for autovacuum's own passes over the loaded tables (after a 10 M-dossier load, a
 * VACUUM of the 35 M-row event table ran through the whole measurement and set its p95, session
 * 18), so the queries measure the steady state, not the load's wake. Printed with its duration.
 */
async function settle(databaseUrl: string): Promise<void> {
  const started = Date.now();
  const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
  await withClient(databaseUrl, async (c) => {
    const { rows } = await c.query<{ name: string }>(
      `SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables
        WHERE schemaname = 'tthc' AND (tablename LIKE '%kpi%' OR tablename = 'feedback_counted') ORDER BY 1`,
    );
    for (const { name } of rows) await c.query(`VACUUM (ANALYZE) ${name}`);
    await c.query('ANALYZE');
    console.error(`  KPIs: counters vacuumed and statistics taken in ${seconds()} s`);
    let said = 0;
    for (;;) {
      const { rows: running } = await c.query<{ what: string }>(
        `SELECT query AS what FROM pg_stat_activity
          WHERE backend_type = 'autovacuum worker' AND datname = current_database()`,
      );
      if (running.length === 0) break;
      if (Date.now() - started > AUTOVACUUM_WAIT_MS) {
        console.error(
          `  KPIs: measuring with autovacuum still running: ${running.map((r) => r.what).join('; ')}`,
        );
        break;
      }
      if (Date.now() - said > 30_000) {
        said = Date.now();
        console.error(
          `  KPIs: waiting for autovacuum (${running.map((r) => r.what).join('; ')}), ${seconds()} s`,
        );
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
  });
  console.error(`  KPIs: settled in ${seconds()} s`);
}

/** Prints a measurement's p50 / p95 per query at once (a long run's table comes only at its end). */
function printMeasured(label: string, measured: Map<string, number[]>): void {
  for (const [name, samples] of measured)
    console.error(
      `  KPIs at ${label}: ${name}: p50 ${formatNumber(quantile(samples, 0.5))} ms, p95 ${formatNumber(quantile(samples, 0.95))} ms`,
    );
}

export async function kpiStep(ctx: {
  servers: BenchServers;
  options: BenchOptions;
  results: BenchResults;
  notes: string[];
}): Promise<void> {
  const { options, results } = ctx;
  const s = options.dossiers;
  const databaseUrl = await ctx.servers.createDatabase('bench_kpis');
  const aio = await startBenchService({
    kind: 'all-in-one',
    databaseUrl,
    label: 'kpis',
    cpuProfDir: options.cpuProfDir,
  });
  const request: Request = (path) => aio.request(path);
  let bulk: BulkLoader | undefined;
  try {
    const queries = kpiQueries(busiestScope(generateChunk('K', 0, Math.min(CHUNK_DOSSIERS, s))));
    // The all-in-one has migrated the database: the bulk loader's host only opens it.
    if (options.loader === 'bulk') bulk = await startBulkLoader({ databaseUrl, mode: options.bulkMode });
    const via = bulk ? `with the bulk loader (${options.bulkMode} mode)` : 'over HTTP';
    const load = (label: string, dossiers: number, firstChunk: number) =>
      loadKpiDatabase({
        label,
        dossiers,
        firstChunk,
        bulk,
        servicePid: aio.child.pid!,
        baseUrl: aio.baseUrl,
        httpConcurrency: options.httpConcurrency,
        results,
      });

    console.error(`  KPIs: loading S = ${s.toLocaleString('en')} dossiers ${via}`);
    await load(`S (${s.toLocaleString('en')} dossiers)`, s, 0);
    await waitVisible(request, s);
    await settle(databaseUrl);
    console.error(`  KPIs at S: ${queries.length} queries × ${options.kpiRuns} runs`);
    if (options.pgStats) await resetStatements(ctx.servers.postgres.url);
    const atS = await measureQueries(request, queries, options.kpiRuns);
    printMeasured('S', atS);
    if (options.pgStats)
      ctx.notes.push('KPI queries at S:', ...(await topStatements(ctx.servers.postgres.url)), '');

    console.error(`  KPIs: loading 3×S more (4×S = ${(4 * s).toLocaleString('en')} dossiers)`);
    await load(`+3×S (to ${(4 * s).toLocaleString('en')} dossiers)`, 3 * s, Math.ceil(s / CHUNK_DOSSIERS));
    await bulk?.stop();
    await waitVisible(request, 4 * s);
    await settle(databaseUrl);
    console.error(`  KPIs at 4×S`);
    if (options.pgStats) await resetStatements(ctx.servers.postgres.url);
    const at4S = await measureQueries(request, queries, options.kpiRuns);
    printMeasured('4×S', at4S);
    if (options.pgStats)
      ctx.notes.push('KPI queries at 4×S:', ...(await topStatements(ctx.servers.postgres.url)), '');

    const group = `KPI queries over HTTP (ms), S = ${s.toLocaleString('en')} and 4×S = ${(4 * s).toLocaleString('en')} dossiers loaded ${via}`;
    // Two rows a query: p95 at S, and p95 at 4×S with its growth over S in the ratio column.
    for (const q of queries) {
      const a = atS.get(q.name)!;
      const b = at4S.get(q.name)!;
      results.add({
        group,
        what: `${q.name} at S`,
        value: quantile(a, 0.95),
        unit: 'ms p95',
        note: `p50 ${formatNumber(quantile(a, 0.5))} ms`,
      });
      results.addRatio({
        group,
        what: `${q.name} at 4×S`,
        value: quantile(b, 0.95),
        unit: 'ms p95',
        baseline: `${q.name} at S`,
        target: '≤ 1.5× S; ≤ 100 ms at 10 M',
        // The p50's growth beside it: a p95 of a few tens of runs is one or two slow runs, and the
        // same query's p95 at S varied ±50% between runs on a quiet machine (session 19).
        note: `p50 ${formatNumber(quantile(b, 0.5))} ms (${(quantile(b, 0.5) / quantile(a, 0.5)).toFixed(2)}× S)`,
      });
    }

    const bytes = await withClient(databaseUrl, async (c) => {
      const { rows } = await c.query<{ size: string }>('SELECT pg_database_size(current_database()) AS size');
      return Number(rows[0].size);
    });
    results.add({
      group: 'Storage',
      what: `database size at 4×S = ${(4 * s).toLocaleString('en')} dossiers`,
      value: bytes / 1024 ** 2,
      unit: 'MB',
      note: `${Math.round(bytes / (4 * s)).toLocaleString('en')} bytes a dossier (events, projections, indexes)`,
    });

    console.error(`  reports at 4×S`);
    const reportGroup = `Reports at 4×S = ${(4 * s).toLocaleString('en')} dossiers (ms)`;
    for (const format of ['json', 'xlsx', 'docx']) {
      const path = `/api/v1/reports/${BENCH_YEAR}-Q1?format=${format}&draft=true`;
      await timeGet(request, path);
      const samples: number[] = [];
      for (let r = 0; r < options.reportRuns; r += 1) samples.push(await timeGet(request, path));
      results.add({
        group: reportGroup,
        what: `report ${BENCH_YEAR}-Q1 ${format}, median`,
        value: quantile(samples, 0.5),
        unit: 'ms',
        target: '< 2,000 ms at 1 M',
      });
    }
  } finally {
    await bulk?.stop();
    await aio.stop();
  }
}
