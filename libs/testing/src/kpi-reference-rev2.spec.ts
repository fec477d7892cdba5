import { describe, expect, it } from '@jest/globals';
import type { KpiResult } from '@cchc/contracts';
import { ev } from './event-builders';
import {
  computeReferenceKpis,
  WEEKDAY_CALENDAR,
  type ReferenceCalendar,
  type ReferenceCatalogEntry,
  type ReferenceKpiQuery,
} from './kpi-reference';

// Revision 2 rules of architecture.md §5, one hand-computed case each. Every expected number is
// worked out by hand from the contract text (weekdays of 2021 checked on a calendar), never by
// running the code. The default calendar here is Monday–Friday without holidays.

const CATALOG: ReferenceCatalogEntry[] = [
  { code: 'P1', unitCode: 'vp', level: 4 },
  { code: 'PD', unitCode: 'vp', level: 2, durationWorkingDays: 5 },
];

function kpis(
  events: unknown[],
  from: string,
  to: string,
  calendar: ReferenceCalendar = WEEKDAY_CALENDAR,
  extra: Partial<ReferenceKpiQuery> = {},
  catalog = CATALOG,
): KpiResult {
  return computeReferenceKpis(events, { from, to, window: 'calendar', ...extra }, catalog, calendar);
}

function expectInvariants(r: KpiResult): void {
  expect(r.received.total).toBe(r.resolved.total + r.pending.total + r.withdrawn);
  expect(r.pending.total).toBe(r.pending.withinTime + r.pending.awaitingSupplement + r.pending.overdue);
  expect(r.apology.lateDossiers).toBe(r.resolved.late + r.pending.overdue);
  expect(r.apology.withApology + r.apology.withoutApology).toBe(r.apology.lateDossiers);
  expect(r.apology.inTime).toBeLessThanOrEqual(r.apology.withApology);
}

