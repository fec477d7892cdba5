// Calendar dates as 'YYYY-MM-DD' strings, computed with integer day numbers (proleptic Gregorian,
// days since 1970-01-01). No Date objects: a Date carries an instant, and converting it back to a
// day depends on the process time zone, which is how off-by-one-day bugs creep in.
import { CalendarError, CalendarErrorCode } from './calendar.errors';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

// RFC 3339 / ISO 8601 extended timestamps with a mandatory offset: 2021-03-31T20:00:00Z,
// 2021-04-01T03:00:00.123+07:00, 2021-04-01 03:00+0700. Seconds and fractions are optional.
const ISO_TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)$/;

// Asia/Ho_Chi_Minh has been UTC+7 without daylight saving since 1975, so a fixed offset is exact
// for every date this system handles.
const VIETNAM_OFFSET_MINUTES = 7 * 60;
const MINUTES_PER_DAY = 24 * 60;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isRealDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * Whether `value` is a real calendar date written `YYYY-MM-DD` (years 0000–9999).
 *
 * @example isIsoDate('2024-02-29') === true; isIsoDate('2021-02-29') === false
 */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  return match !== null && isRealDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

// Days from 1970-01-01 to the given civil date (H. Hinnant's days_from_civil).
function dayNumberOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthFromMarch = (month + 9) % 12;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** Parses a `YYYY-MM-DD` date to its day number; throws {@link CalendarError} if it is not real. */
export function toDayNumber(date: string, what = 'date'): number {
  if (!isIsoDate(date)) {
    throw new CalendarError(
      CalendarErrorCode.InvalidDate,
      `Invalid ${what} ${JSON.stringify(date)}: expected a real calendar date written YYYY-MM-DD`,
    );
  }
  return dayNumberOf(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

/** The `YYYY-MM-DD` date of a day number (H. Hinnant's civil_from_days). */
export function fromDayNumber(dayNumber: number): string {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return formatIsoDate(year, month, day);
}

export function formatIsoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(dayNumber: number): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

/**
 * The date `days` calendar days after `date` (before it when negative).
 *
 * @example addCalendarDays('2024-02-28', 1) === '2024-02-29'
 * @throws {@link CalendarError} `invalid_date` if `date` is not a real `YYYY-MM-DD` date.
 */
export function addCalendarDays(date: string, days: number): string {
  if (!Number.isSafeInteger(days)) {
    throw new CalendarError(
      CalendarErrorCode.InvalidCount,
      `Invalid day count ${String(days)}: expected an integer`,
    );
  }
  return fromDayNumber(toDayNumber(date) + days);
}

/**
 * The calendar day in Asia/Ho_Chi_Minh (UTC+7, no daylight saving) of an ISO 8601 timestamp.
 * The timestamp must carry its offset (`Z`, `+07:00`, `-0500`…): a bare local time is ambiguous.
 *
 * @example localDate('2021-03-31T20:00:00Z') === '2021-04-01'
 * @throws {@link CalendarError} `invalid_timestamp` if `isoTimestamp` is malformed, has no offset,
 *   or names a time that does not exist (2021-02-30, 25:00).
 */
export function localDate(isoTimestamp: string): string {
  const match = typeof isoTimestamp === 'string' ? ISO_TIMESTAMP.exec(isoTimestamp) : null;
  const invalid = (): CalendarError =>
    new CalendarError(
      CalendarErrorCode.InvalidTimestamp,
      `Invalid timestamp ${JSON.stringify(isoTimestamp)}: expected ISO 8601 with a UTC offset, ` +
        `e.g. 2021-03-31T20:00:00Z or 2021-04-01T03:00:00+07:00`,
    );
  if (match === null) throw invalid();
  const [, y, mo, d, h, mi, s, zulu, sign, offH, offM] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  // 60 is allowed for a leap second (RFC 3339 §5.6); it never changes the day.
  const second = s === undefined ? 0 : Number(s);
  const offsetHours = offH === undefined ? 0 : Number(offH);
  const offsetMinutes = offM === undefined ? 0 : Number(offM);
  if (
    !isRealDate(year, month, day) ||
    hour > 23 ||
    minute > 59 ||
    second > 60 ||
    offsetHours > 23 ||
    offsetMinutes > 59
  ) {
    throw invalid();
  }
  const offset = zulu !== undefined ? 0 : (sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
  const utcMinutes = dayNumberOf(year, month, day) * MINUTES_PER_DAY + hour * 60 + minute - offset;
  return fromDayNumber(Math.floor((utcMinutes + VIETNAM_OFFSET_MINUTES) / MINUTES_PER_DAY));
}
