// Shared by the KPI rollup tests: the periods to check, adversarial dossiers for fast-check, and
// the comparisons (rollup = row-level definition; stored counters = the counters the rows imply).
import { expect } from '@jest/globals';
import fc from 'fast-check';
import { addCalendarDays } from '@cchc/calendar';
import { ev, type BuiltEvent, type TestHost } from '@cchc/testing';
import type { DataSource } from 'typeorm';
import {
  rollupDossierCounts,
  rowLevelDossierCounts,
  type CountScope,
  type Counts,
} from '../src/kpis/dossier-counts';
import { KPI_ROLLUP_EXPECTED_SQL, KPI_ROLLUP_STORED_SQL } from '../src/rollups/rollup-ddl';
import {
  OPEN_SPAN_INDEXES,
  SPAN_SINCE_EXPECTED_SQL,
  SPAN_SINCE_STORED_SQL,
} from '../src/rollups/span-since-ddl';
import { startTthcTestHost, type TthcTestHost } from './tthc-test-host';

/** A tthc-metrics host on its own PostgreSQL, no NATS, no seeded catalog, no rate limit to speak of. */
export type RollupTestHost = TthcTestHost;

export function startRollupTestHost(): Promise<RollupTestHost> {
  return startTthcTestHost({
    config: { seedCatalog: false, rateLimit: { requests: 100_000, windowSeconds: 60 } },
  });
}

/**
 * Reverts the migrations down to and including `name` (the later ones first), so a test can take
 * one migration down whatever was added after it.
 */
export async function undoMigrationsThrough(db: DataSource, name: string): Promise<void> {
  const index = db.migrations.findIndex((m) => m.name === name);
  if (index < 0) throw new Error(`no migration ${name}`);
  for (let i = db.migrations.length - 1; i >= index; i -= 1) await db.undoLastMigration();
}

export interface Period {
  from: string;
  to: string;
}

/** Calendar months, quarters, halves, 9M and the year of 2021, the Decree 09 windows, odd ranges. */
export function periodsOf2021(): Period[] {
  const out: Period[] = [];
  const end = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  const first = (m: number) => `2021-${String(m).padStart(2, '0')}-01`;
  for (let m = 1; m <= 12; m++) out.push({ from: first(m), to: end(2021, m) });
  for (let q = 0; q < 4; q++) out.push({ from: first(3 * q + 1), to: end(2021, 3 * q + 3) });
  out.push({ from: '2021-01-01', to: '2021-06-30' }, { from: '2021-07-01', to: '2021-12-31' });
  out.push({ from: '2021-01-01', to: '2021-09-30' }, { from: '2021-01-01', to: '2021-12-31' });
  // Decree 09/2019 windows: Q1 15/12–14/3, Q2 15/3–14/6, Q3 15/6–14/9, year 15/12–14/12.
  out.push(
    { from: '2020-12-15', to: '2021-03-14' },
    { from: '2021-03-15', to: '2021-06-14' },
    { from: '2021-06-15', to: '2021-09-14' },
    { from: '2021-09-15', to: '2021-12-14' },
    { from: '2020-12-15', to: '2021-12-14' },
    { from: '2020-12-15', to: '2021-06-14' },
  );
  // Arbitrary ranges: one day, within a month, across months and years, before and after the data.
  out.push(
    { from: '2021-03-17', to: '2021-03-17' },
    { from: '2021-02-10', to: '2021-02-20' },
    { from: '2021-02-10', to: '2021-05-20' },
    { from: '2021-11-20', to: '2022-02-03' },
    { from: '2020-01-01', to: '2020-12-31' },
    { from: '2022-01-01', to: '2022-12-31' },
    { from: '2019-06-01', to: '2023-06-30' },
  );
  return out;
}

/** Every scope: department, each unit, each procedure, unit + procedure, by unit. */
export function scopesOf(period: Period, units: string[], procedures: string[]): CountScope[] {
  const base = { ...period, unit: null, procedure: null, byUnit: false };
  return [
    base,
    { ...base, byUnit: true },
    ...units.map((unit) => ({ ...base, unit })),
    ...procedures.map((procedure) => ({ ...base, procedure })),
    ...procedures.map((procedure) => ({ ...base, procedure, byUnit: true })),
    ...units.flatMap((unit) => procedures.slice(0, 2).map((procedure) => ({ ...base, unit, procedure }))),
  ];
}

