// Plan read model (architecture.md §6) as served over HTTP and over messaging to reporting.

export type TaskStatus = 'not_started' | 'in_progress' | 'completed' | 'overdue';
export const TASK_STATUSES: readonly TaskStatus[] = ['not_started', 'in_progress', 'completed', 'overdue'];

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
  period: string;
  status: TaskStatus;
  percent: number;
  note: string | null;
  evidence: EvidenceView[];
  recordedAt: string;
  recordedBy: string | null;
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
  /** Effective status today: the latest reported one, or `overdue` past the timeframe's end. */
  status: TaskStatus;
  latestProgress: ProgressView | null;
}

export interface ObjectiveView {
  code: string;
  text: string;
  target: { value: number; unit: string } | null;
  actual: { value: number; unit: string; asOf: string; note: string | null } | null;
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
}

export interface PlanSummary {
  planId: string;
  asOf: string;
  tasks: { total: number; byStatus: Record<TaskStatus, number> };
  bySection: Array<{ section: string; title: string; total: number; byStatus: Record<TaskStatus, number> }>;
  /** Per lead unit: its code and the name the plan declares for it (not one row's wording). */
  byLeadUnit: Array<{ unit: string; name: string; total: number; byStatus: Record<TaskStatus, number> }>;
  overdueTasks: Array<{ code: string; content: string; timeframe: Timeframe; leadUnits: string[] }>;
  budget: { plannedMillionVnd: number; bySection: Array<{ section: string; plannedMillionVnd: number }> };
}
