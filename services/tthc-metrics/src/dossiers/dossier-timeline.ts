// The period-dependent facts of architecture.md §5 revision 2, precomputed from a dossier's events
// so that one SQL scan can judge the dossier at any cut-off `to`:
// - the due date in force at a moment (Decree 61/2018 Art. 19.4: the time limit restarts when the
//   complete dossier is received) as a step function of the date;
// - the first date from which the dossier is "late by supplementation" (QĐ 766: a second request,
//   or a request after the due date in force at it; monotonic in `to`);
// - the dates on which it is "awaiting supplement" (the clock is stopped), as date ranges;
// - whether its first apology letter was in time (Decree 61/2018 Art. 19.9: at the latest the last
//   working day before the due date in force when it was written).
import { addCalendarDays, localDate } from '@cchc/calendar';

/** What the projection needs of the working calendar. */
export interface WorkingDays {
  covers(date: string): boolean;
  isWorkingDay(date: string): boolean;
}

/** Monday to Friday: the rule outside the calendar's years (where an anomaly is also recorded). */
export function isWeekday(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day !== 0 && day !== 6;
}

/** The calendar's answer where it covers the date, Monday to Friday elsewhere. */
export function isEffectiveWorkingDay(calendar: WorkingDays, date: string): boolean {
  return calendar.covers(date) ? calendar.isWorkingDay(date) : isWeekday(date);
}

/** The last working day strictly before `date`. */
export function lastWorkingDayBefore(calendar: WorkingDays, date: string): string {
  let day = addCalendarDays(date, -1);
  while (!isEffectiveWorkingDay(calendar, day)) day = addCalendarDays(day, -1);
  return day;
}

/** The `n`-th working day after `date` (`date` not counted: Civil Code Art. 147). */
export function addEffectiveWorkingDays(calendar: WorkingDays, date: string, n: number): string {
  // Memoised per calendar object (the calendar in force is rebuilt, never changed in place): every
  // batch checks every touched dossier's due dates, and receipt dates and durations repeat.
  let memo = workingDaysAfter.get(calendar);
  if (memo === undefined) workingDaysAfter.set(calendar, (memo = new Map<string, string>()));
  const key = `${date}+${n}`;
  const known = memo.get(key);
  if (known !== undefined) return known;
  let day = date;
  for (let i = 0; i < n;) {
    day = addCalendarDays(day, 1);
    if (isEffectiveWorkingDay(calendar, day)) i++;
  }
  if (memo.size >= 20_000) memo.clear();
  memo.set(key, day);
  return day;
}

const workingDaysAfter = new WeakMap<WorkingDays, Map<string, string>>();

/** A dated event of the dossier: id, instant (ms) and local date. */
export interface Stamp {
  id: string;
  at: number;
  date: string;
}
export interface Receipt extends Stamp {
  dueDate: string;
}

export function stamp(id: string, timestamp: string): Stamp {
  return { id, at: Date.parse(timestamp), date: localDate(timestamp) };
}

/** Ascending by instant, ties by id: the last element is the "latest" of §5. */
export function chronological<T extends Stamp>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** §5: the dueDate of the supplement_received with the latest receivedAt not after `at`. */
export function dueDateAt(originalDue: string, receipts: readonly Receipt[], at: number): string {
  let due = originalDue;
  for (const r of chronological(receipts)) if (r.at <= at) due = r.dueDate;
  return due;
}

export interface SupplementTimeline {
  /** The receipts' (local date, new due date), chronological: the due date in force at the end of
   * day `to` is the last entry dated ≤ to, else the dossier.received's. */
  dueChanges: Array<{ date: string; dueDate: string }>;
  /** First `to` from which the dossier is late by supplementation; null when never. */
  lateBySupplementFrom: string | null;
  /** Half-open date ranges [start, end) of cut-offs at which it awaits a supplement; end null = open. */
  awaitingRanges: Array<{ start: string; end: string | null }>;
}

export function supplementTimeline(
  originalDue: string,
  requests: readonly Stamp[],
  receipts: readonly Receipt[],
): SupplementTimeline {
  const reqs = chronological(requests);
  const recs = chronological(receipts);

  // Two requests dated ≤ to from the second one's date; a request after the due date in force at
  // it from its own date. Both conditions only grow with `to`, so the earliest date says it all.
  const candidates: string[] = [];
  const dates = reqs.map((r) => r.date).sort();
  if (dates.length >= 2) candidates.push(dates[1]);
  for (const r of reqs) if (r.date > dueDateAt(originalDue, recs, r.at)) candidates.push(r.date);
  const lateBySupplementFrom = candidates.length === 0 ? null : candidates.sort()[0];

  // At `to`, the latest request dated ≤ to governs until the next request's date; it is answered
  // from the date of the first receipt at or after it.
  const awaitingRanges: SupplementTimeline['awaitingRanges'] = [];
  reqs.forEach((r, i) => {
    const next = reqs[i + 1]?.date ?? null;
    const answered = recs.find((x) => x.at >= r.at)?.date ?? null;
    const ends = [next, answered].filter((d): d is string => d !== null).sort();
    const end = ends[0] ?? null;
    if (end === null || end > r.date) awaitingRanges.push({ start: r.date, end });
  });

  return {
    dueChanges: recs.map((r) => ({ date: r.date, dueDate: r.dueDate })),
    lateBySupplementFrom,
    awaitingRanges,
  };
}

/** PostgreSQL datemultirange literal of the awaiting ranges (`{}` when none). */
export function multirangeLiteral(ranges: SupplementTimeline['awaitingRanges']): string {
  return `{${ranges.map((r) => `[${r.start},${r.end ?? ''})`).join(',')}}`;
}