/** The production counts (rollups + irregular rows) equal the row-level definition. */
export async function expectRollupEqualsRowLevel(db: DataSource, scope: CountScope): Promise<void> {
  const [rollup, rows] = await Promise.all([
    rollupDossierCounts(db, scope),
    rowLevelDossierCounts(db, scope),
  ]);
  // The department row ('*') of an empty scope reads as zeros either way.
  const nonZero = (m: Map<string, Counts>) =>
    Object.fromEntries([...m].filter(([, c]) => Object.values(c).some((v) => v !== 0)).sort());
  expect({ scope, counts: nonZero(rollup) }).toEqual({ scope, counts: nonZero(rows) });
}

/**
 * The incrementally maintained counters equal the ones rebuilt from the current rows, the
 * per-since sums of the span counters equal the span counters' sums, and every stored span key
 * is in exactly one family of open-span index (a key in none would be read by no index).
 */
export async function expectCountersConsistent(db: DataSource): Promise<void> {
  const order = 'ORDER BY grain, since NULLS FIRST, day, unit_code, procedure_code, key';
  const sinceOrder = 'ORDER BY grain, since, unit_code, procedure_code, key';
  const [stored, expected, sinceStored, sinceExpected, spanKeys] = await Promise.all([
    db.query<unknown[]>(`SELECT * FROM (${KPI_ROLLUP_STORED_SQL}) AS s ${order}`),
    db.query<unknown[]>(`SELECT * FROM (${KPI_ROLLUP_EXPECTED_SQL}) AS e ${order}`),
    db.query<unknown[]>(`SELECT * FROM (${SPAN_SINCE_STORED_SQL}) AS s ${sinceOrder}`),
    db.query<unknown[]>(`SELECT * FROM (${SPAN_SINCE_EXPECTED_SQL}) AS e ${sinceOrder}`),
    db.query<Array<{ key: string }>>(`SELECT DISTINCT key FROM tthc.kpi_span ORDER BY 1`),
  ]);
  expect(stored).toEqual(expected);
  expect(sinceStored).toEqual(sinceExpected);
  const familiesOf = (key: string) =>
    OPEN_SPAN_INDEXES.filter((family) => family.keys.includes(key)).map((family) => family.name);
  expect(
    spanKeys.filter(({ key }) => familiesOf(key).length !== 1).map(({ key }) => [key, familiesOf(key)]),
  ).toEqual([]);
}

export async function postEvents(host: TestHost, events: unknown[], batch = 200): Promise<void> {
  for (let i = 0; i < events.length; i += batch) {
    const res = await host.request('/api/v1/tthc/events', {
      method: 'POST',
      body: JSON.stringify(events.slice(i, i + batch)),
      headers: { 'Content-Type': 'application/cloudevents-batch+json' },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { rejected: unknown[] }).rejected).toEqual([]);
  }
}

/** Sends `sent` in two halves of batches of 7, checking `consistent` after each half. */
export async function postInHalves(
  host: TestHost,
  sent: unknown[],
  consistent: () => Promise<void>,
): Promise<void> {
  const half = Math.ceil(sent.length / 2);
  await postEvents(host, sent.slice(0, half), 7);
  await consistent();
  await postEvents(host, sent.slice(half), 7);
  await consistent();
}

/** Random ranges of days from 2021-01-01 (starting up to 30 days before it) for a property. */
export const dayRanges = (minLength: number, maxLength: number) =>
  fc.array(fc.record({ from: fc.integer({ min: -30, max: 420 }), days: fc.integer({ min: 0, max: 200 }) }), {
    minLength,
    maxLength,
  });

/** The periods of `ranges`, and a quarter, a Decree 09 half-year window and the year 2021. */
export function periodsOfRanges(ranges: ReadonlyArray<{ from: number; days: number }>): Period[] {
  const day = (n: number) => addCalendarDays('2021-01-01', n);
  return [
    ...ranges.map((r) => ({ from: day(r.from), to: day(r.from + r.days) })),
    { from: '2021-01-01', to: '2021-03-31' },
    { from: '2020-12-15', to: '2021-06-14' },
    { from: '2021-01-01', to: '2021-12-31' },
  ];
}

