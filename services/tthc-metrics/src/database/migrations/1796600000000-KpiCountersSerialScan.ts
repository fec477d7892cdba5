import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The counter tables every KPI and service-index read goes through. */
export const KPI_COUNTER_TABLES = [
  'kpi_day',
  'kpi_month',
  'kpi_span',
  'kpi_span_since_day',
  'kpi_span_since_month',
  'feedback_kpi_day',
  'feedback_kpi_month',
] as const;

/**
 * Issue 10: a KPI read touches a few thousand counter rows, yet on large counter tables its plan
 * can cost enough for the planner to start parallel workers, and on a loaded 2-core machine
 * starting them took 170 ms for a query whose workers then ran 2.5 ms (EXPLAIN ANALYZE,
 * docs/benchmarks.md, session 17). The tables say so themselves (`parallel_workers = 0`), which
 * replaces a per-read `SET LOCAL max_parallel_workers_per_gather = 0` and its transaction.
 */
export class KpiCountersSerialScan1796600000000 implements MigrationInterface {
  name = 'KpiCountersSerialScan1796600000000';

  async up(q: QueryRunner): Promise<void> {
    for (const t of KPI_COUNTER_TABLES) await q.query(`ALTER TABLE "tthc"."${t}" SET (parallel_workers = 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of KPI_COUNTER_TABLES) await q.query(`ALTER TABLE "tthc"."${t}" RESET (parallel_workers)`);
  }
}
