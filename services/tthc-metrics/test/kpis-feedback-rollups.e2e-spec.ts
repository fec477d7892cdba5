import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import { addCalendarDays, defaultCalendar } from '@cchc/calendar';
import {
  computeReferenceKpis,
  ev,
  shuffleWithDuplicates,
  type BuiltEvent,
  type TestHost,
} from '@cchc/testing';
import type { CountScope } from '../src/kpis/dossier-counts';
import {
  rollupFeedbackCounts,
  rowLevelFeedbackCounts,
  type FeedbackCounts,
} from '../src/kpis/feedback-counts';
import { KpisService } from '../src/kpis/kpis.service';
import {
  FEEDBACK_COUNTED_EXPECTED_SQL,
  FEEDBACK_ROLLUP_EXPECTED_SQL,
  FEEDBACK_ROLLUP_STORED_SQL,
} from '../src/rollups/feedback-rollup-ddl';
import {
  dayRanges,
  periodsOf2021,
  periodsOfRanges,
  postInHalves,
  scopesOf,
  undoMigrationsThrough,
  type Period,
  startRollupTestHost,
  type RollupTestHost,
} from './kpi-rollup-support';

// Issue 10: the PAKN KPIs come from per-day counters kept by triggers on tthc.feedback and
// tthc.dossier (a PAKN counts under its linked dossier's procedure). They must equal the row-level
// definition and the reference of libs/testing whatever the delivery order: a PAKN before its
// dossier, a dossier whose procedure is corrected later, resolutions that arrive late, earlier
// resolutions after later ones, duplicates.
const calendar = defaultCalendar();
const PERIODS = periodsOf2021();

async function expectFeedbackCountersConsistent(db: DataSource): Promise<void> {
  const order = 'ORDER BY grain, day, unit_code, procedure_code, key';
  const [stored, expected, mirror, rows] = await Promise.all([
    db.query<unknown[]>(`SELECT * FROM (${FEEDBACK_ROLLUP_STORED_SQL}) AS s ${order}`),
    db.query<unknown[]>(`SELECT * FROM (${FEEDBACK_ROLLUP_EXPECTED_SQL}) AS e ${order}`),
    db.query<unknown[]>(`SELECT * FROM tthc.feedback_counted ORDER BY feedback_id`),
    db.query<unknown[]>(`SELECT * FROM (${FEEDBACK_COUNTED_EXPECTED_SQL}) AS r ORDER BY feedback_id`),
  ]);
  expect(stored).toEqual(expected);
  expect(mirror).toEqual(rows);
}

async function expectFeedbackRollupEqualsRowLevel(db: DataSource, scope: CountScope): Promise<void> {
  const [rollup, rows] = await Promise.all([
    rollupFeedbackCounts(db, scope),
    rowLevelFeedbackCounts(db, scope),
  ]);
  const nonZero = (m: Map<string, FeedbackCounts>) =>
    Object.fromEntries([...m].filter(([, c]) => Object.values(c).some((v) => v !== 0)).sort());
  expect({ scope, counts: nonZero(rollup) }).toEqual({ scope, counts: nonZero(rows) });
}

/** A PAKN and, maybe, its dossier: events that land anywhere around the receipt. */
const adversarialFeedback = fc.record({
  day: fc.integer({ min: -20, max: 400 }),
  dueIn: fc.integer({ min: -2, max: 30 }),
  unit: fc.integer({ min: 0, max: 1 }),
  // The linked dossier: none, one whose received event is sent, or one never received.
  dossier: fc.constantFrom<'none' | 'sent' | 'missing'>('none', 'sent', 'sent', 'missing'),
  procedure: fc.integer({ min: 0, max: 2 }),
  // A later dossier.received moving the dossier to another procedure.
  correctedProcedure: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
  resolutions: fc.array(fc.integer({ min: -5, max: 60 }), { maxLength: 3 }),
  // A later feedback.received correcting its receipt and due date (and dropping the link).
  correction: fc.option(fc.record({ shift: fc.integer({ min: -10, max: 10 }), unlink: fc.boolean() }), {
    nil: undefined,
  }),
});
type AdversarialFeedback = typeof adversarialFeedback extends fc.Arbitrary<infer T> ? T : never;

