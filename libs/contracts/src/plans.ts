// Plan read model (architecture.md §6) as served over HTTP and over messaging to reporting.

/** A status a unit reports in a progress entry. */
export type TaskStatus = 'not_started' | 'in_progress' | 'completed' | 'overdue';
export const TASK_STATUSES: readonly TaskStatus[] = ['not_started', 'in_progress', 'completed', 'overdue'];

/**
 * A task's status for a reporting period (revision 2, architecture.md §6): the reported ones, plus
 * `not_reported` ("Chưa báo cáo") and `not_applicable` ("Không phát sinh"). See `taskPeriodStatus`.
 */
export type TaskPeriodStatus = TaskStatus | 'not_reported' | 'not_applicable';
export const TASK_PERIOD_STATUSES: readonly TaskPeriodStatus[] = [
  'not_started',
  'in_progress',
  'completed',
  'overdue',
  'not_reported',
  'not_applicable',
];

/** Where a progress entry stands with the Văn phòng's review (revision 2). */
export type ReviewState = 'submitted' | 'approved' | 'returned';
export const REVIEW_STATES: readonly ReviewState[] = ['submitted', 'approved', 'returned'];

export interface ProgressReview {
  state: ReviewState;
  /** Who approved or returned it (the token's name); null while submitted. */
  by: string | null;
  at: string | null;
  /** Required when returned. */
  comment: string | null;
}

export type TimeframeKind = 'quarter' | 'months' | 'date' | 'recurring' | 'event';

export interface Timeframe {
  /** Exactly as the plan writes it, e.g. "Tháng 01- Tháng 12". */
  text: string;
  kind: TimeframeKind;
  /** ISO dates where the text gives them. */
  start: string | null;
  end: string | null;
}

export interface EvidenceView {
  docNo: string;
  date: string;
  title: string;
}

export interface ProgressView {
  /** The entry's id, for `…/progress/{progressId}/approve|return`. */
  id: string;
  period: string;
  status: TaskStatus;
  percent: number;
  note: string | null;
  evidence: EvidenceView[];
  recordedAt: string;
  recordedBy: string | null;
  review: ProgressReview;
}

export interface TaskView {
  code: string;
  section: string;
  group: { code: string; title: string } | null;
  content: string;
  products: string[];
  /**
   * Unit names exactly as this task's row writes them ("Văn phòng Sở" in VII.6 where the unit is
   * "Văn phòng" elsewhere), index for index with the codes below.
   */
  leadUnits: string[];
  coordinatingUnits: string[];
  /** Codes of the same units, used for editor token scopes. */
  leadUnitCodes: string[];
  coordinatingUnitCodes: string[];
  timeframe: Timeframe;
  budgetMillionVnd: number | null;
  /** Status for the reporting period around `asOf` (today by default), by `taskPeriodStatus`. */
  status: TaskPeriodStatus;
  /** The latest approved progress (what reports and summaries use). */
  latestProgress: ProgressView | null;
  /** The newest report still waiting for review, if any. */
  awaitingReview: ProgressView | null;
}

/**
 * The dossier KPI an objective is measured by (revision 2): on-time rate, apology coverage, online
 * dossier share, postal share, PAKN resolved on time. Such objectives take `actual` live from the
 * KPIs of the period.
 */
export type ObjectiveKpi = 'on_time' | 'apology' | 'online' | 'postal' | 'feedback';
export const OBJECTIVE_KPIS: readonly ObjectiveKpi[] = ['on_time', 'apology', 'online', 'postal', 'feedback'];

export interface ObjectiveView {
  code: string;
  text: string;
  target: { value: number; unit: string } | null;
  actual: ObjectiveActual | null;
  /** Set for objectives measured by a dossier KPI; absent or null for the others. */
  kpi?: ObjectiveKpi | null;
  /** The tasks that deliver it (codes); without a `kpi`, its actual is their share completed. */
  tasks?: string[];
}

/**
 * Where an objective's actual comes from: `kpi` (live, tthc-metrics), `progress` (live, the share of
 * its linked tasks `completed` in the period by approved progress) or `manual` (recorded).
 */
export type ObjectiveActualSource = 'kpi' | 'progress' | 'manual';

export interface ObjectiveActual {
  value: number;
  unit: string;
  asOf: string;
  note: string | null;
  /** Absent in answers from before revision 2's progress actuals; read it as `manual` or `kpi`. */
  source?: ObjectiveActualSource;
  /** With `source: 'progress'`: linked tasks completed, and linked tasks in all. */
  completed?: number;
  total?: number;
}

export interface PlanView {
  id: string;
  year: number;
  title: string;
  decision: { number: string; date: string; issuer: string; signer: string; signerTitle: string };
  objectives: ObjectiveView[];
  requirements: Array<{ code: string; text: string }>;
  sections: Array<{ code: string; title: string; groups: Array<{ code: string; title: string }> }>;
  /** Units the plan names (lead and coordinating), with the codes editor tokens carry. */
  units: Array<{ code: string; name: string }>;
  tasks: TaskView[];
  budgetTotalMillionVnd: number;
  /** The day and reporting period the task statuses are for. */
  statusAsOf: string;
  statusPeriod: string;
}

export interface PlanSummary {
  planId: string;
  asOf: string;
  /** The reporting period the statuses are for (e.g. `2021-Q1`, in the REPORT_WINDOW in force). */
  period: string;
  tasks: { total: number; byStatus: Record<TaskPeriodStatus, number> };
  /** Tasks whose progress report waits for review (revision 2). */
  pendingReview: number;
  bySection: Array<{
    section: string;
    title: string;
    total: number;
    byStatus: Record<TaskPeriodStatus, number>;
  }>;
  /** Per lead unit: its code and the name the plan declares for it (not one row's wording). */
  byLeadUnit: Array<{
    unit: string;
    name: string;
    total: number;
    byStatus: Record<TaskPeriodStatus, number>;
    pendingReview: number;
  }>;
  overdueTasks: Array<{ code: string; content: string; timeframe: Timeframe; leadUnits: string[] }>;
  budget: { plannedMillionVnd: number; bySection: Array<{ section: string; plannedMillionVnd: number }> };
}

/** A task on the reminders list (revision 2, architecture.md §6). */
export interface ReminderTask {
  code: string;
  content: string;
  timeframe: Timeframe;
  /** `not_reported`: no approved report for the period and none waiting for review; `overdue`. */
  status: 'not_reported' | 'overdue';
}

/** `GET /api/v1/plans/{planId}/reminders?asOf=`: what each lead unit still owes. */
export interface PlanReminders {
  planId: string;
  asOf: string;
  /** The reporting period in force on `asOf` and its data cut-off (last day, in `window`). */
  period: string;
  window: 'calendar' | 'decree09';
  cutoff: string;
  /** Missing reports are reminded from this day (REMINDER_DAYS working days before the cut-off). */
  remindFrom: string;
  reminderDays: number;
  /** Whether `asOf` is within the reminder days, so that missing reports are listed. */
  remindingMissing: boolean;
  total: number;
  byLeadUnit: Array<{ unit: string; name: string; tasks: ReminderTask[] }>;
}
