import type { TaskStatus, Timeframe } from '@cchc/contracts';

export interface LatestProgress {
  status: TaskStatus;
  percent: number;
}

// The status a task has on `asOf` (YYYY-MM-DD): `overdue` once the last day of its timeframe has
// passed and it is not completed; otherwise its latest reported status, or `not_started` without one.
export function effectiveStatus(
  timeframe: Timeframe,
  latest: LatestProgress | null,
  asOf: string,
): TaskStatus {
  assertIsoDate(asOf);
  // The reported status decides completion: 100% under another status is still waiting for the
  // unit's "completed" report, so it does not shield the task from becoming overdue.
  if (latest?.status === 'completed') return 'completed';
  // The last day is still in time (as for dossiers, architecture.md §5: overdue when to > dueDate).
  if (timeframe.end !== null && timeframe.end < asOf) return 'overdue';
  return latest?.status ?? 'not_started';
}

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
