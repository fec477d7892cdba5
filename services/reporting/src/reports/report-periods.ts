import { addCalendarDays, defaultCalendar, parsePeriod, PeriodError } from '@cchc/calendar';
import type { KpiWindow } from '@cchc/contracts';
import { ReportError, ReportErrorCode } from './reports.errors';

export interface ResolvedPeriod {
  code: string;
  from: string;
  to: string;
  window: KpiWindow;
  label: string;
  year: number;
}

// architecture.md §7: reports cover quarters, halves, nine months and years; months are KPI-only.
const REPORT_PERIOD = /^(\d{4})(-(Q[1-4]|H[12]|9M))?$/;
const REPORT_PERIOD_FORMS =
  'YYYY-Qn (n 1–4), YYYY-Hn (n 1–2), YYYY-9M or YYYY, e.g. 2021-Q1, 2021-H1, 2021-9M, 2021';

/** Validates a report period and resolves it to its days under the window. */
export function resolveReportPeriod(period: string, window: KpiWindow): ResolvedPeriod {
  const match = REPORT_PERIOD.exec(period);
  if (match === null) {
    throw new ReportError(
      ReportErrorCode.InvalidPeriod,
      `Invalid period ${JSON.stringify(period)}: a report covers ${REPORT_PERIOD_FORMS}`,
    );
  }
  try {
    const p = parsePeriod(period, window);
    return { code: period, from: p.from, to: p.to, window: p.window, label: p.label, year: Number(match[1]) };
  } catch (e) {
    if (e instanceof PeriodError) throw new ReportError(ReportErrorCode.InvalidPeriod, e.message);
    throw e;
  }
}

/**
 * The period "Phương hướng, nhiệm vụ" speaks of: the next quarter after a quarter, the second
 * half after the first, the fourth quarter after nine months, and the next year after a year or
 * its last quarter or half.
 */
export function nextReportPeriod(
  code: string,
  window: KpiWindow,
): { from: string; to: string; label: string } {
  const [yearText, part] = code.split('-') as [string, string | undefined];
  const year = Number(yearText);
  let next: string;
  if (part === undefined || part === 'Q4' || part === 'H2') next = String(year + 1);
  else if (part === '9M') next = `${year}-Q4`;
  else if (part === 'H1') next = `${year}-H2`;
  else next = `${year}-Q${Number(part.slice(1)) + 1}`;
  const p = parsePeriod(next, window);
  return { from: p.from, to: p.to, label: p.label };
}

/**
 * The submission deadline: `workingDays` working days after the cut-off (domain.md §5; the
 * province sets the number). Beyond the shipped calendar's years, weekdays stand in for working days.
 */
export function submissionDeadline(cutOff: string, workingDays: number): string {
  const calendar = defaultCalendar();
  const isWorkingDay = (date: string): boolean => {
    if (calendar.covers(date)) return calendar.isWorkingDay(date);
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  };
  let date = cutOff;
  let left = workingDays;
  while (left > 0) {
    date = addCalendarDays(date, 1);
    if (isWorkingDay(date)) left -= 1;
  }
  return date;
}
