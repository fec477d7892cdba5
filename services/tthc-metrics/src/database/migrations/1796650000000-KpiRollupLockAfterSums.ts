import type { MigrationInterface, QueryRunner } from 'typeorm';
import { KPI_ROLLUP_APPLY_LOCK_AFTER_SUMS, KPI_ROLLUP_APPLY_SAME_BY_SET } from '../../rollups/rollup-apply';

/**
 * Issue 10 (ingest throughput, publish → visible): the KPI rollup trigger takes the counters' lock
 * once a statement's contributions and their sums per counter row are computed, not once the
 * contributions have a first row; only the counter upserts run under the lock, which two
 * concurrent batches take in turn until their commits (src/rollups/rollup-apply.ts;
 * docs/benchmarks.md, session 21). Only the trigger function is recreated: the counters are the
 * same.
 */
export class KpiRollupLockAfterSums1796650000000 implements MigrationInterface {
  name = 'KpiRollupLockAfterSums1796650000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(KPI_ROLLUP_APPLY_LOCK_AFTER_SUMS);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(KPI_ROLLUP_APPLY_SAME_BY_SET);
  }
}
