import type { Timeframe } from '@cchc/contracts';

// Whether the task should be finished by `asOf`: its timeframe ends on or before that day. A task
// due on `asOf` is due by it, yet only overdue from the next day. Event-driven timeframes (no end
// date) are never due.
export function isDueBy(timeframe: Timeframe, asOf: string): boolean {
  assertIsoDate(asOf);
  return timeframe.end !== null && timeframe.end <= asOf;
}

function assertIsoDate(value: string): void {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  // Round-trip through Date to reject days that do not exist (Date.parse accepts "2021-02-30").
  const valid =
    match !== null &&
    new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])))
      .toISOString()
      .slice(0, 10) === value;
  if (!valid) throw new RangeError(`asOf "${value}" is not a YYYY-MM-DD date`);
}
