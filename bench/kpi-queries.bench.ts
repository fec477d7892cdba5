// Benchmark: KPI queries over a large dossier projection, and ledger ingestion throughput.
// Run: `npm run bench` (builds, then runs this file compiled). Results: bench/RESULTS.md.
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openSchemaDataSource, startDatabaseServer } from '@cchc/database';
import { validateTthcEvent, type TthcEvent } from '@cchc/contracts';
import { HealthRegistry } from '@cchc/observability';
import { CalendarService } from '../services/tthc-metrics/src/calendar/calendar.service';
import { KpisService } from '../services/tthc-metrics/src/kpis/kpis.service';
import { LedgerService } from '../services/tthc-metrics/src/ledger/ledger.service';
import { TTHC_SCHEMA } from '../services/tthc-metrics/src/tthc-metrics.module';
import { generateEventStream } from '../tools/simulator/src/generator';

const { values } = parseArgs({
  options: {
    dossiers: { type: 'string', default: '1000000' },
    events: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '5' },
  },
});
const DOSSIERS = Number(values.dossiers);
const EVENTS = Number(values.events);
const RUNS = Number(values.runs);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function time<T>(fn: () => Promise<T>): Promise<number> {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cchc-bench-'));
  const server = await startDatabaseServer({ dataDir: dir, port: 54500 + Math.floor(Math.random() * 400) });
  try {
    const ds = await openSchemaDataSource(server.url, TTHC_SCHEMA);
    console.log(
      `Loading ${DOSSIERS.toLocaleString('en')} dossiers and ${(DOSSIERS / 20).toLocaleString('en')} feedback …`,
    );
    // Synthetic projection rows: receipts over 2021, 3–20 day due dates, 90% resolved within 25
    // days, 3% withdrawn, the rest open; 7 units, 44 procedures, 3 channels.
    const loadMs = await time(() =>
      ds.query(
        `INSERT INTO tthc.dossier (dossier_code, unit_code, procedure_code, channel, procedure_level, received_at,
           received_date, due_date, end_kind, end_date, has_apology, apology_count, supplement_request_count,
           postal_return_dates, anomalies)
         SELECT 'D' || i, (ARRAY['vp','gdtrh','gdmn-th','gdtx-cn','ktkd','tccb-tc','tt'])[1 + i % 7],
           'P' || (i % 44), (ARRAY['online','direct','postal'])[1 + (i / 7) % 3], 3,
           rd::timestamptz, rd, rd + (3 + i % 18), ek, CASE WHEN ek IS NULL THEN NULL ELSE rd + (1 + (i * 7) % 25) END,
           (i % 5 = 0), (i % 5 = 0)::int, 0,
           CASE WHEN i % 11 = 0 THEN ARRAY[rd + 10] ELSE '{}'::date[] END, '{}'
         FROM (SELECT i, DATE '2021-01-01' + (i % 365) AS rd,
                 CASE WHEN i % 100 < 90 THEN 'resolved' WHEN i % 100 < 93 THEN 'withdrawn' ELSE NULL END AS ek
               FROM generate_series(1, $1) AS i) AS g`,
        [DOSSIERS],
      ),
    );
    await ds.query(
      `INSERT INTO tthc.feedback (feedback_id, unit_code, channel, received_date, due_date, resolved_date, dossier_code)
       SELECT 'F' || i, (ARRAY['vp','gdtrh','gdmn-th','gdtx-cn','ktkd','tccb-tc','tt'])[1 + i % 7], 'online',
         DATE '2021-01-01' + (i % 365), DATE '2021-01-01' + (i % 365) + 21,
         CASE WHEN i % 10 < 8 THEN DATE '2021-01-01' + (i % 365) + (i % 30) END, 'D' || (i * 20)
       FROM generate_series(1, $1) AS i`,
      [Math.floor(DOSSIERS / 20)],
    );
    await ds.query('ANALYZE');
    console.log(`  loaded in ${(loadMs / 1000).toFixed(1)} s\n`);

    const kpis = new KpisService(ds);
    const cases: Array<[string, () => Promise<unknown>]> = [
      ['kpis 2021-Q1 (department)', () => kpis.kpis({ period: '2021-Q1' })],
      ['kpis 2021-Q4 decree09', () => kpis.kpis({ period: '2021-Q4', window: 'decree09' })],
      ['kpis 2021 (year)', () => kpis.kpis({ period: '2021' })],
      ['kpis 2021-03 unit ktkd', () => kpis.kpis({ period: '2021-03', unit: 'ktkd' })],
      ['kpis 2021-H1 procedure P7', () => kpis.kpis({ period: '2021-H1', procedure: 'P7' })],
      ['kpisByUnit 2021-Q2 (7 units + total)', () => kpis.kpisByUnit({ period: '2021-Q2' })],
    ];
    console.log(`| query | median of ${RUNS} (ms) |`);
    console.log('|---|---|');
    for (const [name, fn] of cases) {
      await fn(); // warm-up
      const ms: number[] = [];
      for (let r = 0; r < RUNS; r += 1) ms.push(await time(fn));
      console.log(`| ${name} | ${median(ms).toFixed(0)} |`);
    }

    // Ledger ingestion: validated events in batches of 500, each batch one transaction with its
    // projections (what the HTTP endpoint and the JetStream consumer do per batch).
    const stream = generateEventStream({
      from: '2021-01-01',
      to: '2021-12-31',
      seed: 1,
      dossiers: Math.ceil(EVENTS / 2.8),
    }).slice(0, EVENTS);
    const events = stream.map((e) => {
      const r = validateTthcEvent(e);
      if (!r.ok) throw new Error(r.errors.join('; '));
      return r.event;
    });
    const calendar = new CalendarService(ds, new HealthRegistry());
    await calendar.reload();
    const ledger = new LedgerService(ds, calendar);
    const batches: TthcEvent[][] = [];
    for (let i = 0; i < events.length; i += 500) batches.push(events.slice(i, i + 500));
    const ingestMs = await time(async () => {
      for (const b of batches) await ledger.ingest(b, 'in_process');
    });
    console.log(
      `\nLedger ingest: ${events.length.toLocaleString('en')} events in ${(ingestMs / 1000).toFixed(1)} s = ${Math.round(events.length / (ingestMs / 1000)).toLocaleString('en')} events/s (batches of 500)`,
    );
    const dupMs = await time(async () => {
      for (const b of batches) await ledger.ingest(b, 'in_process');
    });
    console.log(
      `Same events again (all duplicates): ${Math.round(events.length / (dupMs / 1000)).toLocaleString('en')} events/s`,
    );
    await ds.destroy();
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
