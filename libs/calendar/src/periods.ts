// Reporting periods (architecture.md §5, domain.md §5). Two windows: `calendar` (calendar months,
// used by the 766 portal and one-stop systems) and `decree09`, the data cut-off of Decree
// 09/2019/NĐ-CP Art. 12 as provinces apply it: from the 15th of the month before the period to
// the 14th of its last month.
import { PeriodError, PeriodErrorCode } from './calendar.errors';
import { daysInMonth, formatIsoDate, isIsoDate } from './iso-date';

/** How a period maps to days: calendar months, or the Decree 09/2019 cut-off (15th → 14th). */
export type PeriodWindow = 'calendar' | 'decree09';

/** Every {@link PeriodWindow}, for validating input. */
export const PERIOD_WINDOWS: readonly PeriodWindow[] = Object.freeze(['calendar', 'decree09']);

/** A reporting period resolved to its first and last day (both inclusive). */
export interface ReportingPeriod {
  /** First day, `YYYY-MM-DD`. */
  from: string;
  /** Last day, `YYYY-MM-DD`, inclusive. */
  to: string;
  window: PeriodWindow;
  /** Vietnamese label for reports: `quý I năm 2021`, `6 tháng đầu năm 2021`, `tháng 3 năm 2021`… */
  label: string;
}

const PERIOD = /^(\d{4})(?:-(?:Q([1-4])|H([12])|(9M)|(\d{2})))?$/;
const ACCEPTED_FORMS =
  'YYYY-Qn (n 1–4), YYYY-Hn (n 1–2), YYYY-9M, YYYY or YYYY-MM (e.g. 2021-Q1, 2021-H2, 2021-9M, 2021, 2021-03)';
const ROMAN_QUARTERS = ['I', 'II', 'III', 'IV'] as const;

// A span of whole months, first and last month inclusive, 1-based.
interface MonthSpan {
  year: number;
  firstMonth: number;
  lastMonth: number;
  label: string;
}

function checkWindow(window: unknown): PeriodWindow {
  if (!PERIOD_WINDOWS.includes(window as PeriodWindow)) {
    throw new PeriodError(
      PeriodErrorCode.InvalidWindow,
      `Invalid window ${JSON.stringify(window)}: expected one of ${PERIOD_WINDOWS.join(', ')}`,
    );
  }
  return window as PeriodWindow;
}

function parseSpan(period: unknown): MonthSpan {
  const match = typeof period === 'string' ? PERIOD.exec(period) : null;
  const month = match?.[5] === undefined ? undefined : Number(match[5]);
  if (match === null || Number(match[1]) === 0 || (month !== undefined && (month < 1 || month > 12))) {
    throw new PeriodError(
      PeriodErrorCode.InvalidPeriod,
      `Invalid period ${JSON.stringify(period)}: expected ${ACCEPTED_FORMS}`,
    );
  }
  const year = Number(match[1]);
  const [, , quarter, half, nineMonths] = match;
  if (quarter !== undefined) {
    const q = Number(quarter);
    return {
      year,
      firstMonth: 3 * q - 2,
      lastMonth: 3 * q,
      label: `quý ${ROMAN_QUARTERS[q - 1]} năm ${year}`,
    };
  }
  if (half === '1') return { year, firstMonth: 1, lastMonth: 6, label: `6 tháng đầu năm ${year}` };
  if (half === '2') return { year, firstMonth: 7, lastMonth: 12, label: `6 tháng cuối năm ${year}` };
  if (nineMonths !== undefined) return { year, firstMonth: 1, lastMonth: 9, label: `9 tháng năm ${year}` };
  if (month !== undefined)
    return { year, firstMonth: month, lastMonth: month, label: `tháng ${month} năm ${year}` };
  return { year, firstMonth: 1, lastMonth: 12, label: `năm ${year}` };
}

