// KPI queries at two database sizes, S and 4×S dossiers, all received in the queried year (the extra
// dossiers fall inside the queried periods: rows in scope grow 4×), loaded through the public HTTP
// ingestion path of the all-in-one (or, with `--loader bulk`, the bulk loader: the service's own
// ingestion and projection code in-process, tools/bulk-loader); then report generation at 4×S. With
// HTTP, the all-in-one's RSS is sampled while it ingests (sustained load). S is loaded into one
// database, 4×S is a copy of it with 3×S more; both stay, each served by its own all-in-one, and
// the queries run against them in alternation (measureQueries).
import { type BenchResults, formatNumber, msSince, quantile } from './bench-results';
import type { BenchOptions } from './bench-options';
import {
  resetStatements,
  startBenchService,
  topStatements,
  type BenchServers,
  type BenchService,
} from './bench-servers';
import { envSchema } from '@cchc/config';
import { withClient } from '@cchc/database';
import { loadKpiDatabase } from './kpi-load';
import { startBulkLoader } from '../tools/bulk-loader/src/bulk-loader';
import { type Request, settle, waitVisible } from './kpi-settle';
import { observeOwnPauses } from './own-pauses';
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

async function timeGet(request: Request, path: string): Promise<number> {
  const start = process.hrtime.bigint();
  const res = await request(path);
  await res.arrayBuffer();
  const ms = msSince(start);
  if (res.status !== 200) throw new Error(`GET ${path}: HTTP ${res.status}`);
  return ms;
}

/** The databases of S and of 4×S. */
const DATABASE_S = 'bench_kpis_s';
const DATABASE_4S = 'bench_kpis_4s';

/** The two databases the step compares, each served by its own all-in-one. */
interface Side {
  label: 'S' | '4×S';
  service: BenchService;
}

/** One timed query: on which side, when it started (Date.now()), how long it took. */
interface Sample {
  side: Side;
  query: string;
  ms: number;
  at: number;
}

/**
 * `runs` timed runs of every query at S and at 4×S, in rounds: each round runs every query once
 * against each database, S first in even rounds and 4×S first in odd ones. A pause of the machine
 * (autovacuum, a checkpoint, another process) then falls on all queries and both sizes alike. Until
 * session 20 each query ran its runs back to back; until session 24 S was measured before the 3×S
 * more were loaded and 4×S minutes later, and the same statements on the same databases ran 1.4×
 * slower from one minute to the next on this host, so the growth ratio held the host's drift as
 * well as the rows' (docs/benchmarks.md, session 24).
 */
async function measureQueries(
  sides: readonly [Side, Side],
  queries: KpiQuery[],
  runs: number,
): Promise<Map<string, Map<string, number[]>>> {
  const out = new Map(
    sides.map((side) => [side.label, new Map(queries.map((q) => [q.name, [] as number[]]))]),
  );
  const get = (side: Side, path: string) => timeGet((p) => side.service.request(p), path);
  for (const side of sides) for (const q of queries) await get(side, q.path); // warm-up
  const samples: Sample[] = [];
  const ownPauses = observeOwnPauses();
  for (let r = 0; r < runs; r += 1)
    for (const q of queries)
      for (const side of r % 2 === 0 ? sides : [sides[1], sides[0]]) {
        const at = Date.now();
        const ms = await get(side, q.path);
        out.get(side.label)!.get(q.name)!.push(ms);
        samples.push({ side, query: q.name, ms, at });
      }
  const pauses = ownPauses.stop(samples[0]?.at ?? Date.now());
  printSlowest(samples, sides, pauses);
  return out;
}

/**
 * The slowest samples, with when they started (seconds into the measurement), beside each
 * service's gauge refreshes (every KPI_GAUGE_REFRESH_SECONDS from its start, the first at once):
 * background reads of the same counters that the tail may fall on; and the bench's own collections
 * (own-pauses.ts).
 */
