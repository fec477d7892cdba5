import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  FEEDBACK_CONTRIBUTIONS_FUNCTION,
  FEEDBACK_ROLLUP_APPLY_FUNCTION,
  FEEDBACK_ROLLUP_BACKFILL,
  FEEDBACK_ROLLUP_DOSSIER_FUNCTION,
  FEEDBACK_ROLLUP_TABLES,
  FEEDBACK_ROLLUP_TRIGGERS,
} from '../../rollups/feedback-rollup-ddl';
import {
  SPAN_SINCE_BACKFILL,
  SPAN_SINCE_FUNCTION,
  SPAN_SINCE_TABLES,
  SPAN_SINCE_TRIGGERS,
} from '../../rollups/span-since-ddl';

/**
 * Issue 10: KPI queries whose cost does not grow with the rows in scope. (1) The PAKN KPIs from per-day counters (src/rollups/feedback-rollup-ddl.ts) instead of a
 * scan of the period's feedback rows, so a KPI query costs the same whatever the number of rows in
 * scope. Creates the counters, the mirror of what they count, the triggers on tthc.feedback and a
 * separate trigger on tthc.dossier (a PAKN counts under its linked dossier's procedure), then
 * backfills from the existing rows. (2) Per-since sums of kpi_span and a GiST index of the spans
 * open across a day (src/rollups/span-since-ddl.ts), so a period reads spans by prefix sums instead
 * of every (since, day) pair. The dossier counter function (kpi_rollup_apply) is untouched.
 */
export class AddFeedbackAndSpanRollups1796550000000 implements MigrationInterface {
  name = 'AddFeedbackAndSpanRollups1796550000000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of FEEDBACK_ROLLUP_TABLES) await q.query(sql);
    await q.query(FEEDBACK_CONTRIBUTIONS_FUNCTION);
    await q.query(FEEDBACK_ROLLUP_APPLY_FUNCTION);
    await q.query(FEEDBACK_ROLLUP_DOSSIER_FUNCTION);
    // Backfill before the triggers exist, under the counter lock against concurrent ingestion.
    await q.query(`LOCK TABLE "tthc"."feedback", "tthc"."dossier" IN SHARE ROW EXCLUSIVE MODE`);
    for (const sql of FEEDBACK_ROLLUP_BACKFILL) await q.query(sql);
    for (const sql of FEEDBACK_ROLLUP_TRIGGERS) await q.query(sql);
    // The span counters' per-since sums and the index of the spans open across a day.
    for (const sql of SPAN_SINCE_TABLES) await q.query(sql);
    await q.query(SPAN_SINCE_FUNCTION);
    await q.query(`LOCK TABLE "tthc"."kpi_span" IN SHARE ROW EXCLUSIVE MODE`);
    await q.query(SPAN_SINCE_BACKFILL);
    for (const sql of SPAN_SINCE_TRIGGERS) await q.query(sql);
    for (const t of ['feedback_kpi_day', 'feedback_kpi_month', 'kpi_span_since_day', 'kpi_span_since_month'])
      await q.query(`ANALYZE "tthc"."${t}"`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['ins', 'upd', 'del', 'trunc'])
      await q.query(`DROP TRIGGER "kpi_span_since_${t}" ON "tthc"."kpi_span"`);
    await q.query(`DROP FUNCTION "tthc"."kpi_span_since_apply"()`);
    await q.query(`DROP INDEX "tthc"."IDX_kpi_span_open"`);
    await q.query(`DROP TABLE "tthc"."kpi_span_since_month"`);
    await q.query(`DROP TABLE "tthc"."kpi_span_since_day"`);
    for (const t of ['ins', 'upd', 'del', 'trunc']) {
      await q.query(`DROP TRIGGER "feedback_rollup_${t}" ON "tthc"."feedback"`);
      await q.query(`DROP TRIGGER "feedback_rollup_dossier_${t}" ON "tthc"."dossier"`);
    }
    await q.query(`DROP FUNCTION "tthc"."feedback_rollup_dossier"()`);
    await q.query(`DROP FUNCTION "tthc"."feedback_rollup_apply"()`);
    await q.query(`DROP FUNCTION "tthc"."feedback_kpi_contributions"(date, date, date)`);
    await q.query(`DROP TABLE "tthc"."feedback_counted"`);
    await q.query(`DROP TABLE "tthc"."feedback_kpi_month"`);
    await q.query(`DROP TABLE "tthc"."feedback_kpi_day"`);
  }
}
