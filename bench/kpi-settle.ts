// Before the KPI step measures a database (kpi-step.ts): every loaded dossier visible in the KPIs,
// the counters vacuumed and analysed, and autovacuum's own passes over the load finished.
import { withClient } from '@cchc/database';
import { BENCH_YEAR } from './workload';

/** A GET against the service under measurement. */
export type Request = (path: string) => Promise<Response>;

/** Waits until the year's KPIs count every loaded dossier (ingestion may make them visible later). */
export async function waitVisible(request: Request, dossiers: number): Promise<void> {
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
export async function settle(databaseUrl: string, label: string): Promise<void> {
  const started = Date.now();
  const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
  await withClient(databaseUrl, async (c) => {
    const { rows } = await c.query<{ name: string }>(
      `SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables
        WHERE schemaname = 'tthc' AND (tablename LIKE '%kpi%' OR tablename = 'feedback_counted') ORDER BY 1`,
    );
    for (const { name } of rows) await c.query(`VACUUM (ANALYZE) ${name}`);
    await c.query('ANALYZE');
    console.error(`  KPIs at ${label}: counters vacuumed and statistics taken in ${seconds()} s`);
    let said = 0;
    for (;;) {
      const { rows: running } = await c.query<{ what: string }>(
        `SELECT query AS what FROM pg_stat_activity
          WHERE backend_type = 'autovacuum worker' AND datname = current_database()`,
      );
      if (running.length === 0) break;
      if (Date.now() - started > AUTOVACUUM_WAIT_MS) {
        console.error(
          `  KPIs at ${label}: measuring with autovacuum still running: ${running.map((r) => r.what).join('; ')}`,
        );
        break;
      }
      if (Date.now() - said > 30_000) {
        said = Date.now();
        console.error(
          `  KPIs at ${label}: waiting for autovacuum (${running.map((r) => r.what).join('; ')}), ${seconds()} s`,
        );
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
  });
  console.error(`  KPIs at ${label}: settled in ${seconds()} s`);
}
