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

export interface Review {
  state: 'submitted' | 'approved' | 'returned';
  by?: string | null;
  at?: string | null;
  comment?: string | null;
}

export interface Progress {
  /** Revision 2 (issue 12). */
  id?: string;
  review?: Review;
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
  status: TaskStatus;
  latestProgress: Progress | null;
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
}

export interface PlanSummary {
  tasks: { total: number; byStatus: Partial<Record<TaskStatus, number>> };
  pendingReview?: number;
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

export interface ReportPreview {
  period: { code: string; from: string; to: string; window: string; label: string };
  generatedAt: string;
  plan: { title: string };
  tasks: { total: number; byStatus: Partial<Record<TaskStatus, number>> };
  narrative: { achievements: string[]; shortfalls: string[]; attention: string[]; nextSteps: string[] };
  version: {
    status: 'draft' | 'issued';
    version: number | null;
    issuedAt: string | null;
    documentNumber: string | null;
  };
}
