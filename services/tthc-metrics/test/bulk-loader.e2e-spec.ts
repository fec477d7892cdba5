import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client } from 'pg';
import { startTestHost, startTestPostgres, type TestPostgres } from '@cchc/testing';
import { subjectBatches } from '../../../tools/bulk-loader/src/bulk-batches';
import { startBulkLoader } from '../../../tools/bulk-loader/src/bulk-loader';
import { generateEventStream, type TthcCloudEvent } from '../../../tools/simulator/src/generator';
import { TthcMetricsModule } from '../src/tthc-metrics.module';

// Issue 10 item 4: the bench may load its large databases with the bulk loader (tools/bulk-loader)
// instead of HTTP. Loading the same workload both ways must leave the same ledger, projections,
// fold states and KPI counters.
const BATCH = 'application/cloudevents-batch+json';

describe('the bulk loader (real PostgreSQL)', () => {
  let pg: TestPostgres;
  let admin: Client;
  const dbs: Client[] = [];

  beforeAll(async () => {
    pg = await startTestPostgres();
    admin = new Client({ connectionString: pg.url });
    await admin.connect();
  });

  afterAll(async () => {
    for (const c of dbs) await c.end();
    await admin?.end();
    await pg?.stop();
  });

  async function database(name: string): Promise<{ url: string; db: Client }> {
    await admin.query(`CREATE DATABASE "${name}"`);
    const url = new URL(pg.url);
    url.pathname = `/${name}`;
    const db = new Client({ connectionString: url.toString() });
    await db.connect();
    dbs.push(db);
    return { url: url.toString(), db };
  }

  /** Every row a load leaves, table by table, in a stable order (write times left out: updated_at,
   * ingested_at, and the fold state's `at`, which marks the row write it belongs to). */
  async function contents(db: Client): Promise<Record<string, unknown[]>> {
    const queries: Record<string, string> = {
      event: `SELECT to_jsonb(e) - 'transport' - 'ingested_at' AS r FROM tthc.event e`,
      dossier: `SELECT to_jsonb(d) - 'updated_at' #- '{fold_state,at}' AS r FROM tthc.dossier d`,
      feedback: `SELECT to_jsonb(f) - 'updated_at' AS r FROM tthc.feedback f`,
      held: `SELECT to_jsonb(h) AS r FROM tthc.held_event h`,
      deadLetters: `SELECT to_jsonb(l) AS r FROM tthc.dead_letter l`,
      announcements: `SELECT to_jsonb(a) AS r FROM tthc.procedure_announcement a`,
      kpiDay: `SELECT to_jsonb(k) AS r FROM tthc.kpi_day k WHERE n <> 0`,
      kpiMonth: `SELECT to_jsonb(k) AS r FROM tthc.kpi_month k WHERE n <> 0`,
      kpiSpan: `SELECT to_jsonb(k) AS r FROM tthc.kpi_span k WHERE n <> 0`,
      kpiSpanSinceDay: `SELECT to_jsonb(k) AS r FROM tthc.kpi_span_since_day k WHERE n <> 0`,
      kpiSpanSinceMonth: `SELECT to_jsonb(k) AS r FROM tthc.kpi_span_since_month k WHERE n <> 0`,
      feedbackKpiDay: `SELECT to_jsonb(k) AS r FROM tthc.feedback_kpi_day k WHERE n <> 0`,
      feedbackKpiMonth: `SELECT to_jsonb(k) AS r FROM tthc.feedback_kpi_month k WHERE n <> 0`,
      feedbackCounted: `SELECT to_jsonb(k) AS r FROM tthc.feedback_counted k`,
    };
    const out: Record<string, unknown[]> = {};
    for (const [table, sql] of Object.entries(queries)) {
      const r = await db.query<{ r: unknown }>(`SELECT r FROM (${sql}) x ORDER BY r::text`);
      out[table] = r.rows.map((row) => row.r);
    }
    return out;
  }

  /**
   * A catalog for the workload's procedures, every other one with a duration short enough that
   * the ledger's due-date check flags many dossiers (the load must run it as ingestion does).
   */
  async function seedCatalog(db: Client, events: readonly TthcCloudEvent[]): Promise<void> {
    const procedures = new Map<string, { unit: string; level: number }>();
    for (const e of events)
      if (e.type === 'vn.cchc.tthc.dossier.received.v1')
        procedures.set(String(e.data.procedureCode), {
          unit: String(e.data.unitCode),
          level: Number(e.data.procedureLevel ?? 3),
        });
    let i = 0;
    for (const [code, p] of [...procedures].sort()) {
      i += 1;
      await db.query(
        `INSERT INTO tthc.procedure (code, name, unit_code, level, duration_working_days) VALUES ($1, $2, $3, $4, $5)`,
        [code, `Thủ tục ${code}`, p.unit, p.level, i % 2 === 0 ? 1 : 30],
      );
    }
  }

  it('cuts batches of whole subjects', () => {
    const events = generateEventStream({ from: '2021-01-01', to: '2021-03-31', seed: 5, dossiers: 80 });
    const batches = subjectBatches(events, 25);
    expect(batches.length).toBeGreaterThan(3);
    expect(
      batches
        .flat()
        .map((e) => e.id)
        .sort(),
    ).toEqual(events.map((e) => e.id).sort());
    const batchOf = new Map<string, number>();
    batches.forEach((b, i) => {
      for (const e of b) {
        expect(batchOf.get(e.subject) ?? i).toBe(i);
        batchOf.set(e.subject, i);
      }
      // Over the size only when one subject alone is larger.
      if (b.length > 25) expect(new Set(b.map((e) => e.subject)).size).toBe(1);
    });
  });

  it('leaves the rows and KPI counters the public HTTP path leaves for the same workload', async () => {
    const events: TthcCloudEvent[] = generateEventStream({
      from: '2021-01-01',
      to: '2021-12-31',
      seed: 2021,
      dossiers: 600,
    });
    expect(events.some((e) => e.type.includes('feedback'))).toBe(true);

    const viaHttp = await database('via_http');
    const host = await startTestHost({
      service: 'tthc-metrics',
      features: [TthcMetricsModule],
      databaseUrl: viaHttp.url,
      config: { rateLimit: { requests: 100_000, windowSeconds: 60 } },
    });
    try {
      await seedCatalog(viaHttp.db, events);
      // As the bench posts them: stream order, 200 events a request (a dossier spans many batches).
      for (let i = 0; i < events.length; i += 200) {
        const res = await host.request('/api/v1/tthc/events', {
          method: 'POST',
          body: JSON.stringify(events.slice(i, i + 200)),
          headers: { 'Content-Type': BATCH },
        });
        expect(res.status).toBe(200);
      }
    } finally {
      await host.stop();
    }

    const http = await contents(viaHttp.db);
    expect(http.event.length).toBe(events.length);
    expect(http.dossier.length).toBeGreaterThan(500);
    expect(http.feedback.length).toBeGreaterThan(0);
    expect(http.kpiDay.length).toBeGreaterThan(100);
    expect(http.announcements.length).toBeGreaterThan(0);
    const flagged = http.dossier.filter((d) => JSON.stringify(d).includes('due-date-beyond-duration')).length;
    expect(flagged).toBeGreaterThan(10);

    // The sink mode with both ways of keeping the counters: the triggers in every batch (the
    // default), or added once a load; and the fast COPY mode. A load in two parts, as the bench
    // loads S and then 3×S more (the second part in two chunks, pipelined).
    const modes = [
      { mode: 'sink', rollups: 'deferred' },
      { mode: 'sink', rollups: 'triggers' },
      { mode: 'copy' },
    ] as const;
    for (const options of modes) {
      const name = `${options.mode}_${'rollups' in options ? options.rollups : 'backfill'}`;
      const bulk = await database(`via_bulk_${name}`);
      const loader = await startBulkLoader({ databaseUrl: bulk.url, lanes: 3, batchEvents: 150, ...options });
      try {
        await seedCatalog(bulk.db, events);
        const cut = events.findIndex((e) => e.time >= '2021-07-01');
        const first = events.slice(0, cut);
        const firstCodes = new Set(first.map((e) => e.subject));
        // The second part: the other subjects' events (deferred counters need new dossiers).
        const second = events.filter((e) => !firstCodes.has(e.subject));
        const rest = events.filter((e) => firstCodes.has(e.subject) && !first.includes(e));
        const a = await loader.load([...first, ...rest]);
        const half = subjectBatches(second, Math.ceil(second.length / 2));
        const b = await loader.loadChunks(half, () => undefined);
        expect(b.chunks).toBe(half.length);
        expect(a.accepted + b.accepted).toBe(events.length);
        expect(a.batches).toBeGreaterThan(3);
        // Loading again stores nothing: every event is a duplicate (deferred, copy: refused first).
        if (options.mode === 'sink' && options.rollups === 'triggers')
          expect(await loader.load(events.slice(0, 500))).toMatchObject({ accepted: 0, duplicates: 500 });
        else await expect(loader.load(events.slice(0, 500))).rejects.toThrow(/exist already/);
      } finally {
        await loader.stop();
      }
      const loaded = await contents(bulk.db);
      for (const table of Object.keys(http))
        expect({ name, table, rows: loaded[table] }).toEqual({ name, table, rows: http[table] });
      // Every fold state is usable by the next event (its `at` marks the row's write).
      const usable = await bulk.db.query<{ n: number; usable: number }>(
        `SELECT count(*)::int AS n, count(*) FILTER (WHERE fold_state->>'v' IS NOT NULL
           AND (fold_state->>'at')::numeric = extract(epoch FROM updated_at))::int AS usable FROM tthc.dossier`,
      );
      expect({ name, ...usable.rows[0] }).toEqual({
        name,
        n: http.dossier.length,
        usable: http.dossier.length,
      });
    }
  });
});
