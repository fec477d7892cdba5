import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  KPI_CONTRIBUTIONS_FUNCTION,
  KPI_ROLLUP_APPLY_FUNCTION,
  KPI_ROLLUP_TABLES,
  KPI_ROLLUP_TRIGGERS,
  kpiRollupBackfill,
} from '../../rollups/rollup-ddl';

/**
 * Issue 10 item 1: the KPIs of architecture.md §5 are answered from per-day counters whose size
 * depends on units × procedures × days, maintained by statement-level triggers on tthc.dossier in
 * the same transaction as the projection (see src/rollups/rollup-ddl.ts and
 * docs/decisions/0014-kpi-rollups.md). Dossiers the counters cannot express (`kpi_irregular`) are
 * counted row by row through a partial index. The feedback query gets date-bounding indexes.
 *
 * The counters are built here from the existing rows; rows an older projection wrote are later
 * recomputed by the projection upgrade, whose upserts go through the same triggers (old
 * contributions out, new ones in), so the counters stay exact.
 */
export class AddKpiRollups1796200000000 implements MigrationInterface {
  name = 'AddKpiRollups1796200000000';

  async up(q: QueryRunner): Promise<void> {
    // A dossier ending before its receipt, or returned by post on several dates, is judged per
    // period in a way no per-day counter expresses: it stays row-level (a small set).
    await q.query(`ALTER TABLE "tthc"."dossier" ADD COLUMN "kpi_irregular" boolean
      GENERATED ALWAYS AS (COALESCE("end_date" < "received_date", false)
        OR cardinality("postal_return_dates") > 1) STORED`);
    await q.query(
      `CREATE INDEX "IDX_dossier_kpi_irregular" ON "tthc"."dossier" ("received_date") WHERE "kpi_irregular"`,
    );
    for (const sql of KPI_ROLLUP_TABLES) await q.query(sql);
    await q.query(KPI_CONTRIBUTIONS_FUNCTION);
    await q.query(KPI_ROLLUP_APPLY_FUNCTION);
    for (const sql of kpiRollupBackfill('tthc.dossier')) await q.query(sql);
    for (const sql of KPI_ROLLUP_TRIGGERS) await q.query(sql);

    // Feedback (§5 "bounded by the period's dates"): received or resolved in the period, or open
    // across `to` ([received, resolved) contains `to`; an inverted pair is an empty range).
    await q.query(`CREATE INDEX "IDX_feedback_resolved" ON "tthc"."feedback" ("resolved_date")`);
    await q.query(`CREATE INDEX "IDX_feedback_open_span" ON "tthc"."feedback" USING gist
      (daterange("received_date", CASE WHEN "resolved_date" IS NULL THEN NULL
        ELSE greatest("resolved_date", "received_date") END, '[)'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "tthc"."IDX_feedback_open_span"`);
    await q.query(`DROP INDEX "tthc"."IDX_feedback_resolved"`);
    for (const t of ['ins', 'upd', 'del', 'trunc']) {
      await q.query(`DROP TRIGGER "kpi_rollup_${t}" ON "tthc"."dossier"`);
    }
    await q.query(`DROP FUNCTION "tthc"."kpi_rollup_apply"()`);
    // By name: AddServiceIndexRollups1796400000000 widened its arguments.
    await q.query(`DROP FUNCTION "tthc"."kpi_contributions"`);
    await q.query(`DROP TABLE "tthc"."kpi_span", "tthc"."kpi_month", "tthc"."kpi_day"`);
    await q.query(`DROP INDEX "tthc"."IDX_dossier_kpi_irregular"`);
    await q.query(`ALTER TABLE "tthc"."dossier" DROP COLUMN "kpi_irregular"`);
  }
}
