import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import { defaultCalendar } from '@cchc/calendar';
import { computeReferenceKpis, ev, shuffleWithDuplicates, type TestHost } from '@cchc/testing';
import { generateEventStream } from '../../../tools/simulator/src/generator';
import { KPI_KEYS, prefixSumsStatement } from '../src/kpis/dossier-counts';
import { KpisService } from '../src/kpis/kpis.service';
import { INDEX_KEYS } from '../src/service-index/service-index-counts';
import { LedgerService } from '../src/ledger/ledger.service';
import {
  adversarialDossier,
  dayRanges,
  dossierEvents,
  expectCountersConsistent,
  expectRollupEqualsRowLevel,
  periodsOf2021,
  periodsOfRanges,
  postEvents,
  postInHalves,
  scopesOf,
  type Period,
  startRollupTestHost,
  type RollupTestHost,
} from './kpi-rollup-support';

// Issue 10 item 1: the KPIs are answered from per-day rollups maintained by triggers in the
// projection's transaction. They must equal the row-level definition (the old one-scan SQL, kept
// as rowLevelDossierCounts) and the independent reference of libs/testing, whatever the order in
// which events arrive: late events land in past days and must move the counters there.
const calendar = defaultCalendar();
const PERIODS = periodsOf2021();

describe('KPIs from rollups equal the row-level definition (real PostgreSQL)', () => {
  let stack: RollupTestHost;
  let host: TestHost;
  let db: DataSource;
  let kpis: KpisService;

  beforeAll(async () => {
    stack = await startRollupTestHost();
    ({ host, db } = stack);
    kpis = host.app.get(KpisService);
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  });

  async function expectEqualsReference(events: unknown[], period: Period, unit?: string): Promise<void> {
    const actual = await kpis.kpis({ from: period.from, to: period.to, unit });
    const truth = computeReferenceKpis(events, { ...period, window: 'calendar', unit }, [], calendar);
    expect({ query: period, unit, ...actual }).toEqual({ query: period, unit, ...truth });
  }

  it('hand-written late and out-of-order cases, delivered in two rounds', async () => {
    const at = (date: string, time = '09:00') => `${date}T${time}:00+07:00`;
    const o = { unit: 'hx', procedure: 'HX1' };
    const first = [
      // R1: resolved late on 10/3; its apology (4/2) arrives in the second round, landing in February.
      ev.received('hx-R1', { ...o, at: at('2021-02-01'), due: '2021-02-15' }),
      ev.resolved('hx-R1', at('2021-03-10')),
      // R2: resolved early 5/3; a supplement request dated 20/3 (after the end) arrives later:
      // late by supplementation from 20/3, so late in a period ending on or after 20/3 only.
      ev.received('hx-R2', { ...o, at: at('2021-03-01'), due: '2021-03-12', channel: 'postal' }),
      ev.resolved('hx-R2', at('2021-03-05')),
      ev.returned('hx-R2', at('2021-04-02'), 'postal'),
      // R3: resolved 10/3, withdrawn 12/3 (later end, changes nothing), withdrawn again on 1/3
      // (second round: the earliest end is now the withdrawal).
      ev.received('hx-R3', { ...o, at: at('2021-02-20'), due: '2021-03-20' }),
      ev.resolved('hx-R3', at('2021-03-10')),
      ev.withdrawn('hx-R3', at('2021-03-12')),
      // R4: late, first apology after the resolution and after Q1.
      ev.received('hx-R4', { ...o, at: at('2021-01-10'), due: '2021-01-20' }),
      ev.resolved('hx-R4', at('2021-03-25')),
      ev.apology('hx-R4', at('2021-04-06'), '2021-04-20'),
      // R5: resolved before it was received (irregular: counted row by row).
      ev.received('hx-R5', { ...o, at: at('2021-03-15'), due: '2021-03-30' }),
      ev.resolved('hx-R5', at('2021-03-02')),
      // R6: returned by post twice (irregular), months apart.
      ev.received('hx-R6', { ...o, at: at('2021-02-01'), due: '2021-02-12', channel: 'postal' }),
      ev.resolved('hx-R6', at('2021-02-10')),
      ev.returned('hx-R6', at('2021-02-11'), 'postal'),
      ev.returned('hx-R6', at('2021-05-11'), 'postal'),
      // R7: open; waits for a supplement from 5/2, received 20/2 in the second round (in the past).
      ev.received('hx-R7', { ...o, at: at('2021-02-01'), due: '2021-02-10' }),
      ev.supplementRequested('hx-R7', at('2021-02-05')),
      // R8: a corrected receipt arrives later and moves it from January to March, another procedure.
      ev.received('hx-R8', { ...o, at: at('2021-01-05'), due: '2021-01-15', id: 'hx-R8-a' }),
    ];
    const second = [
      ev.apology('hx-R1', at('2021-02-04'), '2021-02-25'),
      ev.supplementRequested('hx-R2', at('2021-03-20')),
      ev.withdrawn('hx-R3', at('2021-03-01')),
      ev.supplementReceived('hx-R7', at('2021-02-20'), '2021-03-05'),
      ev.received('hx-R8', {
        unit: 'hx',
        procedure: 'HX2',
        at: at('2021-03-05'),
        due: '2021-03-19',
        time: at('2021-03-06'),
        id: 'hx-R8-b',
      }),
      ev.resolved('hx-R8', at('2021-03-18')),
      // Duplicates of the first round.
      ...first.slice(0, 4),
    ];
    await postEvents(host, first);
    await expectCountersConsistent(db);
    await postEvents(host, second);
    await expectCountersConsistent(db);
    const events = [...first, ...second];
    const irregular: Array<{ n: string }> = await db.query(
      `SELECT count(*) AS n FROM tthc.dossier WHERE kpi_irregular AND unit_code = 'hx'`,
    );
    expect(Number(irregular[0].n)).toBe(2);
    const spans: Array<{ n: string }> = await db.query(
      `SELECT count(*) AS n FROM tthc.kpi_span WHERE unit_code = 'hx'`,
    );
    expect(Number(spans[0].n)).toBeGreaterThan(0);
    for (const period of PERIODS) {
      for (const scope of scopesOf(period, ['hx'], ['HX1', 'HX2']))
        await expectRollupEqualsRowLevel(db, scope);
      await expectEqualsReference(events, period, 'hx');
    }

    // The projection upgrade: rows an older projection wrote (half-filled, version 1) are
    // recomputed from their events; the triggers move their contributions along.
    await db.query(`UPDATE tthc.dossier SET projection_version = 1, late_by_supplement_from = NULL,
      first_apology_date = NULL, due_change_dates = '{}', due_change_values = '{}', awaiting_supplement = '{}'
      WHERE unit_code = 'hx'`);
    await expectCountersConsistent(db);
    expect(await host.app.get(LedgerService).reprojectStale()).toBe(8);
    await expectCountersConsistent(db);
    for (const period of PERIODS) await expectEqualsReference(events, period, 'hx');
  }, 300_000);

  it('a simulated year, delivered shuffled in three parts: every period and scope, and the reference', async () => {
    const events = generateEventStream({
      from: '2021-01-01',
      to: '2021-12-31',
      seed: 20261201,
      dossiers: 1500,
      lateShare: 0.2,
      supplementShare: 0.2,
      withdrawShare: 0.05,
      correctionShare: 0.05,
      secondEndShare: 0.05,
    }).map((e) => ({ ...e, id: `sim-${e.id}` }));
    const sent = shuffleWithDuplicates(events, 11, 0.1);
    const third = Math.ceil(sent.length / 3);
    for (let i = 0; i < sent.length; i += third) {
      await postEvents(host, sent.slice(i, i + third), 500);
      await expectCountersConsistent(db);
    }
    const units: Array<{ unit_code: string }> = await db.query(
      `SELECT DISTINCT unit_code FROM tthc.dossier ORDER BY 1`,
    );
    const procedures: Array<{ procedure_code: string }> = await db.query(
      `SELECT procedure_code FROM tthc.dossier WHERE unit_code <> 'hx'
       GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 3`,
    );
    const unitCodes = units.map((u) => u.unit_code);
    for (const period of PERIODS) {
      for (const scope of scopesOf(
        period,
        unitCodes,
        procedures.map((p) => p.procedure_code),
      )) {
        await expectRollupEqualsRowLevel(db, scope);
      }
    }
    const simUnits = [...new Set(events.map((e) => (e.data as { unitCode?: string }).unitCode))]
      .filter((u): u is string => u !== undefined)
      .sort();
    for (const period of PERIODS.filter((_, i) => i % 3 === 0)) {
      await expectEqualsReference(events, period, simUnits[0]);
      await expectEqualsReference(events, period, simUnits[1]);
    }

    // The rollups migration on a database that already holds dossiers: down (with the later
    // migrations), then up again (its backfill).
    const rollupsExist = async () => {
      const rows: Array<{ t: string | null }> = await db.query(
        `SELECT to_regclass('tthc.kpi_day')::text AS t`,
      );
      return rows[0].t !== null;
    };
    while (await rollupsExist()) await db.undoLastMigration();
    await db.runMigrations();
    await expectCountersConsistent(db);
    const stored: Array<{ n: string }> = await db.query(`SELECT count(*) AS n FROM tthc.kpi_day`);
    expect(Number(stored[0].n)).toBeGreaterThan(1000);
    for (const period of PERIODS.filter((_, i) => i % 4 === 0)) {
      for (const scope of scopesOf(period, unitCodes.slice(0, 2), []))
        await expectRollupEqualsRowLevel(db, scope);
      await expectEqualsReference(events, period, simUnits[0]);
    }
  }, 600_000);

  it('property: adversarial dossiers, any delivery order, any period', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(adversarialDossier, { minLength: 1, maxLength: 25 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        dayRanges(3, 6),
        async (dossiers, seed, ranges) => {
          run += 1;
          const p = `f${run}-`;
          const events = dossiers.flatMap((d, i) => dossierEvents(p, i, d));
          await postInHalves(host, shuffleWithDuplicates(events, seed, 0.2), () =>
            expectCountersConsistent(db),
          );
          const periods = periodsOfRanges(ranges);
          const units = [0, 1, 2].map((u) => `${p}u${u}`);
          for (const period of periods) {
            for (const scope of scopesOf(period, units, [`${p}u0-P0`, `${p}u1-P1`])) {
              await expectRollupEqualsRowLevel(db, scope);
            }
            await expectEqualsReference(events, period, units[0]);
          }
        },
      ),
      { numRuns: 25, seed: 20261202 },
    );
  }, 600_000);

  it("reads the spans open across a period's end through their family's partial index only", async () => {
    type PlanNode = {
      'Node Type': string;
      'Relation Name'?: string;
      'Index Name'?: string;
      Plans?: PlanNode[];
    };
    // How each plan reads tthc.kpi_span: its indexes and sequential scans. Sequential scans are
    // off, so the planner takes a partial index wherever it is usable; a branch whose condition
    // does not imply the index's predicate reads the primary key or scans instead.
    const spanReads = async (keys: readonly string[]): Promise<string[]> => {
      const scope = { from: '2021-04-01', to: '2021-06-30', unit: null, procedure: null, byUnit: false };
      const [sql, parameters] = prefixSumsStatement(scope, keys, null);
      const [{ 'QUERY PLAN': plans }] = await db.transaction(async (em) => {
        await em.query('SET LOCAL enable_seqscan = off');
        return em.query<Array<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>>(
          `EXPLAIN (FORMAT JSON) ${sql}`,
          parameters,
        );
      });
      const reads: string[] = [];
      const walk = (node: PlanNode): void => {
        if (node['Index Name']?.includes('kpi_span_open') || node['Index Name'] === 'PK_kpi_span')
          reads.push(node['Index Name']);
        if (node['Node Type'] === 'Seq Scan' && node['Relation Name'] === 'kpi_span') reads.push('Seq Scan');
        node.Plans?.forEach(walk);
      };
      walk(plans[0].Plan);
      return reads.sort();
    };
    expect(await spanReads(KPI_KEYS)).toEqual(['IDX_kpi_span_open_kpis']);
    expect(await spanReads(INDEX_KEYS)).toEqual([
      'IDX_kpi_span_open_kpis',
      'IDX_kpi_span_open_service_index',
    ]);
    expect(await spanReads(['rcv_online', 'anom_in'])).toEqual([]);
  });
});
