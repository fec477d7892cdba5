// The working-day calendar of a Vietnamese state agency, built from editable holiday data
// (domain.md §2 and §9.16). Deadlines count working days, so one wrong holiday shifts every due
// date around it: entries are validated strictly, and a date outside the years the data covers
// is refused rather than silently counted as an ordinary weekday.
import { CalendarError, CalendarErrorCode } from './calendar.errors';
import {
  type CalendarEntry,
  type CalendarEntryKind,
  checkEntry,
  checkYear,
  invalidEntry,
  isWeekend,
} from './calendar-entries';
import { formatIsoDate, fromDayNumber, isIsoDate, toDayNumber } from './iso-date';

/** Options of {@link WorkingCalendar.fromEntries}. */
export interface WorkingCalendarOptions {
  /** First year the entries are complete for; defaults to the earliest entry's year. */
  firstYear?: number;
  /** Last year the entries are complete for; defaults to the latest entry's year. */
  lastYear?: number;
}

const OFF_KINDS: ReadonlySet<CalendarEntryKind> = new Set(['holiday', 'compensatory', 'swap_off']);

/**
 * A state agency's working days: Monday to Friday, minus holidays, compensatory days and swapped
 * days off, plus make-up Saturdays. Immutable; build one with {@link WorkingCalendar.fromEntries}
 * or use {@link defaultCalendar}. Every date is a `YYYY-MM-DD` string, and every method refuses
 * dates outside the years `firstYear`–`lastYear` that the holiday data covers.
 */
export class WorkingCalendar {
  /** First year the calendar has holiday data for. */
  readonly firstYear: number;
  /** Last year the calendar has holiday data for. */
  readonly lastYear: number;

  private readonly entries: readonly Readonly<CalendarEntry>[];
  private readonly startDay: number;
  private readonly endDay: number;
  // workingBefore[i] = working days in [startDay, startDay + i): counts and searches in O(1)/O(log n).
  private readonly workingBefore: Int32Array;

  private constructor(entries: readonly Readonly<CalendarEntry>[], firstYear: number, lastYear: number) {
    this.entries = entries;
    this.firstYear = firstYear;
    this.lastYear = lastYear;
    this.startDay = toDayNumber(formatIsoDate(firstYear, 1, 1));
    this.endDay = toDayNumber(formatIsoDate(lastYear, 12, 31));
    const kinds = new Map(entries.map((entry) => [toDayNumber(entry.date), entry.kind]));
    const length = this.endDay - this.startDay + 1;
    this.workingBefore = new Int32Array(length + 1);
    for (let i = 0; i < length; i++) {
      const day = this.startDay + i;
      const kind = kinds.get(day);
      const working = kind === undefined ? !isWeekend(day) : !OFF_KINDS.has(kind);
      this.workingBefore[i + 1] = this.workingBefore[i] + (working ? 1 : 0);
    }
  }

  /**
   * Builds a calendar from holiday entries, e.g. ones an admin edited. Entries are validated and
   * copied: at most one entry per date; `compensatory` and `swap_off` days must be weekdays and
   * `makeup_workday` days weekends.
   *
   * @param options the years the entries are complete for (default: the years they span).
   * @throws {@link CalendarError} `invalid_entry` naming the first bad entry.
   */
  static fromEntries(
    entries: readonly CalendarEntry[],
    options: WorkingCalendarOptions = {},
  ): WorkingCalendar {
    if (!Array.isArray(entries)) {
      throw new CalendarError(CalendarErrorCode.InvalidEntry, 'Invalid calendar entries: expected an array');
    }
    const checked = entries.map((entry, index) => checkEntry(entry, index));
    const seen = new Map<string, number>();
    checked.forEach((entry, index) => {
      const previous = seen.get(entry.date);
      if (previous !== undefined) {
        throw invalidEntry(index, entry, `the same date as entries[${previous}]; keep one entry per date`);
      }
      seen.set(entry.date, index);
    });
    const sorted = Object.freeze(
      [...checked].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
    );
    const years = sorted.map((entry) => Number(entry.date.slice(0, 4)));
    if (years.length === 0 && (options.firstYear === undefined || options.lastYear === undefined)) {
      throw new CalendarError(
        CalendarErrorCode.InvalidEntry,
        'Invalid calendar: with no entries, give firstYear and lastYear to say which years it covers',
      );
    }
    const firstYear = checkYear(options.firstYear ?? years[0], 'firstYear');
    const lastYear = checkYear(options.lastYear ?? years[years.length - 1], 'lastYear');
    if (firstYear > lastYear) {
      throw new CalendarError(
        CalendarErrorCode.InvalidEntry,
        `Invalid calendar years: firstYear ${firstYear} is after lastYear ${lastYear}`,
      );
    }
    const outside = sorted.find((entry) => {
      const year = Number(entry.date.slice(0, 4));
      return year < firstYear || year > lastYear;
    });
    if (outside !== undefined) {
      throw new CalendarError(
        CalendarErrorCode.InvalidEntry,
        `Invalid calendar entry (${outside.date}): outside the calendar's years ${firstYear}–${lastYear}`,
      );
    }
    return new WorkingCalendar(sorted, firstYear, lastYear);
  }

