import { afterAll, beforeAll, describe, it } from '@jest/globals';
import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import { shuffleWithDuplicates, type TestHost } from '@cchc/testing';
import { generateEventStream } from '../../../tools/simulator/src/generator';
import {
  expectCountersConsistent,
  periodsOf2021,
  postEvents,
  type Period,
  startRollupTestHost,
  type RollupTestHost,
} from './kpi-rollup-support';
import {
  catalogFlags,
  expectIndexEqualsRowLevel,
  indexDossier,
  indexDossierEvents,
  putCatalog,
  type CatalogFlags,
} from './service-index-rollup-support';

// ADR 0015: the QĐ 766 service-index counts (and the anomaly gauge) come from the KPI rollups,
// joined per procedure with the catalog version in force at `to`, plus the irregular dossiers and
// 5.4's linked PAKN read from their small sides. They must equal the row-level definition (the
// former one-scan SQL, rowLevelServiceIndexCounts) whatever the delivery order: late events land
// in past days.
const PERIODS = periodsOf2021();

describe('service index from rollups equals the row-level definition (real PostgreSQL)', () => {
  let stack: RollupTestHost;
  let host: TestHost;
  let db: DataSource;

  beforeAll(async () => {
    stack = await startRollupTestHost();
    ({ host, db } = stack);
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  });

  async function expectAllScopes(periods: Period[], units: Array<string | null>): Promise<void> {
    for (const period of periods)
      for (const unit of units) await expectIndexEqualsRowLevel(db, { ...period, unit });
  }

  // First, on an empty database: the department scope then covers only these runs' dossiers.
  it('property: adversarial dossiers with e-results, payments, ratings and linked PAKN, any order', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(indexDossier, { minLength: 1, maxLength: 12 }),
        fc.array(catalogFlags, { minLength: 9, maxLength: 9 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.array(
          fc.record({ from: fc.integer({ min: -30, max: 420 }), days: fc.integer({ min: 0, max: 200 }) }),
          {
            minLength: 2,
            maxLength: 3,
          },
        ),
        async (dossiers, flags, seed, ranges) => {
          run += 1;
          const p = `x${run}-`;
          await putCatalog(
            host,
            flags.map((f, k) => ({
              ...f,
              code: `${p}u${Math.floor(k / 3)}-P${k % 3}`,
              unitCode: `${p}u${Math.floor(k / 3)}`,
            })),
          );
          const events = dossiers.flatMap((d, i) => indexDossierEvents(p, i, d));
          const sent = shuffleWithDuplicates(events, seed, 0.2);
          const half = Math.ceil(sent.length / 2);
          await postEvents(host, sent.slice(0, half), 25);
          await expectCountersConsistent(db);
          await postEvents(host, sent.slice(half), 25);
          await expectCountersConsistent(db);
          const day = (n: number) => new Date(Date.UTC(2021, 0, 1 + n)).toISOString().slice(0, 10);
          const periods: Period[] = [
            ...ranges.map((r) => ({ from: day(r.from), to: day(r.from + r.days) })),
            { from: '2021-01-01', to: '2021-03-31' },
            { from: '2020-12-15', to: '2021-06-14' },
          ];
          // Earlier runs' dossiers stay: the department scope covers them too.
          await expectAllScopes(periods, [null, `${p}u0`, `${p}u1`, `${p}u2`]);
          // Every month of 2021, department: facts whose second date falls after a month's end.
          await expectAllScopes(PERIODS.slice(0, 12), [null]);
        },
      ),
      { numRuns: 15, seed: 20261216, endOnFailure: true },
    );
  }, 1_200_000);

  it('a simulated year, shuffled in three parts, before and after a catalog with dated flags', async () => {
    const events = generateEventStream({
      from: '2021-01-01',
      to: '2021-12-31',
      seed: 20261215,
      dossiers: 1500,
      lateShare: 0.2,
      supplementShare: 0.2,
      withdrawShare: 0.05,
      correctionShare: 0.05,
      secondEndShare: 0.05,
      feedbackPerDossier: 0.3,
      ratingShare: 0.5,
      holidayDueDateShare: 0.1,
    }).map((e) => ({ ...e, id: `six-${e.id}` }));
    const sent = shuffleWithDuplicates(events, 17, 0.1);
    const third = Math.ceil(sent.length / 3);
    for (let i = 0; i < sent.length; i += third) {
      await postEvents(host, sent.slice(i, i + third), 500);
      await expectCountersConsistent(db);
      await expectAllScopes(
        PERIODS.filter((_, k) => k % 5 === 0),
        [null],
      );
    }
    const units = (
      await db.query<Array<{ unit_code: string }>>(`SELECT DISTINCT unit_code FROM tthc.dossier ORDER BY 1`)
    ).map((u) => u.unit_code);
    // Announced procedures only (no flags): every period, department and per unit.
    await expectAllScopes(PERIODS, [null, ...units.slice(0, 3)]);

    const codes: Array<{ procedure_code: string; unit_code: string }> = await db.query(
      `SELECT DISTINCT ON (procedure_code) procedure_code, unit_code FROM tthc.dossier ORDER BY procedure_code, unit_code`,
    );
    const modes = ['none', 'partial', 'full'] as const;
    await putCatalog(
      host,
      codes.map((c, i): { code: string; unitCode: string } & CatalogFlags => ({
        code: c.procedure_code,
        unitCode: c.unit_code,
        level: ([2, 3, 4] as const)[i % 3],
        ...(i % 4 === 0 ? {} : { onlineService: modes[i % 3] }),
        ...(i % 5 === 0 ? {} : { paperResultRequired: i % 2 === 0, feeBearing: i % 3 !== 0 }),
        ...(i % 3 === 1 ? { changesOn: ['2021-02-15', '2021-05-01', '2021-10-01'][(i >> 1) % 3] } : {}),
      })),
    );
    await expectAllScopes(PERIODS, [null, ...units]);
  }, 600_000);
});
