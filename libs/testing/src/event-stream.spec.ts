import { tmpdir } from 'node:os';
import { describe, expect, it } from '@jest/globals';
import { defaultCalendar } from '@cchc/calendar';
import { validateTthcEvent } from '@cchc/contracts';
import { eventUnitCodes } from '../../../tools/simulator/src/event-units';
import {
  generateEventStream,
  type GenerateOptions,
  type TthcCloudEvent,
  type WorkingDayCalendar,
} from '../../../tools/simulator/src/generator';
import { FALLBACK_PROCEDURES, loadSeedCatalog } from '../../../tools/simulator/src/seed-catalog';
import { shuffleWithDuplicates } from './event-stream';
import { computeReferenceKpis } from './kpi-reference';

// The simulator's generator is tested here (with the helpers it feeds) because the unit test
// project only picks up specs under apps/, services/, libs/ and dashboards/.

// Mon–Fri, no holidays: keeps these expectations independent of the holiday data in @cchc/calendar.
const weekdays: WorkingDayCalendar = {
  addWorkingDays(date: string, n: number): string {
    const d = new Date(`${date}T00:00:00Z`);
    for (let left = n; left > 0;) {
      d.setUTCDate(d.getUTCDate() + 1);
      if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) left--;
    }
    return d.toISOString().slice(0, 10);
  },
};
const isWeekday = (day: string): boolean => ![0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());

// The revision-2 irregularities off, so that the regular shape below can be checked exactly; they
// have their own test at the end.
const REGULAR: Partial<GenerateOptions> = {
  secondRequestShare: 0,
  lateRequestShare: 0,
  lateApologyShare: 0,
  holidayDueDateShare: 0,
  nightShare: 0,
  utcShare: 0,
};
const BASE: GenerateOptions = {
  from: '2021-01-01',
  to: '2021-03-31',
  seed: 42,
  dossiers: 1500,
  procedures: FALLBACK_PROCEDURES,
  calendar: weekdays,
  ...REGULAR,
};
const CATALOG = FALLBACK_PROCEDURES.map(({ code, unitCode, level }) => ({ code, unitCode, level }));
const Q1 = { from: '2021-01-01', to: '2021-03-31', window: 'calendar' as const };

const short = (e: TthcCloudEvent): string => e.type.replace('vn.cchc.tthc.', '').replace('.v1', '');
const day = (ts: unknown): string => String(ts).slice(0, 10);
const minuteOfDay = (ts: unknown): number =>
  Number(String(ts).slice(11, 13)) * 60 + Number(String(ts).slice(14, 16));

const REQUIRED: Record<string, string[]> = {
  'dossier.received': ['dossierCode', 'procedureCode', 'unitCode', 'channel', 'receivedAt', 'dueDate'],
  'dossier.supplement_requested': ['dossierCode', 'requestedAt'],
  'dossier.supplement_received': ['dossierCode', 'receivedAt', 'dueDate'],
  'dossier.apology_issued': ['dossierCode', 'issuedAt', 'letterNo', 'reason', 'newDueDate'],
  'dossier.resolved': ['dossierCode', 'resolvedAt', 'outcome'],
  'dossier.returned': ['dossierCode', 'returnedAt', 'returnChannel'],
  'dossier.withdrawn': ['dossierCode', 'withdrawnAt'],
  'feedback.received': ['feedbackId', 'unitCode', 'receivedAt', 'dueDate', 'channel'],
  'feedback.resolved': ['feedbackId', 'resolvedAt'],
  'dossier.paid': ['dossierCode', 'paidAt', 'channel', 'amountVnd'],
  'dossier.rated': ['dossierCode', 'ratedAt', 'rating'],
};

