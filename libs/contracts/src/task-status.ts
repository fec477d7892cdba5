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
 * 3. `not_applicable` ("Không phát sinh"): an event-triggered task with no approved report for the
 *    period once the period has ended;
 * 4. `not_reported` ("Chưa báo cáo"): no approved report about the period;
 * 5. otherwise the newest approved report's status for the period (`not_started`, `in_progress`).
 * `not_started` ("Chưa triển khai") is only ever what an approved report says: a task whose
 * timeframe begins after the period, with nothing reported, is `not_reported` like any other (§6
 * has no rule for it). Whether a report is *owed* for such a task is a separate question: see
 * `reportOwed`.
 */
export function taskPeriodStatus(input: TaskPeriodStatusInput): TaskPeriodStatus {
  const { timeframe, period, asOf } = input;
  const begun = input.approved.filter((r) => r.period.from <= asOf);
  if (begun.some((r) => r.status === 'completed')) return 'completed';
  // The last day is still in time (as for dossiers: overdue when to > dueDate).
  if (timeframe.end !== null && timeframe.end < asOf) return 'overdue';
  const forPeriod = begun.find((r) => r.period.from <= period.to && r.period.to >= period.from);
  if (forPeriod) return forPeriod.status;
  if (timeframe.kind === 'event' && asOf >= period.to) return 'not_applicable';
  return 'not_reported';
}

/**
 * Whether a report about `period` is owed for a task at all: not when its timeframe begins after
 * the period (a Quý IV task owes nothing for Quý I). Reminders and a report's list of shortfalls
 * use it; the status stays the §6 one.
 */
export function reportOwed(timeframe: Timeframe, period: DayRange): boolean {
  return timeframe.start === null || timeframe.start <= period.to;
}
