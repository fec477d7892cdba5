// The dossier model of the independent reference, written from architecture.md §5 (revision 2):
// one record per dossier with its dated events, and the period-dependent judgements of the contract
// (due date in force at a moment, awaiting supplement, late by supplementation, anomalies).
import {
  earliestBy,
  groupBy,
  latestBy,
  localHour,
  shiftDate,
  type DossierRecord,
  type Parsed,
} from './reference-events';

/** One catalog entry as PUT to the service (architecture.md §5b, revision 2). */
export interface ReferenceCatalogEntry {
  code: string;
  unitCode: string;
  level: number;
  durationWorkingDays?: number | null;
  onlineService?: 'none' | 'partial' | 'full' | null;
  paperResultRequired?: boolean | null;
  feeBearing?: boolean | null;
  validFrom?: string | null;
}

/** What the reference needs of the working calendar (pass the service's shipped calendar). */
export interface ReferenceCalendar {
  covers(date: string): boolean;
  isWorkingDay(date: string): boolean;
}

/** Monday to Friday, everywhere: the default when a test does not care about holidays. */
export const WEEKDAY_CALENDAR: ReferenceCalendar = {
  covers: () => true,
  isWorkingDay: (date) => {
    const day = new Date(`${date}T00:00:00Z`).getUTCDay();
    return day !== 0 && day !== 6;
  },
};

interface Stamp {
  id: string;
  at: number;
  date: string;
}

export interface ReferenceDossier {
  code: string;
  unitCode: string;
  procedureCode: string;
  channel: string;
  receivedAt: number;
  receivedDate: string;
  /** The due date of the counted dossier.received (Mẫu 01). */
  dueDate: string;
  digitized: boolean;
  reusedData: boolean;
  requests: Stamp[];
  receipts: Array<Stamp & { dueDate: string }>;
  apologies: Stamp[];
  end: (Stamp & { kind: 'resolved' | 'withdrawn'; eResult: boolean }) | null;
  postalReturnDates: string[];
  paidOnlineDates: string[];
  dissatisfiedDates: string[];
  anomalies: Set<string>;
}

/** The catalog version of `code` in force on `date` (the latest `validFrom` ≤ date; none = always). */
export function versionAt(
  catalog: ReferenceCatalogEntry[],
  code: string,
  date: string,
): ReferenceCatalogEntry | undefined {
  const inForce = catalog.filter((p) => p.code === code && (p.validFrom ?? '0000-00-00') <= date);
  if (inForce.length === 0) return undefined;
  return inForce.reduce((a, b) => ((b.validFrom ?? '') > (a.validFrom ?? '') ? b : a));
}

/** §5: the dueDate of the supplement_received with the latest receivedAt not after `at`. */
export function dueDateAt(d: ReferenceDossier, at: number): string {
  const before = d.receipts.filter((r) => r.at <= at);
  return before.length === 0 ? d.dueDate : latestBy(before, (r) => r.at).dueDate;
}

/** The due date in force at the end of the local day `date` (every receipt dated ≤ date). */
export function dueDateOn(d: ReferenceDossier, date: string): string {
  const before = d.receipts.filter((r) => r.date <= date);
  return before.length === 0 ? d.dueDate : latestBy(before, (r) => r.at).dueDate;
}

/** §5 rev. 2: two or more requests dated ≤ to, or one dated after the due date in force at it. */
export function lateBySupplementation(d: ReferenceDossier, to: string): boolean {
  const requests = d.requests.filter((r) => r.date <= to);
  return requests.length >= 2 || requests.some((r) => r.date > dueDateAt(d, r.at));
}

/** §5 rev. 2: the latest request dated ≤ to has no receipt at or after it dated ≤ to. */
export function awaitingSupplement(d: ReferenceDossier, to: string): boolean {
  const requests = d.requests.filter((r) => r.date <= to);
  if (requests.length === 0) return false;
  const last = latestBy(requests, (r) => r.at);
  return !d.receipts.some((r) => r.at >= last.at && r.date <= to);
}

/** The calendar's answer where it covers the date, Monday to Friday elsewhere. */
function workingDay(calendar: ReferenceCalendar, date: string): boolean {
  return calendar.covers(date) ? calendar.isWorkingDay(date) : WEEKDAY_CALENDAR.isWorkingDay(date);
}

/** The last working day strictly before `date`. */
export function lastWorkingDayBefore(calendar: ReferenceCalendar, date: string): string {
  let day = shiftDate(date, -1);
  while (!workingDay(calendar, day)) day = shiftDate(day, -1);
  return day;
}

function addWorkingDays(calendar: ReferenceCalendar, date: string, n: number): string {
  let day = date;
  for (let i = 0; i < n;) {
    day = shiftDate(day, 1);
    if (workingDay(calendar, day)) i++;
  }
  return day;
}