describe(generateEventStream.name, () => {
  const stream = generateEventStream(BASE);
  const byType = (type: string) => stream.filter((e) => short(e) === type);

  it('gives the same stream for the same seed and a different one for another seed', () => {
    expect(generateEventStream(BASE)).toEqual(stream);
    expect(generateEventStream({ ...BASE, seed: 43 })).not.toEqual(stream);
  });

  it('emits well-formed CloudEvents with unique UUID-like ids, sorted by time, none after the period', () => {
    expect(new Set(stream.map((e) => e.id)).size).toBe(stream.length);
    for (const e of stream) {
      expect(e.specversion).toBe('1.0');
      expect(e.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(e.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/);
      expect(day(e.time) <= BASE.to).toBe(true);
      const required = REQUIRED[short(e)];
      expect(required).toBeDefined();
      for (const field of required) expect(e.data[field]).toBeDefined();
      expect(e.subject).toBe(short(e).startsWith('feedback.') ? e.data.feedbackId : e.data.dossierCode);
    }
    const times = stream.map((e) => Date.parse(e.time));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('passes the shared contract validator, so the service accepts every generated event', () => {
    const invalid = stream.map(validateTthcEvent).filter((v) => !v.ok);
    expect(invalid).toEqual([]);
  });

  it('receives dossiers on working days of the period between 7:30 and 17:00', () => {
    const received = byType('dossier.received');
    expect(new Set(received.map((e) => e.data.dossierCode)).size).toBe(BASE.dossiers);
    for (const e of received) {
      const at = e.data.receivedAt as string;
      expect(isWeekday(day(at))).toBe(true);
      expect(day(at) >= BASE.from && day(at) <= BASE.to).toBe(true);
      expect(minuteOfDay(at)).toBeGreaterThanOrEqual(7 * 60 + 30);
      expect(minuteOfDay(at)).toBeLessThanOrEqual(17 * 60);
    }
  });

  it('sets the due date the procedure duration in working days after receipt, and matches the channel to the procedure', () => {
    const received = byType('dossier.received');
    // Take the counted (latest envelope time) dossier.received of each dossier.
    const counted = new Map<unknown, TthcCloudEvent>();
    for (const e of received) counted.set(e.data.dossierCode, e);
    for (const e of counted.values()) {
      const procedure = FALLBACK_PROCEDURES.find((p) => p.code === e.data.procedureCode);
      expect(procedure).toBeDefined();
      if (procedure === undefined) continue;
      expect(e.data.unitCode).toBe(procedure.unitCode);
      expect(e.data.procedureLevel).toBe(procedure.level);
      expect(e.data.dueDate).toBe(
        weekdays.addWorkingDays(day(e.data.receivedAt), procedure.durationWorkingDays ?? 5),
      );
      if (e.data.channel === 'postal') expect(procedure.postalAllowed).toBe(true);
      if (e.data.channel === 'online') expect(procedure.level).toBeGreaterThanOrEqual(3);
    }
    const channels = new Set([...counted.values()].map((e) => e.data.channel));
    expect(channels).toEqual(new Set(['online', 'direct', 'postal']));
  });

  it('sends corrections as a second dossier.received with a later envelope time', () => {
    const perDossier = new Map<unknown, TthcCloudEvent[]>();
    for (const e of byType('dossier.received')) {
      perDossier.set(e.data.dossierCode, [...(perDossier.get(e.data.dossierCode) ?? []), e]);
    }
    const corrected = [...perDossier.values()].filter((list) => list.length > 1);
    expect(corrected.length).toBeGreaterThan(0);
    for (const [first, second] of corrected) {
      expect(Date.parse(second.time)).toBeGreaterThan(Date.parse(first.time));
      expect(second.data.receivedAt).toBe(first.data.receivedAt);
    }
  });

  it('issues apologies the working day before the due date with a later new due date', () => {
    const apologies = byType('dossier.apology_issued');
    expect(apologies.length).toBeGreaterThan(0);
    const dueOf = new Map<unknown, string>();
    for (const e of [...byType('dossier.received'), ...byType('dossier.supplement_received')]) {
      dueOf.set(e.data.dossierCode, e.data.dueDate as string); // stream is time-sorted: the last one wins
    }
    for (const e of apologies) {
      const due = dueOf.get(e.data.dossierCode) as string;
      expect(day(e.data.issuedAt) < due).toBe(true);
      expect((e.data.newDueDate as string) > due).toBe(true);
    }
  });

  it('returns postal dossiers by post and routes every event to a unit', () => {
    const postal = new Set(
      byType('dossier.received')
        .filter((e) => e.data.channel === 'postal')
        .map((e) => e.data.dossierCode),
    );
    const returns = byType('dossier.returned').filter((e) => postal.has(e.data.dossierCode));
    expect(returns.length).toBeGreaterThan(0);
    for (const e of returns) expect(e.data.returnChannel).toBe('postal');
    const units = eventUnitCodes(stream);
    expect(units.size).toBe(stream.length);
    const feedbackResolved = byType('feedback.resolved')[0];
    const itsReceipt = byType('feedback.received').find(
      (e) => e.data.feedbackId === feedbackResolved.data.feedbackId,
    );
    expect(units.get(feedbackResolved.id)).toBe(itsReceipt?.data.unitCode);
  });

  it('uses the Vietnamese working-day calendar of @cchc/calendar by default', () => {
    const { calendar: _weekdays, ...withoutCalendar } = BASE;
    const cal = defaultCalendar();
    const received = generateEventStream({ ...withoutCalendar, dossiers: 300 }).filter(
      (e) => short(e) === 'dossier.received',
    );
    for (const e of received) {
      const receivedDay = day(e.data.receivedAt);
      // Never on Tết Tân Sửu (10–16/02/2021) nor any other day off.
      expect(cal.isWorkingDay(receivedDay)).toBe(true);
      const procedure = FALLBACK_PROCEDURES.find((p) => p.code === e.data.procedureCode);
      // The counted (last) dossier.received of a dossier carries the true appointment date.
      const last = received.filter((r) => r.data.dossierCode === e.data.dossierCode).at(-1);
      expect(last?.data.dueDate).toBe(cal.addWorkingDays(receivedDay, procedure?.durationWorkingDays ?? 5));
    }
  });

  it('falls back to the built-in catalog where no seed directory is found', () => {
    expect(loadSeedCatalog(tmpdir())).toEqual({
      procedures: FALLBACK_PROCEDURES,
      units: expect.any(Array),
      fromSeed: false,
    });
  });

  it('simulates only procedures whose time limit is in working days', () => {
    const procedures = [
      { code: 'TIMED', name: 'timed', unitCode: 'vp', level: 3, durationWorkingDays: 3, postalAllowed: true },
      { code: 'EXAM', name: 'exam', unitCode: 'vp', level: 3, durationWorkingDays: null },
    ];
    const codes = new Set(
      generateEventStream({ ...BASE, dossiers: 50, procedures })
        .filter((e) => short(e) === 'dossier.received')
        .map((e) => e.data.procedureCode),
    );
    expect(codes).toEqual(new Set(['TIMED']));
  });

  it('produces every kind of event (payments only for fee-bearing procedures)', () => {
    expect(new Set(stream.map(short))).toEqual(
      new Set(Object.keys(REQUIRED).filter((t) => t !== 'dossier.paid')),
    );
  });

  it('produces roughly the requested shares of late dossiers and apology coverage', () => {
    // January: well before the cut-off, so late dossiers have had time to become late.
    const jan = computeReferenceKpis(stream, { ...Q1, to: '2021-01-31' }, CATALOG);
    const janReceived = byType('dossier.received').filter((e) => day(e.data.receivedAt) <= '2021-01-31');
    expect(jan.received.total).toBe(new Set(janReceived.map((e) => e.data.dossierCode)).size);
    const q1 = computeReferenceKpis(stream, Q1, CATALOG);
    expect(q1.received.total).toBe(BASE.dossiers);
    const lateShare = q1.apology.lateDossiers / q1.received.total;
    expect(lateShare).toBeGreaterThan(0.06);
    expect(lateShare).toBeLessThan(0.16);
    expect(q1.apology.coverage).toBeGreaterThan(0.45);
    expect(q1.apology.coverage).toBeLessThan(0.75);
    expect(q1.feedback.received).toBeGreaterThan(0);
    expect(q1.feedback.overdue + q1.feedback.resolved - q1.feedback.resolvedOnTime).toBeGreaterThan(0);
  });

  it('has no late dossier when lateShare and supplementShare are 0, and only late ones when lateShare is 1', () => {
    const none = computeReferenceKpis(
      generateEventStream({ ...BASE, lateShare: 0, supplementShare: 0 }),
      { ...Q1, to: '2021-02-28' },
      CATALOG,
    );
    expect(none.resolved.total).toBeGreaterThan(0);
    expect(none.apology.lateDossiers).toBe(0);
    const all = computeReferenceKpis(
      // Without supplements: a dossier still waiting for one at the cut-off keeps its first due date.
      generateEventStream({ ...BASE, lateShare: 1, withdrawShare: 0, apologyShare: 1, supplementShare: 0 }),
      Q1,
      CATALOG,
    );
    expect(all.resolved.total).toBeGreaterThan(0);
    expect(all.resolved.early + all.resolved.onTime).toBe(0);
    expect(all.apology.coverage).toBe(1);
  });
});

describe(shuffleWithDuplicates.name, () => {
  const stream = generateEventStream({ ...BASE, dossiers: 400 });

  it('keeps every event, adds the requested share of exact duplicates and reorders them deterministically', () => {
    const shuffled = shuffleWithDuplicates(stream, 7, 0.25);
    expect(shuffled).toHaveLength(stream.length + Math.round(stream.length * 0.25));
    expect(new Set(shuffled.map((e) => e.id))).toEqual(new Set(stream.map((e) => e.id)));
    const byId = new Map(stream.map((e) => [e.id, e]));
    for (const e of shuffled) expect(e).toEqual(byId.get(e.id));
    expect(shuffled.map((e) => e.id)).not.toEqual(stream.map((e) => e.id));
    expect(shuffleWithDuplicates(stream, 7, 0.25)).toEqual(shuffled);
    expect(shuffleWithDuplicates([], 7, 0.5)).toEqual([]);
  });

  it('leaves reference KPIs unchanged, and the invariant holds on any window', () => {
    const shuffled = shuffleWithDuplicates(stream, 11, 0.5);
    const windows = [
      Q1,
      { from: '2021-02-01', to: '2021-02-28', window: 'calendar' as const },
      { from: '2020-12-15', to: '2021-03-14', window: 'decree09' as const },
      { from: '2021-02-01', to: '2021-02-28', window: 'calendar' as const, unit: 'vp' },
      { from: '2021-01-01', to: '2021-03-31', window: 'calendar' as const, procedure: 'SIM.002' },
    ];
    for (const query of windows) {
      const expected = computeReferenceKpis(stream, query, CATALOG);
      expect(computeReferenceKpis(shuffled, query, CATALOG)).toEqual(expected);
      expect(expected.received.total).toBe(
        expected.resolved.total + expected.pending.total + expected.withdrawn,
      );
    }
    // February has dossiers carried over from January.
    expect(computeReferenceKpis(stream, windows[1], CATALOG).received.carriedOver).toBeGreaterThan(0);
  });
});

describe('generateEventStream, revision 2 cases', () => {
  const procedures = FALLBACK_PROCEDURES.map((p, i) => ({ ...p, feeBearing: i % 2 === 0 }));
  const stream = generateEventStream({
    from: '2021-01-01',
    to: '2021-06-30',
    seed: 9,
    dossiers: 2000,
    procedures,
  });
  const of = (type: string) => stream.filter((e) => short(e) === type);

  it('emits second and late supplement requests, late letters, holiday due dates, payments and ratings', () => {
    const requests = of('dossier.supplement_requested');
    const perDossier = new Map<unknown, number>();
    for (const e of requests)
      perDossier.set(e.data.dossierCode, (perDossier.get(e.data.dossierCode) ?? 0) + 1);
    expect([...perDossier.values()].filter((n) => n >= 2).length).toBeGreaterThan(3);
    const received = new Map(
      of('dossier.received').map((e) => [e.data.dossierCode, e.data.dueDate as string]),
    );
    expect(
      requests.filter((e) => day(e.data.requestedAt) > (received.get(e.data.dossierCode) ?? '9')).length,
    ).toBeGreaterThan(3);
    expect([...received.values()].filter((d) => !isWeekday(d)).length).toBeGreaterThan(5);
    expect(of('dossier.paid').length).toBeGreaterThan(100);
    expect(of('dossier.rated').length).toBeGreaterThan(100);
    expect(of('dossier.resolved').some((e) => e.data.eResult === true)).toBe(true);
    expect(of('dossier.received').some((e) => e.data.digitized === true)).toBe(true);
  });

  it('writes some timestamps in UTC, some of them around local midnight', () => {
    const utc = of('dossier.received').filter((e) => String(e.data.receivedAt).endsWith('Z'));
    expect(utc.length).toBeGreaterThan(50);
    expect(utc.some((e) => /T1[67]:/.test(String(e.data.receivedAt)))).toBe(true);
  });

  it('stays valid against the event contract', () => {
    expect(stream.filter((e) => !validateTthcEvent(e).ok)).toEqual([]);
  });
});
