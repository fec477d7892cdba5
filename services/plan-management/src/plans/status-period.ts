import { currentQuarter, parsePeriod, type PeriodWindow } from '@cchc/calendar';
import type { DayRange } from '@cchc/contracts';

export interface StatusPeriod {
  /** e.g. `2021-Q1`. */
  period: string;
  /** Its days in the window in force. */
  range: DayRange;
}

/**
 * The reporting period a plan's statuses on `day` are for: the quarter whose window (REPORT_WINDOW)
 * holds that day. After the plan's year, its last quarter: a plan looked at later is judged at its
 * year end, where an event-triggered task nobody reported on is "Không phát sinh".
 */
export function statusPeriod(day: string, planYear: number, window: PeriodWindow): StatusPeriod {
  let period = currentQuarter(day, window);
  if (Number(period.slice(0, 4)) > planYear) period = `${planYear}-Q4`;
  const { from, to } = parsePeriod(period, window);
  return { period, range: { from, to } };
}

/** A progress report's period as days (calendar months); periods are validated on entry. */
export function reportRange(period: string): DayRange {
  const { from, to } = parsePeriod(period);
  return { from, to };
}
