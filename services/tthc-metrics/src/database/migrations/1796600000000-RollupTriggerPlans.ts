import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  FEEDBACK_ROLLUP_APPLY_FUNCTION,
  FEEDBACK_ROLLUP_APPLY_FUNCTION_PLANNED_PER_CALL,
  FEEDBACK_ROLLUP_DOSSIER_FUNCTION,
  FEEDBACK_ROLLUP_DOSSIER_FUNCTION_PLANNED_PER_CALL,
} from '../../rollups/feedback-rollup-ddl';
import { KPI_ROLLUP_APPLY_ONE_PASS, KPI_ROLLUP_APPLY_SAME_BY_SET } from '../../rollups/rollup-apply';

/**
 * Issue 10 (ingest throughput): rollup triggers whose cost does not depend on the plan PL/pgSQL
 * cached at a session's first call (docs/benchmarks.md, session 21). PL/pgSQL plans a statement
 * without parameters once per session, for the tables and the transition-table sizes of that
 * call, and keeps the plan:
 * - the KPI trigger found an UPDATE's unchanged pairs with a join of the transition tables, which
 *   a plan made for a small first batch ran as a nested loop (every new row against every old
 *   one); it now uses an INTERSECT, hashed or sorted whatever the estimate
 *   (src/rollups/rollup-apply.ts);
 * - the PAKN triggers read the linked dossiers with a join that a plan made while tthc.dossier was
 *   small ran as a scan of the whole table for every batch; their statements that read tables
 *   (the reconciliation, the dossier trigger's "any linked PAKN?" check) now go through EXECUTE and
 *   are planned at each call (src/rollups/feedback-rollup-ddl.ts).
 * Only the trigger functions are recreated: what they count is the same.
 */
export class RollupTriggerPlans1796600000000 implements MigrationInterface {
  name = 'RollupTriggerPlans1796600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(KPI_ROLLUP_APPLY_SAME_BY_SET);
    await q.query(FEEDBACK_ROLLUP_APPLY_FUNCTION_PLANNED_PER_CALL);
    await q.query(FEEDBACK_ROLLUP_DOSSIER_FUNCTION_PLANNED_PER_CALL);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(KPI_ROLLUP_APPLY_ONE_PASS);
    await q.query(FEEDBACK_ROLLUP_APPLY_FUNCTION);
    await q.query(FEEDBACK_ROLLUP_DOSSIER_FUNCTION);
  }
}
