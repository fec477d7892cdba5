import type { Timeframe } from '@cchc/contracts';

// Reads the plan's "Thời gian thực hiện" column. The text is kept verbatim; start/end are ISO dates
// (inclusive) where the text gives them. Choices:
// - "Tháng 12/2020" (a single month) is `months` over that month, not `date`: the plan names a month,
//   and `date` is kept for texts that name a day ("15/3/2021", "Trước ngày 15/3/2021").
// - "Thường xuyên" (ongoing) is `recurring` over the plan year: an annual plan's ongoing task is
//   due by the year's end, so it can become overdue if never completed.
// - Texts tied to another body's act or schedule ("Quyết định ... của Bộ GDĐT", "Theo Kế hoạch của
//   UBND tỉnh", "Cùng thời gian sơ kết học kỳ I ...") give no date: `event` with null dates. So does
//   any other text this parser does not recognise, since a free-text timeframe has no dates to give.
// A text that looks like a date but cannot be one ("Tháng 13", an end before its start) throws a
// RangeError, so an import can reject it instead of storing a wrong range.

const ROMAN_QUARTERS: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

// "Quý I", "Quý II/2021", "Quý 3 năm 2021"
const QUARTER = /^quý\s+(iv|i{1,3}|[1-4])(?:\s*(?:\/|năm)\s*(\d{4}))?$/u;
// "Tháng 01- Tháng 12", "Tháng 1- tháng 12", "Tháng 01- 02/2021", "Tháng 11/2020 - tháng 2/2021"
const MONTH_RANGE =
  /^tháng\s*(\d{1,2})(?:\s*\/\s*(\d{4}))?\s*(?:[-–]|đến)\s*(?:tháng\s*)?(\d{1,2})(?:\s*\/\s*(\d{4}))?$/u;
// "Tháng 12/2020", "Tháng 3"
const SINGLE_MONTH = /^tháng\s*(\d{1,2})(?:\s*(?:\/|năm)\s*(\d{4}))?$/u;
// "15/3/2021", "ngày 15/3/2021", "Trước ngày 15/03/2021"
const DAY = /^(trước\s+)?(?:ngày\s*)?(\d{1,2})\s*\/\s*(\d{1,2})\s*\/\s*(\d{4})$/u;
const RECURRING = /^(thường xuyên|hằng năm|hàng năm)$/u;

export function parseTimeframe(text: string, year: number): Timeframe {
  if (!Number.isInteger(year) || year < 1900 || year > 9999) {
    throw new RangeError(`plan year ${year} is not a calendar year`);
  }
  // Match on a normalised copy; `text` itself is returned untouched.
  const normalised = text.normalize('NFC').trim().replace(/\s+/gu, ' ').toLocaleLowerCase('vi');

  const quarter = QUARTER.exec(normalised);
  if (quarter) {
    const q = ROMAN_QUARTERS[quarter[1]];
    const y = optionalYear(quarter[2], text) ?? year;
    return { text, kind: 'quarter', start: firstDay(y, q * 3 - 2), end: lastDay(y, q * 3) };
  }

  const range = MONTH_RANGE.exec(normalised);
  if (range) {
    const [, fromMonth, fromYear, toMonth, toYear] = range;
    // A year written once ("Tháng 01- 02/2021") applies to both ends.
    const endYear = optionalYear(toYear ?? fromYear, text) ?? year;
    const startYear = optionalYear(fromYear ?? toYear, text) ?? year;
    const start = firstDay(startYear, month(fromMonth, text));
    const end = lastDay(endYear, month(toMonth, text));
    if (start > end) throw new RangeError(`timeframe "${text}" ends before it starts`);
    return { text, kind: 'months', start, end };
  }

  const single = SINGLE_MONTH.exec(normalised);
  if (single) {
    const y = optionalYear(single[2], text) ?? year;
    const m = month(single[1], text);
    return { text, kind: 'months', start: firstDay(y, m), end: lastDay(y, m) };
  }

  const day = DAY.exec(normalised);
  if (day) {
    const [, before, d, m, y] = day;
    const date = isoDay(calendarYear(y, text), month(m, text), Number(d), text);
    // "Trước ngày X" is a deadline with no stated start.
    return { text, kind: 'date', start: before ? null : date, end: date };
  }

  if (RECURRING.test(normalised)) {
    return { text, kind: 'recurring', start: firstDay(year, 1), end: lastDay(year, 12) };
  }

  return { text, kind: 'event', start: null, end: null };
}

// Optional regex groups that did not take part in the match are undefined at runtime.
function optionalYear(value: string | undefined, text: string): number | undefined {
  return value === undefined ? undefined : calendarYear(value, text);
}

function calendarYear(value: string, text: string): number {
  const y = Number(value);
  // Date.UTC maps years below 100 to the 1900s; no plan predates the 20th century anyway.
  if (y < 1900) throw new RangeError(`timeframe "${text}" names year ${value}`);
  return y;
}

function month(value: string, text: string): number {
  const m = Number(value);
  if (m < 1 || m > 12) throw new RangeError(`timeframe "${text}" names month ${value}`);
  return m;
}

function firstDay(year: number, month: number): string {
  return isoDate(year, month, 1);
}

function lastDay(year: number, month: number): string {
  return isoDate(year, month, daysInMonth(year, month));
}

function isoDay(year: number, month: number, day: number, text: string): string {
  if (day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`timeframe "${text}" names a day that does not exist`);
  }
  return isoDate(year, month, day);
}

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