  /** The entries, sorted by date, as fresh copies (for editing and `fromEntries` again). */
  toEntries(): CalendarEntry[] {
    return this.entries.map((entry) => ({ ...entry }));
  }

  /** Whether `date` is a real date within the years the calendar has holiday data for. */
  covers(date: string): boolean {
    if (!isIsoDate(date)) return false;
    const day = toDayNumber(date);
    return day >= this.startDay && day <= this.endDay;
  }

  /**
   * Whether the agency works on `date`.
   *
   * @example defaultCalendar().isWorkingDay('2021-02-12') === false // mùng 1 Tết Tân Sửu
   * @throws {@link CalendarError} `invalid_date` or `out_of_range`.
   */
  isWorkingDay(date: string): boolean {
    const index = this.indexOf(date, 'date');
    return this.workingBefore[index + 1] > this.workingBefore[index];
  }

  /**
   * The `n`-th working day after `date`, `date` itself not counted (Civil Code 91/2015 Art. 147:
   * a time limit starts the day after the event), so this is the due date of an `n`-working-day
   * procedure received on `date`. `date` may itself be a day off. Negative `n` counts back: the
   * `|n|`-th working day before `date`. `n = 0` returns `date` unchanged.
   *
   * @example addWorkingDays('2021-01-04', 1) === '2021-01-05'
   * @throws {@link CalendarError} `invalid_date`, or `out_of_range` when `date` or the result
   *   falls outside the calendar's years.
   */
  addWorkingDays(date: string, n: number): string {
    const index = this.indexOf(date, 'date');
    if (!Number.isSafeInteger(n)) {
      throw new CalendarError(
        CalendarErrorCode.InvalidCount,
        `Invalid working-day count ${String(n)}: expected an integer`,
      );
    }
    if (n === 0) return date;
    // The first day j whose running count workingBefore[j + 1] reaches the target is a working day.
    const target = n > 0 ? this.workingBefore[index + 1] + n : this.workingBefore[index] + n + 1;
    const total = this.workingBefore[this.workingBefore.length - 1];
    if (target < 1 || target > total) {
      const edge = n > 0 ? `after ${fromDayNumber(this.endDay)}` : `before ${fromDayNumber(this.startDay)}`;
      throw new CalendarError(
        CalendarErrorCode.OutOfRange,
        `Cannot add ${n} working days to ${date}: the result falls ${edge}, beyond the calendar's ` +
          `holiday data (${this.firstYear}–${this.lastYear}); add the next year's holidays first`,
      );
    }
    let low = 0;
    let high = this.workingBefore.length - 2;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.workingBefore[mid + 1] >= target) high = mid;
      else low = mid + 1;
    }
    return fromDayNumber(this.startDay + low);
  }

  /**
   * Working days in the interval (`from`, `to`]: `from` not counted, `to` counted, the same
   * convention as {@link WorkingCalendar.addWorkingDays}, so that
   * `workingDaysBetween(d, addWorkingDays(d, n)) === n`. Negative when `to` is before `from`.
   *
   * @throws {@link CalendarError} `invalid_date` or `out_of_range`.
   */
  workingDaysBetween(from: string, to: string): number {
    const a = this.indexOf(from, 'from');
    const b = this.indexOf(to, 'to');
    return this.workingBefore[b + 1] - this.workingBefore[a + 1];
  }

  /**
   * The first working day strictly after `date`, e.g. where a paper dossier received after 15:00
   * goes next (Decree 61/2018 Art. 18). Same as `addWorkingDays(date, 1)`.
   */
  nextWorkingDay(date: string): string {
    return this.addWorkingDays(date, 1);
  }

  /**
   * `date` itself if it is a working day, else the next working day: a time limit ending on a
   * weekend or holiday ends on the next working day (Civil Code 91/2015 Art. 148).
   */
  workingDayOnOrAfter(date: string): string {
    return this.isWorkingDay(date) ? date : this.addWorkingDays(date, 1);
  }

  /**
   * The entries dated in `year`, sorted by date: holidays, compensatory days, swapped days off and
   * make-up working days (see each entry's `kind`).
   *
   * @throws {@link CalendarError} `out_of_range` for a year the calendar does not cover.
   */
  holidaysIn(year: number): CalendarEntry[] {
    if (!Number.isInteger(year) || year < this.firstYear || year > this.lastYear) {
      throw new CalendarError(
        CalendarErrorCode.OutOfRange,
        `No holiday data for year ${String(year)}: the calendar covers ${this.firstYear}–${this.lastYear}`,
      );
    }
    const prefix = `${String(year).padStart(4, '0')}-`;
    return this.entries.filter((entry) => entry.date.startsWith(prefix)).map((entry) => ({ ...entry }));
  }

  private indexOf(date: string, what: string): number {
    const day = toDayNumber(date, what);
    if (day < this.startDay || day > this.endDay) {
      throw new CalendarError(
        CalendarErrorCode.OutOfRange,
        `${what} ${date} is outside the calendar's holiday data (${this.firstYear}–${this.lastYear}); ` +
          'add that year to the calendar first',
      );
    }
    return day - this.startDay;
  }
}
