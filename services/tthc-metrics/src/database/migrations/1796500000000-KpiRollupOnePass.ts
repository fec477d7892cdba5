import type { MigrationInterface, QueryRunner } from 'typeorm';
import { KPI_ROLLUP_APPLY_ONE_PASS } from '../../rollups/rollup-apply';
import { kpiRollupApplyFunction } from '../../rollups/rollup-ddl';

/**
 * Issue 10 (publish → visible latency): the KPI rollup trigger function runs one statement per
 * call instead of up to three, finds an UPDATE's unchanged pairs once instead of three times, and
 * takes the rollup advisory lock inside that statement, right before the first counter write
 * (src/rollups/rollup-apply.ts; docs/benchmarks.md, session 17). Only the trigger function is
 * recreated: the counters, kpi_contributions and the triggers stay as they are, and the counters
 * it maintains are the same.
 */
export class KpiRollupOnePass1796500000000 implements MigrationInterface {
  name = 'KpiRollupOnePass1796500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(KPI_ROLLUP_APPLY_ONE_PASS);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(kpiRollupApplyFunction({ skipUnchanged: true }));
  }
}