/** Dossiers that have their dossier.received (the others wait), by code. */
export function assembleDossiers(
  parsed: Parsed[],
  catalog: ReferenceCatalogEntry[],
  calendar: ReferenceCalendar,
): Map<string, ReferenceDossier> {
  const dossierRecords = parsed.filter(
    (p): p is DossierRecord => p.kind !== 'feedbackReceived' && p.kind !== 'feedbackResolved',
  );
  const dossiers = new Map<string, ReferenceDossier>();
  for (const [code, mine] of groupBy(dossierRecords, (p) => p.dossierCode)) {
    const receivedEvents = mine.flatMap((p) => (p.kind === 'received' ? [p] : []));
    if (receivedEvents.length === 0) continue;
    // A correction is a second dossier.received with a later envelope time.
    const counted = latestBy(receivedEvents, (r) => r.time);
    const ends = mine.flatMap((p) => (p.kind === 'resolved' || p.kind === 'withdrawn' ? [p] : []));
    const end = ends.length > 0 ? earliestBy(ends, (x) => x.at) : null;
    const d: ReferenceDossier = {
      code,
      unitCode: counted.unitCode,
      procedureCode: counted.procedureCode,
      channel: counted.channel,
      receivedAt: counted.at,
      receivedDate: counted.date,
      dueDate: counted.dueDate,
      digitized: counted.digitized,
      reusedData: counted.reusedData,
      requests: mine.flatMap((p) => (p.kind === 'supplementRequested' ? [p] : [])),
      receipts: mine.flatMap((p) => (p.kind === 'supplementReceived' ? [p] : [])),
      apologies: mine.flatMap((p) => (p.kind === 'apology' ? [p] : [])),
      end:
        end === null
          ? null
          : { ...end, kind: end.kind, eResult: end.kind === 'resolved' ? end.eResult : false },
      postalReturnDates: mine.flatMap((p) =>
        p.kind === 'returned' && p.returnChannel === 'postal' ? [p.date] : [],
      ),
      paidOnlineDates: mine.flatMap((p) => (p.kind === 'paid' && p.channel === 'online' ? [p.date] : [])),
      dissatisfiedDates: mine.flatMap((p) =>
        p.kind === 'rated' && p.rating === 'dissatisfied' ? [p.date] : [],
      ),
      anomalies: new Set(),
    };

    // Anomalies (GET /api/v1/tthc/dossiers/anomalies): reported, never corrected.
    const a = d.anomalies;
    const dueDates = [d.dueDate, ...d.receipts.map((r) => r.dueDate)];
    for (const due of dueDates) {
      if (calendar.covers(due) && !calendar.isWorkingDay(due)) a.add('due-date-not-working-day');
    }
    if (![d.receivedDate, ...dueDates].every((x) => calendar.covers(x))) a.add('date-outside-calendar');
    const duration = versionAt(catalog, d.procedureCode, d.receivedDate)?.durationWorkingDays;
    if (duration !== undefined && duration !== null) {
      // Civil Code Art. 147: the day of receipt is not counted; after 15:00 the dossier is handed
      // over the next working day (Decree 61/2018 Art. 18).
      const starts = [{ at: d.receivedAt, date: d.receivedDate, dueDate: d.dueDate }, ...d.receipts];
      for (const s of starts) {
        const limit = addWorkingDays(calendar, s.date, duration + (localHour(s.at) >= 15 ? 1 : 0));
        if (s.dueDate > limit) a.add('due-date-beyond-duration');
      }
    }
    if (d.apologies.length > 1) a.add('apology-repeated');
    if (d.apologies.some((x) => x.date > dueDateAt(d, x.at))) a.add('apology-after-due-date');
    if (d.requests.length > 1) a.add('supplement-requested-repeatedly');
    if (ends.some((x) => x.at < d.receivedAt)) a.add('end-before-receipt');
    if (ends.length > 1) a.add('end-repeated');
    dossiers.set(code, d);
  }
  return dossiers;
}

export type DossierBucket = 'early' | 'onTime' | 'late' | 'withdrawn' | 'withinTime' | 'awaiting' | 'overdue';

/**
 * Where §5 puts a dossier for the period [from, to], or null when it is out of scope (received
 * after `to`, or ended before `from`).
 */
export function bucketOf(d: ReferenceDossier, from: string, to: string): DossierBucket | null {
  if (d.receivedDate > to || (d.end !== null && d.end.date < from)) return null;
  const supplementLate = lateBySupplementation(d, to);
  if (d.end !== null && d.end.date <= to) {
    if (d.end.kind === 'withdrawn') return 'withdrawn';
    const due = dueDateAt(d, d.end.at);
    if (d.end.date > due || supplementLate) return 'late';
    return d.end.date < due ? 'early' : 'onTime';
  }
  const awaiting = awaitingSupplement(d, to);
  if (supplementLate || (!awaiting && to > dueDateOn(d, to))) return 'overdue';
  return awaiting ? 'awaiting' : 'withinTime';
}