/**
 * Resolves a reporting period to its first and last day.
 *
 * - `calendar` (default): whole calendar months, e.g. `2021-Q1` = 2021-01-01 … 2021-03-31.
 * - `decree09`: Decree 09/2019 cut-off, from the 15th of the month before the first month to the
 *   14th of the last month, e.g. `2021-Q1` = 2020-12-15 … 2021-03-14, `2021-H2` = 2021-06-15 …
 *   2021-12-14, `2021` = 2020-12-15 … 2021-12-14, `2021-03` = 2021-02-15 … 2021-03-14.
 *
 * @param period `YYYY-Qn`, `YYYY-Hn`, `YYYY-9M`, `YYYY` or `YYYY-MM`.
 * @throws {@link PeriodError} `invalid_period` or `invalid_window`, naming the bad value.
 */
export function parsePeriod(period: string, window: PeriodWindow = 'calendar'): ReportingPeriod {
  const checkedWindow = checkWindow(window);
  const { year, firstMonth, lastMonth, label } = parseSpan(period);
  if (checkedWindow === 'calendar') {
    return {
      from: formatIsoDate(year, firstMonth, 1),
      to: formatIsoDate(year, lastMonth, daysInMonth(year, lastMonth)),
      window: checkedWindow,
      label,
    };
  }
  // The window opens on the 15th of the month before the first month (December of the previous
  // year for periods starting in January).
  const opensInPreviousYear = firstMonth === 1;
  return {
    from: formatIsoDate(opensInPreviousYear ? year - 1 : year, opensInPreviousYear ? 12 : firstMonth - 1, 15),
    to: formatIsoDate(year, lastMonth, 14),
    window: checkedWindow,
    label,
  };
}

function vietnameseDate(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

/**
 * A custom period from two dates, both inclusive, labelled `từ ngày 01/01/2021 đến ngày 31/03/2021`.
 * The window is `calendar`: the dates are taken as given.
 *
 * @throws {@link PeriodError} `invalid_range` if either date is not a real `YYYY-MM-DD` date or
 *   `from` is after `to`.
 */
export function periodFromRange(from: string, to: string): ReportingPeriod {
  for (const [field, value] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (!isIsoDate(value)) {
      throw new PeriodError(
        PeriodErrorCode.InvalidRange,
        `Invalid ${field} ${JSON.stringify(value)}: expected a real calendar date written YYYY-MM-DD`,
      );
    }
  }
  if (from > to) {
    throw new PeriodError(PeriodErrorCode.InvalidRange, `Invalid range: from ${from} is after to ${to}`);
  }
  return {
    from,
    to,
    window: 'calendar',
    label: `từ ngày ${vietnameseDate(from)} đến ngày ${vietnameseDate(to)}`,
  };
}

/**
 * The quarter, as a period string `YYYY-Qn`, whose window contains `today`. Under `decree09` the
 * quarter starts on the 15th of the month before it, so 2021-12-20 is in `2022-Q1`.
 *
 * @example currentQuarter('2021-05-10') === '2021-Q2'
 * @throws {@link PeriodError} `invalid_range` if `today` is not a real date, or `invalid_window`.
 */
export function currentQuarter(today: string, window: PeriodWindow = 'calendar'): string {
  const checkedWindow = checkWindow(window);
  if (!isIsoDate(today)) {
    throw new PeriodError(
      PeriodErrorCode.InvalidRange,
      `Invalid date ${JSON.stringify(today)}: expected a real calendar date written YYYY-MM-DD`,
    );
  }
  let year = Number(today.slice(0, 4));
  let month = Number(today.slice(5, 7));
  // From the 15th on, a day belongs to the next month's Decree 09 window.
  if (checkedWindow === 'decree09' && Number(today.slice(8, 10)) >= 15) {
    month += 1;
    if (month === 13) {
      month = 1;
      year += 1;
    }
  }
  return `${String(year).padStart(4, '0')}-Q${Math.ceil(month / 3)}`;
}
