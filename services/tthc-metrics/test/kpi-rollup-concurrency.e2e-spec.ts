import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { DataSource, QueryRunner } from 'typeorm';
import { validateTthcEvent, type TthcEvent } from '@cchc/contracts';
import { LedgerService } from '../src/ledger/ledger.service';
import { KPI_ROLLUP_LOCK } from '../src/rollups/rollup-ddl';
import {
  adversarialDossier,
  dossierEvents,
  expectCountersConsistent,
  startRollupTestHost,
  type RollupTestHost,
} from './kpi-rollup-support';

// The KPI rollup trigger takes the rollup advisory lock inside its one statement, right before the
// first counter write (src/rollups/rollup-apply.ts), and the projection write locks the shared
// procedure announcements after the dossier rows (ledger/projection-writes.ts). Concurrent
// transactions on the same counters must neither deadlock nor lose a count.

/** Non-granted requests for the rollup lock (the two-int4 form: classid, objid, objsubid 2). */
async function rollupLockWaiters(db: DataSource): Promise<number> {
  const rows: Array<{ n: string }> = await db.query(
    `SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND classid = $1 AND objid = $2
       AND objsubid = 2 AND NOT granted`,
    [...KPI_ROLLUP_LOCK],
  );
  return Number(rows[0].n);
}

describe('KPI rollups under concurrent transactions (real PostgreSQL)', () => {
  let stack: RollupTestHost;
  let db: DataSource;
  let ledger: LedgerService;

  beforeAll(async () => {
    stack = await startRollupTestHost();
    db = stack.db;
    ledger = stack.host.app.get(LedgerService);
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('four writers on shared counters and shared dossiers: no deadlock, exact counters', async () => {
    // One unit and one procedure: every batch touches the same counter rows and announcement row;
    // each writer gets every event of some dossiers and a share of the others', so writers also
    // meet on the same dossiers (the ledger's subject locks) with inserts and updates mixed.
    const dossiers = fc.sample(adversarialDossier, { numRuns: 120, seed: 20261201 });
    const events: TthcEvent[] = dossiers
      .flatMap((d, i) => dossierEvents('cc-', i, { ...d, unit: 0, procedure: 0, correction: undefined }))
      .map((e) => {
        const checked = validateTthcEvent(e);
        if (!checked.ok) throw new Error(`test event ${e.id}: ${checked.errors.join('; ')}`);
        return checked.event;
      });
    const writers = 4;
    const shares: TthcEvent[][] = Array.from({ length: writers }, () => []);
    events.forEach((e, i) => shares[(i * 7) % writers].push(e));
    await Promise.all(
      shares.map(async (share) => {
        for (let i = 0; i < share.length; i += 9) await ledger.ingest(share.slice(i, i + 9), 'http');
      }),
    );
    const stored: Array<{ n: string }> = await db.query(`SELECT count(*) AS n FROM tthc.event`);
    expect(Number(stored[0].n)).toBe(events.length);
    await expectCountersConsistent(db);
  }, 300_000);

  it('a second writer waits for the rollup lock in its trigger, then both counts are kept', async () => {
    const codes: Array<{ dossier_code: string }> = await db.query(
      `SELECT dossier_code FROM tthc.dossier WHERE NOT kpi_irregular ORDER BY dossier_code LIMIT 2`,
    );
    expect(codes).toHaveLength(2);
    const flip = `UPDATE tthc.dossier SET channel = CASE channel WHEN 'online' THEN 'direct' ELSE 'online' END
      WHERE dossier_code = $1`;
    const a: QueryRunner = db.createQueryRunner();
    const b: QueryRunner = db.createQueryRunner();
    try {
      await a.startTransaction();
      await a.query(flip, [codes[0].dossier_code]);
      await b.startTransaction();
      const second = b.query(flip, [codes[1].dossier_code]);
      // B's row is written; its trigger waits for the lock A holds until its commit.
      const deadline = Date.now() + 10_000;
      while ((await rollupLockWaiters(db)) === 0 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      expect(await rollupLockWaiters(db)).toBe(1);
      await a.commitTransaction();
      await second;
      await b.commitTransaction();
    } finally {
      if (a.isTransactionActive) await a.rollbackTransaction();
      if (b.isTransactionActive) await b.rollbackTransaction();
      await a.release();
      await b.release();
    }
    await expectCountersConsistent(db);
  }, 60_000);

  it('an update that changes no contribution input takes no lock and writes no counter', async () => {
    const a: QueryRunner = db.createQueryRunner();
    try {
      await a.startTransaction();
      const updated = (await a.query(`UPDATE tthc.dossier SET outcome = outcome, updated_at = now()`)) as [
        unknown[],
        number,
      ];
      expect(updated[1]).toBeGreaterThan(0);
      const mine = (await a.query(
        `SELECT (SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = $1 AND objid = $2
                   AND objsubid = 2 AND pid = pg_backend_pid()) AS locks,
                (SELECT count(*) FROM (SELECT xmin FROM tthc.kpi_day UNION ALL SELECT xmin FROM tthc.kpi_month
                   UNION ALL SELECT xmin FROM tthc.kpi_span) AS k
                 WHERE k.xmin::text = pg_current_xact_id()::text) AS counters`,
        [...KPI_ROLLUP_LOCK],
      )) as Array<{ locks: string; counters: string }>;
      expect(mine).toEqual([{ locks: '0', counters: '0' }]);
      await a.commitTransaction();
    } finally {
      if (a.isTransactionActive) await a.rollbackTransaction();
      await a.release();
    }
    await expectCountersConsistent(db);
  }, 60_000);
});
