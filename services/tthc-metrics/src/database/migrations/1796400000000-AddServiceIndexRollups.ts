import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  KPI_CONTRIBUTIONS_FUNCTION,
  KPI_ROLLUP_APPLY_FUNCTION,
  KPI_ROLLUP_TRIGGERS,
  kpiRollupBackfill,
} from '../../rollups/rollup-ddl';

const TRIGGERS = ['ins', 'upd', 'del', 'trunc'];

/**
 * The QĐ 766 service index (§5b) from the rollups (docs/decisions/0015-service-index-rollups.md):
 * `tthc.kpi_contributions` gains the service-index keys (receipts digitised / with reused data /
 * paid online, e-results, dissatisfied ratings, anomalies by kind) and the columns they read, so
 * the function, the trigger function that calls it and the counters are rebuilt here from the rows.
 * The table lock keeps the projection from writing between the truncation and the new triggers.
 *
 * Down keeps the function and the counters: the added keys are counters the KPI reader never
 * reads, and an older reader ignores them.
 */
export class AddServiceIndexRollups1796400000000 implements MigrationInterface {
  name = 'AddServiceIndexRollups1796400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`LOCK TABLE "tthc"."dossier" IN SHARE MODE`);
    for (const t of TRIGGERS) await q.query(`DROP TRIGGER "kpi_rollup_${t}" ON "tthc"."dossier"`);
    await q.query(`DROP FUNCTION "tthc"."kpi_rollup_apply"()`);
    await q.query(`DROP FUNCTION "tthc"."kpi_contributions"`);
    await q.query(KPI_CONTRIBUTIONS_FUNCTION);
    await q.query(KPI_ROLLUP_APPLY_FUNCTION);
    await q.query(`TRUNCATE "tthc"."kpi_day", "tthc"."kpi_month", "tthc"."kpi_span"`);
    for (const sql of kpiRollupBackfill('tthc.dossier')) await q.query(sql);
    for (const sql of KPI_ROLLUP_TRIGGERS) await q.query(sql);
    // Fresh statistics for the rebuilt counters (the service index reads them per procedure).
    await q.query(`ANALYZE "tthc"."kpi_day", "tthc"."kpi_month", "tthc"."kpi_span"`);
  }

  async down(): Promise<void> {
    // See the class comment: the counters stay a superset of what the KPIs read.
  }
}
