import type { MigrationInterface, QueryRunner } from 'typeorm';
import { kpiRollupApplyFunction } from '../../rollups/rollup-ddl';

/**
 * Issue 10 item 2: the KPI rollup trigger function skips the rows of an UPDATE whose unit,
 * procedure and contribution inputs did not change (their old and new contributions cancel), and
 * takes no counter lock when nothing is left to count. Most follow-up events change none of those
 * columns, so the dossier upsert of a batch costs fewer contribution rows. Only the trigger
 * function is recreated: the counters, kpi_contributions and the triggers stay as they are.
 */
export class KpiRollupSkipUnchanged1796450000000 implements MigrationInterface {
  name = 'KpiRollupSkipUnchanged1796450000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(kpiRollupApplyFunction({ skipUnchanged: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(kpiRollupApplyFunction({ skipUnchanged: false }));
  }
}
