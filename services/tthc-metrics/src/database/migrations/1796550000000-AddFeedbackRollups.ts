import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  FEEDBACK_CONTRIBUTIONS_FUNCTION,
  FEEDBACK_ROLLUP_APPLY_FUNCTION,
  FEEDBACK_ROLLUP_BACKFILL,
  FEEDBACK_ROLLUP_DOSSIER_FUNCTION,
  FEEDBACK_ROLLUP_TABLES,
  FEEDBACK_ROLLUP_TRIGGERS,
} from '../../rollups/feedback-rollup-ddl';

/**
 * Issue 10: the PAKN KPIs from per-day counters (src/rollups/feedback-rollup-ddl.ts) instead of a
 * scan of the period's feedback rows, so a KPI query costs the same whatever the number of rows in
 * scope. Creates the counters, the mirror of what they count, the triggers on tthc.feedback and a
 * separate trigger on tthc.dossier (a PAKN counts under its linked dossier's procedure), then
 * backfills from the existing rows. The dossier counter function (kpi_rollup_apply) is untouched.
 */
export class AddFeedbackRollups1796550000000 implements MigrationInterface {
  name = 'AddFeedbackRollups1796550000000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of FEEDBACK_ROLLUP_TABLES) await q.query(sql);
    await q.query(FEEDBACK_CONTRIBUTIONS_FUNCTION);
    await q.query(FEEDBACK_ROLLUP_APPLY_FUNCTION);
    await q.query(FEEDBACK_ROLLUP_DOSSIER_FUNCTION);
    // Backfill before the triggers exist, under the counter lock against concurrent ingestion.
    await q.query(`LOCK TABLE "tthc"."feedback", "tthc"."dossier" IN SHARE ROW EXCLUSIVE MODE`);
    for (const sql of FEEDBACK_ROLLUP_BACKFILL) await q.query(sql);
    for (const sql of FEEDBACK_ROLLUP_TRIGGERS) await q.query(sql);
    await q.query(`ANALYZE "tthc"."feedback_kpi_day"`);
    await q.query(`ANALYZE "tthc"."feedback_kpi_month"`);
  }

  async down(q: QueryRunner): Promise<void> {
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