function feedbackEvents(p: string, i: number, f: AdversarialFeedback): BuiltEvent[] {
  const day = (offset: number) => addCalendarDays('2021-01-01', f.day + offset);
  const at = (offset: number, hour = 9) => `${day(offset)}T${String(hour).padStart(2, '0')}:30:00+07:00`;
  const id = `${p}F${i}`;
  const unit = `${p}u${f.unit}`;
  const dossier = f.dossier === 'none' ? undefined : `${p}d${i}`;
  const out: BuiltEvent[] = [
    { ...ev.feedbackReceived(id, { at: at(0), due: day(f.dueIn), unit, dossier }), id: `${id}-r` },
  ];
  if (f.correction) {
    const c = f.correction;
    out.push({
      ...ev.feedbackReceived(id, {
        at: at(c.shift),
        due: day(c.shift + f.dueIn),
        unit,
        dossier: c.unlink ? undefined : dossier,
      }),
      time: at(90),
      id: `${id}-r2`,
    });
  }
  f.resolutions.forEach((r, k) => out.push({ ...ev.feedbackResolved(id, at(r, 15)), id: `${id}-s${k}` }));
  if (dossier && f.dossier === 'sent') {
    const procedure = (k: number) => `${p}u${f.unit}-P${k}`;
    out.push(
      ev.received(dossier, {
        unit,
        procedure: procedure(f.procedure),
        at: at(-3),
        due: day(10),
        id: `${dossier}-r`,
      }),
    );
    if (f.correctedProcedure !== undefined)
      out.push(
        ev.received(dossier, {
          unit,
          procedure: procedure(f.correctedProcedure),
          at: at(-3),
          due: day(10),
          time: at(95),
          id: `${dossier}-r2`,
        }),
      );
  }
  return out;
}

describe('PAKN KPIs from rollups equal the row-level definition (real PostgreSQL)', () => {
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
    expect({ query: period, unit, ...actual.feedback }).toEqual({ query: period, unit, ...truth.feedback });
  }

  it('property: PAKN and dossiers in any delivery order, any period and scope', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(adversarialFeedback, { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        dayRanges(2, 4),
        async (feedback, seed, ranges) => {
          run += 1;
          const p = `g${run}-`;
          const events = feedback.flatMap((f, i) => feedbackEvents(p, i, f));
          await postInHalves(host, shuffleWithDuplicates(events, seed, 0.2), () =>
            expectFeedbackCountersConsistent(db),
          );
          const periods = periodsOfRanges(ranges);
          const units = [0, 1].map((u) => `${p}u${u}`);
          for (const period of periods) {
            for (const scope of scopesOf(period, units, [`${p}u0-P0`, `${p}u1-P1`, `${p}u0-P2`]))
              await expectFeedbackRollupEqualsRowLevel(db, scope);
            await expectEqualsReference(events, period, units[0]);
          }
        },
      ),
      { numRuns: 25, seed: 20261217 },
    );
  }, 600_000);

  it('every period of 2021 over what the property left, then the migration backfills the counters', async () => {
    await expectFeedbackCountersConsistent(db);
    const counted: Array<{ n: string }> = await db.query(
      `SELECT count(*) AS n FROM tthc.feedback_counted WHERE procedure_code <> ''`,
    );
    expect(Number(counted[0].n)).toBeGreaterThan(10);
    const procedures: Array<{ p: string }> = await db.query(
      `SELECT procedure_code AS p FROM tthc.feedback_counted WHERE procedure_code <> ''
       GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 3`,
    );
    const scopes = (period: Period) =>
      scopesOf(
        period,
        ['g1-u0', 'g2-u1'],
        procedures.map((r) => r.p),
      );
    for (const period of PERIODS)
      for (const scope of scopes(period)) await expectFeedbackRollupEqualsRowLevel(db, scope);

    // Down (these rollups, after the later migrations) and up again: the backfill from existing rows.
    await undoMigrationsThrough(db, 'AddFeedbackAndSpanRollups1796550000000');
    const gone: Array<{ t: string | null }> = await db.query(
      `SELECT to_regclass('tthc.feedback_kpi_day')::text AS t`,
    );
    expect(gone[0].t).toBeNull();
    await db.runMigrations();
    await expectFeedbackCountersConsistent(db);
    for (const period of PERIODS.filter((_, i) => i % 3 === 0))
      for (const scope of scopes(period)) await expectFeedbackRollupEqualsRowLevel(db, scope);

    // Both tables emptied: the counters follow.
    await db.query(`TRUNCATE tthc.dossier`);
    await expectFeedbackCountersConsistent(db);
    await db.query(`DELETE FROM tthc.feedback WHERE feedback_id LIKE 'g1-%'`);
    await expectFeedbackCountersConsistent(db);
    await db.query(`TRUNCATE tthc.feedback`);
    await expectFeedbackCountersConsistent(db);
    const left: Array<{ n: string }> = await db.query(
      `SELECT count(*) AS n FROM tthc.feedback_kpi_day WHERE n <> 0`,
    );
    expect(Number(left[0].n)).toBe(0);
  }, 600_000);
});