const HOURS = [0, 8, 9, 15, 16, 23];

/** A dossier whose events land anywhere around its receipt, including before it and long after. */
export const adversarialDossier = fc.record({
  day: fc.integer({ min: -20, max: 400 }),
  hour: fc.constantFrom(...HOURS),
  dueIn: fc.integer({ min: 0, max: 25 }),
  channel: fc.constantFrom<'online' | 'direct' | 'postal'>('online', 'direct', 'postal'),
  unit: fc.integer({ min: 0, max: 2 }),
  procedure: fc.integer({ min: 0, max: 2 }),
  requests: fc.array(fc.integer({ min: -3, max: 40 }), { maxLength: 2 }),
  receipts: fc.array(
    fc.record({ at: fc.integer({ min: -3, max: 45 }), dueIn: fc.integer({ min: 0, max: 20 }) }),
    {
      maxLength: 2,
    },
  ),
  apologies: fc.array(fc.integer({ min: -3, max: 70 }), { maxLength: 2 }),
  ends: fc.array(
    fc.record({
      at: fc.integer({ min: -4, max: 60 }),
      kind: fc.constantFrom<'resolved' | 'withdrawn'>('resolved', 'withdrawn'),
    }),
    { maxLength: 2 },
  ),
  returns: fc.array(
    fc.record({
      at: fc.integer({ min: -3, max: 70 }),
      channel: fc.constantFrom<'postal' | 'direct'>('postal', 'direct'),
    }),
    { maxLength: 2 },
  ),
  // A later dossier.received correcting the receipt date, procedure and channel (same unit).
  correction: fc.option(
    fc.record({
      shift: fc.integer({ min: -10, max: 10 }),
      procedure: fc.integer({ min: 0, max: 2 }),
      channel: fc.constantFrom<'online' | 'direct' | 'postal'>('online', 'direct', 'postal'),
    }),
    { nil: undefined },
  ),
});
export type AdversarialDossier = typeof adversarialDossier extends fc.Arbitrary<infer T> ? T : never;

/** The events of one adversarial dossier, codes and units prefixed by `p`. */
export function dossierEvents(p: string, i: number, d: AdversarialDossier): BuiltEvent[] {
  const day = (offset: number) => addCalendarDays('2021-01-01', d.day + offset);
  const at = (offset: number, hour = d.hour) => `${day(offset)}T${String(hour).padStart(2, '0')}:15:00+07:00`;
  const code = `${p}d${i}`;
  const unit = (u: number) => `${p}u${u}`;
  const procedure = (u: number, k: number) => `${p}u${u}-P${k}`;
  const out: BuiltEvent[] = [
    ev.received(code, {
      at: at(0),
      due: day(d.dueIn),
      channel: d.channel,
      unit: unit(d.unit),
      procedure: procedure(d.unit, d.procedure),
      id: `${code}-r`,
    }),
  ];
  if (d.correction) {
    const c = d.correction;
    out.push(
      ev.received(code, {
        at: at(c.shift),
        due: day(c.shift + d.dueIn),
        channel: c.channel,
        unit: unit(d.unit),
        procedure: procedure(d.unit, c.procedure),
        // Envelope time after the first receipt's: this one counts.
        time: at(80),
        id: `${code}-r2`,
      }),
    );
  }
  d.requests.forEach((r, k) => out.push({ ...ev.supplementRequested(code, at(r, 10)), id: `${code}-q${k}` }));
  d.receipts.forEach((r, k) =>
    out.push({ ...ev.supplementReceived(code, at(r.at, 11), day(r.at + r.dueIn)), id: `${code}-s${k}` }),
  );
  d.apologies.forEach((a, k) =>
    out.push({ ...ev.apology(code, at(a, 14), day(a + 10)), id: `${code}-a${k}` }),
  );
  d.ends.forEach((e, k) =>
    out.push({
      ...(e.kind === 'resolved' ? ev.resolved(code, at(e.at, 15)) : ev.withdrawn(code, at(e.at, 15))),
      id: `${code}-e${k}`,
    }),
  );
  d.returns.forEach((r, k) =>
    out.push({ ...ev.returned(code, at(r.at, 16), r.channel), id: `${code}-t${k}` }),
  );
  return out;
}