describe('reference KPIs, revision 2 rules', () => {
  it('stops the clock for a dossier still waiting for its supplement at the end of the period', () => {
    const events = [
      // A: due Mon 15/3, asked to complete on 10/3, completes on 5/4 (new due 20/4), resolved 15/4.
      ev.received('A', { at: '2021-03-01T09:00:00+07:00', due: '2021-03-15' }),
      ev.supplementRequested('A', '2021-03-10T10:00:00+07:00'),
      ev.supplementReceived('A', '2021-04-05T09:00:00+07:00', '2021-04-20'),
      ev.resolved('A', '2021-04-15T10:00:00+07:00'),
      // B: completes on 8/3 with a new due date Fri 19/3, still open on 31/3: overdue.
      ev.received('B', { at: '2021-03-01T09:00:00+07:00', due: '2021-03-10' }),
      ev.supplementRequested('B', '2021-03-05T10:00:00+07:00'),
      ev.supplementReceived('B', '2021-03-08T09:00:00+07:00', '2021-03-19'),
    ];
    const q1 = kpis(events, '2021-01-01', '2021-03-31');
    // Revision 1 counted A overdue (31/3 is after 15/3); revision 2 judges it at the request.
    expect(q1.pending).toEqual({ total: 2, withinTime: 0, awaitingSupplement: 1, overdue: 1 });
    expect(q1.apology).toMatchObject({ lateDossiers: 1, withApology: 0, inTime: 0, inTimeRate: 0 });
    expectInvariants(q1);

    const q2 = kpis(events, '2021-04-01', '2021-06-30');
    // A's time limit restarted on 5/4: resolved 15/4 before 20/4 is early.
    expect(q2.received).toEqual({ total: 2, online: 0, direct: 0, postal: 0, carriedOver: 2 });
    expect(q2.resolved).toEqual({ total: 1, early: 1, onTime: 0, late: 0 });
    expect(q2.pending).toEqual({ total: 1, withinTime: 0, awaitingSupplement: 0, overdue: 1 });
    expectInvariants(q2);
  });

  it('makes a dossier late when it had a second supplementation request dated by the cut-off', () => {
    const events = [
      ev.received('C', { at: '2021-02-01T08:00:00+07:00', due: '2021-02-25' }),
      ev.supplementRequested('C', '2021-02-03T09:00:00+07:00'),
      ev.supplementRequested('C', '2021-02-05T09:00:00+07:00'),
      ev.supplementReceived('C', '2021-02-08T09:00:00+07:00', '2021-02-26'),
      ev.resolved('C', '2021-02-15T10:00:00+07:00'),
    ];
    const feb = kpis(events, '2021-02-01', '2021-02-28');
    // 15/2 is before 26/2, but two requests make it late (QĐ 766; Decree 61/2018 Art. 15 "một lần").
    expect(feb.resolved).toEqual({ total: 1, early: 0, onTime: 0, late: 1 });
    expect(feb.apology.lateDossiers).toBe(1);
    expect(feb.dataQuality.anomalies).toBe(1);
    // Cut-off 4/2: only the first request is dated by then, and it is still waiting.
    const early = kpis(events, '2021-02-01', '2021-02-04');
    expect(early.pending).toEqual({ total: 1, withinTime: 0, awaitingSupplement: 1, overdue: 0 });
    expect(early.apology.lateDossiers).toBe(0);
    expectInvariants(feb);
    expectInvariants(early);
  });

  it('makes a dossier late for good when a request is dated after the due date in force at it', () => {
    const events = [
      // D: due 10/2, asked on 11/2, completes 15/2 (new due 1/3), resolved 24/2: still late.
      ev.received('D', { at: '2021-02-01T08:00:00+07:00', due: '2021-02-10' }),
      ev.supplementRequested('D', '2021-02-11T09:00:00+07:00'),
      ev.supplementReceived('D', '2021-02-15T09:00:00+07:00', '2021-03-01'),
      ev.resolved('D', '2021-02-24T10:00:00+07:00'),
      // E: asked late and still waiting: overdue, not awaiting supplement.
      ev.received('E', { at: '2021-02-01T08:00:00+07:00', due: '2021-02-10' }),
      ev.supplementRequested('E', '2021-02-11T09:00:00+07:00'),
      // F: asked on its due date (not after it) and still waiting: awaiting supplement.
      ev.received('F', { at: '2021-02-01T08:00:00+07:00', due: '2021-02-10' }),
      ev.supplementRequested('F', '2021-02-10T16:00:00+07:00'),
    ];
    const feb = kpis(events, '2021-02-01', '2021-02-28');
    expect(feb.resolved).toEqual({ total: 1, early: 0, onTime: 0, late: 1 });
    expect(feb.pending).toEqual({ total: 2, withinTime: 0, awaitingSupplement: 1, overdue: 1 });
    expect(feb.apology.lateDossiers).toBe(2);
    expectInvariants(feb);
  });

  it('judges a dossier by the due date in force at the moment it is judged', () => {
    const events = [
      // G: new due date 12/2 from the receipt of 4/2; resolved 11/2: early. The stray receipt of
      // 22/2 (after the resolution) would make it late if it counted.
      ev.received('G', { at: '2021-02-01T08:00:00+07:00', due: '2021-02-10' }),
      ev.supplementRequested('G', '2021-02-02T09:00:00+07:00'),
      ev.supplementReceived('G', '2021-02-04T09:00:00+07:00', '2021-02-12'),
      ev.resolved('G', '2021-02-11T10:00:00+07:00'),
      ev.supplementReceived('G', '2021-02-22T09:00:00+07:00', '2021-02-09'),
      // H: completes on 20/2 with a new due date Fri 5/3, never resolved.
      ev.received('H', { at: '2021-02-01T08:00:00+07:00', due: '2021-02-10' }),
      ev.supplementRequested('H', '2021-02-03T09:00:00+07:00'),
      ev.supplementReceived('H', '2021-02-20T09:00:00+07:00', '2021-03-05'),
    ];
    const feb = kpis(events, '2021-02-01', '2021-02-28');
    expect(feb.resolved).toEqual({ total: 1, early: 1, onTime: 0, late: 0 });
    // At 28/2, H's due date in force is 5/3.
    expect(feb.pending).toEqual({ total: 1, withinTime: 1, awaitingSupplement: 0, overdue: 0 });
    // At 15/2, H still waits for its supplement (received 20/2): the clock is stopped.
    const mid = kpis(events, '2021-02-01', '2021-02-15');
    expect(mid.pending).toEqual({ total: 1, withinTime: 0, awaitingSupplement: 1, overdue: 0 });
    // At 31/3, H is past 5/3.
    const mar = kpis(events, '2021-03-01', '2021-03-31');
    expect(mar.pending).toEqual({ total: 1, withinTime: 0, awaitingSupplement: 0, overdue: 1 });
    for (const r of [feb, mid, mar]) expectInvariants(r);
  });

  it('does not count an apology written after the period for that period', () => {
    const events = [
      ev.received('I', { at: '2021-01-05T09:00:00+07:00', due: '2021-01-20' }),
      ev.resolved('I', '2021-03-05T10:00:00+07:00'),
      ev.apology('I', '2021-04-02T09:00:00+07:00', '2021-04-10'),
    ];
    const q1 = kpis(events, '2021-01-01', '2021-03-31');
    expect(q1.apology).toEqual({
      lateDossiers: 1,
      withApology: 0,
      withoutApology: 1,
      coverage: 0,
      inTime: 0,
      inTimeRate: 0,
    });
    // Over H1 the letter counts, but it was written long after the due date: not in time.
    const h1 = kpis(events, '2021-01-01', '2021-06-30');
    expect(h1.apology).toEqual({
      lateDossiers: 1,
      withApology: 1,
      withoutApology: 0,
      coverage: 1,
      inTime: 0,
      inTimeRate: 0,
    });
    expect(h1.dataQuality.anomalies).toBe(1); // apology after the due date
  });

  it('counts a letter in time only on or before the last working day before the due date in force', () => {
    const late = (code: string) => ev.resolved(code, '2021-03-22T10:00:00+07:00');
    const events = [
      // Due Mon 15/3: the last working day before it is Fri 12/3.
      ev.received('J', { at: '2021-03-01T09:00:00+07:00', due: '2021-03-15' }),
      ev.apology('J', '2021-03-12T16:00:00+07:00', '2021-03-22'), // in time
      late('J'),
      ev.received('K', { at: '2021-03-01T09:00:00+07:00', due: '2021-03-15' }),
      ev.apology('K', '2021-03-15T08:00:00+07:00', '2021-03-22'), // on the due date: too late
      late('K'),
      ev.received('L', { at: '2021-03-01T09:00:00+07:00', due: '2021-03-15' }),
      ev.apology('L', '2021-03-16T08:00:00+07:00', '2021-03-22'), // after it: too late, anomaly
      late('L'),
      // M: due date in force when written is Fri 19/3 (receipt of 4/3): Thu 18/3 is in time.
      ev.received('M', { at: '2021-03-01T09:00:00+07:00', due: '2021-03-10' }),
      ev.supplementRequested('M', '2021-03-02T09:00:00+07:00'),
      ev.supplementReceived('M', '2021-03-04T09:00:00+07:00', '2021-03-19'),
      ev.apology('M', '2021-03-18T09:00:00+07:00', '2021-03-24'),
      late('M'),
      // N: written on 3/3, before the receipt: the due date then was Wed 10/3, so in time.
      ev.received('N', { at: '2021-03-01T09:00:00+07:00', due: '2021-03-10' }),
      ev.supplementRequested('N', '2021-03-02T09:00:00+07:00'),
      ev.supplementReceived('N', '2021-03-04T09:00:00+07:00', '2021-03-19'),
      ev.apology('N', '2021-03-03T09:00:00+07:00', '2021-03-24'),
      late('N'),
    ];
    const q1 = kpis(events, '2021-01-01', '2021-03-31');
    expect(q1.resolved).toEqual({ total: 5, early: 0, onTime: 0, late: 5 });
    expect(q1.apology).toEqual({
      lateDossiers: 5,
      withApology: 5,
      withoutApology: 0,
      coverage: 1,
      inTime: 3,
      inTimeRate: 0.6,
    });
    expect(q1.dataQuality.anomalies).toBe(1); // L
    // With Fri 12/3 a holiday, J's deadline moves back to Thu 11/3: J is no longer in time.
    const holiday: ReferenceCalendar = {
      covers: () => true,
      isWorkingDay: (d) => d !== '2021-03-12' && WEEKDAY_CALENDAR.isWorkingDay(d),
    };
    expect(kpis(events, '2021-01-01', '2021-03-31', holiday).apology.inTime).toBe(2);
  });

  it('counts dossiers with an anomaly in dataQuality.anomalies', () => {
    const only2021: ReferenceCalendar = {
      covers: (d) => d.startsWith('2021-'),
      isWorkingDay: (d) => WEEKDAY_CALENDAR.isWorkingDay(d),
    };
    const events = [
      // O: due on Saturday 20/2.
      ev.received('O', { at: '2021-02-01T09:00:00+07:00', due: '2021-02-20' }),
      // P: 5 working days after Mon 1/2 is Mon 8/2; due Tue 9/2 is beyond the legal duration.
      ev.received('P', { at: '2021-02-01T09:00:00+07:00', due: '2021-02-09', procedure: 'PD' }),
      // Q: received after 15:00, so one more day: 9/2 is allowed.
      ev.received('Q', { at: '2021-02-01T16:00:00+07:00', due: '2021-02-09', procedure: 'PD' }),
      // R: resolved before it was received.
      ev.received('R', { at: '2021-02-05T09:00:00+07:00', due: '2021-02-11' }),
      ev.resolved('R', '2021-02-04T09:00:00+07:00'),
      // S: due date outside the calendar's years.
      ev.received('S', { at: '2021-12-28T09:00:00+07:00', due: '2022-01-05' }),
    ];
    expect(kpis(events, '2021-02-01', '2021-02-28', only2021).dataQuality.anomalies).toBe(3); // O, P, R
    // December: S, plus O and P still open (carried over); R ended in February.
    expect(kpis(events, '2021-12-01', '2021-12-31', only2021).dataQuality.anomalies).toBe(3);
  });

  it('leaves the KPIs unchanged by payments and ratings', () => {
    const base = [
      ev.received('T', { at: '2021-02-01T09:00:00+07:00', due: '2021-02-10', channel: 'online' }),
      ev.resolved('T', '2021-02-09T09:00:00+07:00', true),
    ];
    const extra = [
      ev.paid('T', '2021-02-02T09:00:00+07:00', 'online'),
      ev.rated('T', '2021-02-12T09:00:00+07:00', 'dissatisfied'),
    ];
    expect(kpis([...base, ...extra], '2021-02-01', '2021-02-28')).toEqual(
      kpis(base, '2021-02-01', '2021-02-28'),
    );
  });

  it('uses the catalog version in force at the end of the period, scoped to one procedure', () => {
    const catalog: ReferenceCatalogEntry[] = [
      { code: 'P1', unitCode: 'vp', level: 2, validFrom: '2021-01-01' },
      { code: 'P1', unitCode: 'vp', level: 4, validFrom: '2021-04-01' },
      { code: 'P2', unitCode: 'vp', level: 3 },
    ];
    const q1 = kpis([], '2021-01-01', '2021-03-31', WEEKDAY_CALENDAR, {}, catalog);
    expect(q1.online).toMatchObject({ proceduresLevel3or4: 1, proceduresTotal: 2 });
    const q2 = kpis([], '2021-04-01', '2021-06-30', WEEKDAY_CALENDAR, {}, catalog);
    expect(q2.online).toMatchObject({ proceduresLevel3or4: 2, proceduresTotal: 2 });
    const p1 = kpis([], '2021-01-01', '2021-03-31', WEEKDAY_CALENDAR, { procedure: 'P1' }, catalog);
    expect(p1.online).toEqual({
      dossierRate: null,
      proceduresLevel3or4: 0,
      proceduresTotal: 1,
      procedureRate: 0,
    });
  });
});
