// The parts of the public HTTP API (README "HTTP API", architecture.md §3–§7) the console reads.
// Fields added by later revisions are optional here, so the console works before and after them.

export type Role = 'admin' | 'editor' | 'viewer' | 'ingest' | 'reviewer';

export interface Me {
  name: string;
  role: Role;
  units: string[];
}

export interface KpiResult {
  period: { from: string; to: string; window: 'calendar' | 'decree09' };
  scope: { unit: string | null; procedure: string | null };
  received: { total: number; online: number; direct: number; postal: number; carriedOver: number };
  resolved: { total: number; early: number; onTime: number; late: number };
  pending: { total: number; withinTime: number; awaitingSupplement?: number; overdue: number };
  withdrawn: number;
  onTimeRate: number | null;
  apology: {
    lateDossiers: number;
    withApology: number;
    withoutApology: number;
    coverage: number | null;
    inTime?: number;
    inTimeRate?: number | null;
  };
  online: {
    dossierRate: number | null;
    proceduresLevel3or4: number;
    proceduresTotal: number;
    procedureRate: number | null;
  };
  postal: { received: number; returned: number };
  feedback: {
    received: number;
    resolved: number;
    resolvedOnTime: number;
    pending: number;
    overdue: number;
    onTimeRate: number | null;
  };
  dataQuality?: { anomalies: number };
}

export interface KpiByUnitResult {
  period: KpiResult['period'];
  total: KpiResult;
  units: Array<{ unit: string; kpis: KpiResult }>;
}

export interface Unit {
  code: string;
  name: string;
}

export interface DossierRow {
  dossierCode: string;
  unitCode: string;
  procedureCode: string;
  channel: string;
  receivedDate: string;
  dueDate: string;
  rescheduledDueDate: string | null;
  endKind: 'resolved' | 'withdrawn' | null;
  endDate: string | null;
  hasApology: boolean;
  anomalies: string[];
}

export interface AtRisk {
  asOf: string;
  dueBy: string;
  dossiers: DossierRow[];
}

export interface DossierEvent {
  id: string;
  type: string;
  time: string;
  subject?: string;
  data: Record<string, unknown>;
}

export interface DossierDetail {
  dossier: DossierRow | null;
  events: DossierEvent[];
}

/** §5b, issue 9: absent (404) until the service index lands. */
export interface ServiceIndex {
  groups: Array<{
    code: string;
    name: string;
    max: number;
    score: number | null;
    indicators: Array<{
      code: string;
      name: string;
      ratio: number | null;
      score: number | null;
      max: number;
    }>;
  }>;
  total: { score: number | null; maxMeasured: number; normalized: number | null };
}

export type TaskStatus =
  'not_started' | 'in_progress' | 'completed' | 'overdue' | 'not_reported' | 'not_applicable';

export interface Evidence {
  docNo: string;
  date: string;
  title: string;
}

/** Where a progress report stands with the Văn phòng (`ProgressReview` of @cchc/contracts). */
export interface Review {
  state: 'submitted' | 'approved' | 'returned';
  /** Who approved or returned it; null while submitted. */
  by: string | null;
  at: string | null;
  /** Required when returned. */
  comment: string | null;
}

/** A progress entry (`ProgressView` of @cchc/contracts). */
export interface Progress {
  /** For `…/progress/{id}/approve|return`. */
  id: string;
  review: Review;
  period: string;
  status: TaskStatus;
  percent: number;
  note: string | null;
  evidence: Evidence[];
  recordedAt: string;
  recordedBy: string | null;
}

export interface Task {
  code: string;
  section: string;
  group: { code: string; title: string } | null;
  content: string;
  products: string[];
  leadUnits: string[];
  coordinatingUnits: string[];
  leadUnitCodes: string[];
  coordinatingUnitCodes: string[];
  timeframe: { text: string; kind: string; start: string | null; end: string | null };
  budgetMillionVnd: number | null;
  /** The task's status for the plan's status period (`taskPeriodStatus`, architecture.md §6). */
  status: TaskStatus;
  /** The latest approved progress. */
  latestProgress: Progress | null;
  /** The newest report waiting for review, if any. */
  awaitingReview: Progress | null;
}

export interface Plan {
  id: string;
  year: number;
  title: string;
  decision: { number: string; date: string; issuer: string; signer: string; signerTitle: string };
  sections: Array<{ code: string; title: string; groups: Array<{ code: string; title: string }> }>;
  units: Unit[];
  tasks: Task[];
  budgetTotalMillionVnd: number;
  /** The day and reporting period the task statuses are for. */
  statusAsOf: string;
  statusPeriod: string;
}

export interface PlanSummary {
  asOf: string;
  period: string;
  tasks: { total: number; byStatus: Record<TaskStatus, number> };
  /** Reports waiting for review. */
  pendingReview: number;
  byLeadUnit: Array<{ unit: string; name: string; total: number; pendingReview: number }>;
}

/** A task on the reminders list (`ReminderTask` of @cchc/contracts). */
export interface ReminderTask {
  code: string;
  content: string;
  timeframe: { text: string; kind: string; start: string | null; end: string | null };
  status: 'not_reported' | 'overdue';
}

/** `GET /api/v1/plans/{planId}/reminders` (`PlanReminders` of @cchc/contracts). */
export interface PlanReminders {
  planId: string;
  asOf: string;
  period: string;
  window: 'calendar' | 'decree09';
  cutoff: string;
  remindFrom: string;
  reminderDays: number;
  remindingMissing: boolean;
  total: number;
  byLeadUnit: Array<{ unit: string; name: string; tasks: ReminderTask[] }>;
}

export interface ReportInfo {
  period: string;
  window: string;
  unit: string | null;
  version: number;
  contentHash: string;
  issuedAt: string;
  issuedBy?: string;
  documentNumber?: string | null;
}

/** A piece of a report's text (`ReportBlock` of the reporting model, schema version 2). */
export type ReportBlock =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'item'; text: string }
  | { kind: 'placeholder'; text: string }
  | {
      kind: 'table';
      table: {
        columns: Array<{ header: string; kind: 'text' | 'int' | 'ratio' | 'score' }>;
        rows: Array<{ cells: Array<string | number | null>; bold?: boolean }>;
      };
    };

/** The report JSON (`ReportModel`, schema version 2), the parts the preview shows. */
export interface ReportPreview {
  schemaVersion: number;
  period: { code: string; from: string; to: string; window: string; label: string; deadline: string };
  generatedAt: string;
  plan: { title: string };
  tasks: { total: number; byStatus: Partial<Record<TaskStatus, number>> };
  header: {
    parent: string;
    agency: string;
    motto: [string, string];
    number: string;
    dateLine: string;
    title: [string, string];
    dataWindow: string;
    deadline: string;
  };
  introduction: string;
  parts: Array<{ code: string; title: string; blocks: ReportBlock[] }>;
  closing: string;
  signature: { recipientsTitle: string; recipients: string[]; title: string[]; signer: string };
  version: {
    status: 'draft' | 'issued';
    version: number | null;
    issuedAt: string | null;
    documentNumber: string | null;
  };
}
