import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  OPEN_SPAN_INDEX_ALL_KEYS,
  OPEN_SPAN_INDEX_DDL,
  OPEN_SPAN_INDEXES,
} from '../../rollups/span-since-ddl';

/**
 * Issue 10 (KPI p95 at 4×S ≤ 1.5× S): the spans open across a day are indexed per reader family
 * of span keys, one partial GiST index each, instead of one index over every key. The KPI read no
 * longer walks the service index's receipt → resolution spans, which at any day outnumber the
 * KPIs' own more than 10 to 1 and grow with the data (src/rollups/span-since-ddl.ts;
 * docs/benchmarks.md, session 25). The counters are unchanged.
 */
export class OpenSpanIndexPerFamily1796700000000 implements MigrationInterface {
  name = 'OpenSpanIndexPerFamily1796700000000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of OPEN_SPAN_INDEX_DDL) await q.query(sql);
    await q.query(`DROP INDEX "tthc"."IDX_kpi_span_open"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(OPEN_SPAN_INDEX_ALL_KEYS);
    for (const { name } of OPEN_SPAN_INDEXES) await q.query(`DROP INDEX "tthc"."${name}"`);
  }
}