function printSlowest(samples: Sample[], sides: readonly Side[], ownPauses: string) {
  if (samples.length === 0) return;
  const start = samples[0].at;
  const end = samples[samples.length - 1].at;
  // What the services were given (bench-servers.ts passes it through), read as they read it.
  const every = envSchema.shape.KPI_GAUGE_REFRESH_SECONDS.parse(process.env.KPI_GAUGE_REFRESH_SECONDS) * 1000;
  const seconds = (at: number) => ((at - start) / 1000).toFixed(1);
  const slowest = [...samples].sort((a, b) => b.ms - a.ms).slice(0, 12);
  console.error(
    `  KPIs: slowest samples (s into the ${seconds(end)} s measurement): ` +
      slowest
        .map((x) => `${formatNumber(x.ms)} ms ${x.side.label} ${x.query.split(' (')[0]} at ${seconds(x.at)}`)
        .join('; '),
  );
  console.error(`  KPIs: the bench's own collections of 20 ms or more: ${ownPauses}`);
  for (const side of sides) {
    const ticks: string[] = [];
    const { readyAt } = side.service;
    for (let t = readyAt + Math.ceil((start - readyAt) / every) * every; t <= end; t += every)
      ticks.push(seconds(t));
    console.error(
      `  KPIs: gauge refreshes of the service at ${side.label} (from its start): ${ticks.join(', ') || 'none'} s`,
    );
  }
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
  const via = options.loader === 'bulk' ? `with the bulk loader (${options.bulkMode} mode)` : 'over HTTP';
  const running = new Set<BenchService>();
  const serve = async (databaseUrl: string, label: string): Promise<BenchService> => {
    const service = await startBenchService({
      kind: 'all-in-one',
      databaseUrl,
      label,
      cpuProfDir: options.cpuProfDir,
    });
    running.add(service);
    return service;
  };
  const stop = async (service: BenchService): Promise<void> => {
    running.delete(service);
    await service.stop();
  };
  /** Loads `dossiers` more into the service's database, until the KPIs count `total`. */
  const load = async (
    service: BenchService,
    databaseUrl: string,
    label: string,
    dossiers: number,
    total: number,
  ) => {
    // The all-in-one has migrated the database: the bulk loader's host only opens it.
    const bulk =
      options.loader === 'bulk' ? await startBulkLoader({ databaseUrl, mode: options.bulkMode }) : undefined;
    try {
      await loadKpiDatabase({
        label,
        dossiers,
        firstChunk: Math.ceil((total - dossiers) / CHUNK_DOSSIERS),
        bulk,
        servicePid: service.child.pid!,
        baseUrl: service.baseUrl,
        httpConcurrency: options.httpConcurrency,
        results,
      });
    } finally {
      await bulk?.stop();
    }
    await waitVisible((path) => service.request(path), total);
  };
  try {
    const queries = kpiQueries(busiestScope(generateChunk('K', 0, Math.min(CHUNK_DOSSIERS, s))));
    console.error(`  KPIs: loading S = ${s.toLocaleString('en')} dossiers ${via}`);
    const urlS = await ctx.servers.createDatabase(DATABASE_S);
    let atS = await serve(urlS, 'kpis-s');
    await load(atS, urlS, `S (${s.toLocaleString('en')} dossiers)`, s, s);
    // 4×S starts as a copy of S, which must have no connections while it is copied.
    await stop(atS);
    const url4S = await ctx.servers.createDatabase(DATABASE_4S, DATABASE_S);
    atS = await serve(urlS, 'kpis-s');
    const at4S = await serve(url4S, 'kpis-4s');
    console.error(`  KPIs: loading 3×S more into a copy (4×S = ${(4 * s).toLocaleString('en')} dossiers)`);
    await load(at4S, url4S, `+3×S (to ${(4 * s).toLocaleString('en')} dossiers)`, 3 * s, 4 * s);
    await settle(urlS, 'S');
    await settle(url4S, '4×S');

    console.error(
      `  KPIs at S and 4×S: ${queries.length} queries × ${options.kpiRuns} runs each, interleaved`,
    );
    if (options.pgStats) await resetStatements(ctx.servers.postgres.url);
    const measured = await measureQueries(
      [
        { label: 'S', service: atS },
        { label: '4×S', service: at4S },
      ],
      queries,
      options.kpiRuns,
    );
    printMeasured('S', measured.get('S')!);
    printMeasured('4×S', measured.get('4×S')!);
    if (options.pgStats)
      for (const [label, name] of [
        ['S', DATABASE_S],
        ['4×S', DATABASE_4S],
      ])
        ctx.notes.push(
          `KPI queries at ${label}:`,
          ...(await topStatements(ctx.servers.postgres.url, 8, name)),
          '',
        );

    const group = `KPI queries over HTTP (ms), S = ${s.toLocaleString('en')} and 4×S = ${(4 * s).toLocaleString('en')} dossiers loaded ${via}`;
    // Two rows a query: p95 at S, and p95 at 4×S with its growth over S in the ratio column.
    for (const q of queries) {
      const a = measured.get('S')!.get(q.name)!;
      const b = measured.get('4×S')!.get(q.name)!;
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

    const bytes = await withClient(url4S, async (c) => {
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
    const request: Request = (path) => at4S.request(path);
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
    for (const service of running) await stop(service);
  }
}
