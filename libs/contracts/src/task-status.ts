// The §6 task-status rule (revision 2) as one pure function, shared by plan-management (plans,
// summaries, gauges, reminders) and reporting, so that every view of a task agrees.
import type { TaskPeriodStatus, TaskStatus, Timeframe } from './plans';

/** A date range, both ends inclusive, `YYYY-MM-DD`. */
export interface DayRange {
  from: string;
  to: string;
}

/** An approved progress report, its period resolved to days (calendar months). */
export interface ApprovedReport {
  period: DayRange;
  status: TaskStatus;
}

export interface TaskPeriodStatusInput {
  timeframe: Timeframe;
  /** The task's approved reports, newest first. Reports about periods not begun by `asOf` are ignored. */
  approved: readonly ApprovedReport[];
  /** The reporting period asked about (in the report window in force). */
  period: DayRange;
  /** The day the status is for, `YYYY-MM-DD`, within or at the end of `period`. */
  asOf: string;
}

/**
 * A task's status for a reporting period, first rule that applies (architecture.md §6):
 * 1. `completed`: an approved report says so;
 * 2. `overdue`: its timeframe has ended (before `asOf`) and it is not completed;
 * 3. `not_started`: its timeframe begins after the period, so no report is due yet;
 * 4. `not_applicable` ("Không phát sinh"): an event-triggered task with no approved report for the
 *    period once the period has ended;
 * 5. `not_reported` ("Chưa báo cáo"): no approved report about the period;
 * 6. otherwise the newest approved report's status for the period.
 */
export function taskPeriodStatus(input: TaskPeriodStatusInput): TaskPeriodStatus {
  const { timeframe, period, asOf } = input;
  const begun = input.approved.filter((r) => r.period.from <= asOf);
  if (begun.some((r) => r.status === 'completed')) return 'completed';
  // The last day is still in time (as for dossiers: overdue when to > dueDate).
  if (timeframe.end !== null && timeframe.end < asOf) return 'overdue';
  const forPeriod = begun.find((r) => r.period.from <= period.to && r.period.to >= period.from);
  if (forPeriod) return forPeriod.status;
  if (timeframe.start !== null && timeframe.start > period.to) return 'not_started';
  if (timeframe.kind === 'event' && asOf >= period.to) return 'not_applicable';
  return 'not_reported';
}
