import type { EvidenceView, KpiResult, KpiWindow, TaskStatus } from '@cchc/contracts';

// The report as data. Every renderer (JSON, XLSX, DOCX) reads only this, and an issued report is
// frozen as this JSON, so it must stay plain serialisable data (no Dates, no class instances) and
// carry everything a renderer needs: a frozen report is re-rendered years later without the
// plan or KPI services.

export const REPORT_MODEL_SCHEMA_VERSION = 1;

export type ReportStatus = 'draft' | 'issued';

export interface ReportPeriod {
  /** `2021-Q1`, `2021-H1`, `2021-9M`, `2021`, `2021-03`. */
  code: string;
  /** First and last day, inclusive, ISO dates. */
  from: string;
  to: string;
  window: KpiWindow;
  /** As it reads after "công tác cải cách hành chính": "quý I năm 2021", "6 tháng đầu năm 2021". */
  label: string;
}

export interface ReportAgency {
  /** Governing body line of the header: "UBND TỈNH ĐẮK NÔNG". */
  parent: string;
  /** Issuing agency: "SỞ GIÁO DỤC VÀ ĐÀO TẠO". */
  name: string;
  /** The same in running text: "Sở Giáo dục và Đào tạo". */
  displayName: string;
  /** Abbreviation used in document numbers: "SGDĐT" gives "Số: …/BC-SGDĐT". */
  abbreviation: string;
  /** Place name of the date line: "Đắk Nông, ngày … tháng … năm …". */
  place: string;
}

export interface ReportPlanRef {
  id: string;
  year: number;
  title: string;
  decision: { number: string; date: string; issuer: string; signer: string; signerTitle: string };
}

export interface ReportObjective {
  code: string;
  text: string;
  target: { value: number; unit: string } | null;
  actual: { value: number; unit: string; asOf: string; note: string | null } | null;
  /** null when there is no numeric target or no actual to compare. */
  met: boolean | null;
}

export interface ReportTask {
  code: string;
  group: { code: string; title: string } | null;
  content: string;
  products: string[];
  leadUnits: string[];
  coordinatingUnits: string[];
  /** The plan's wording, e.g. "Tháng 01- Tháng 12". */
  timeframe: string;
  /** ISO date the timeframe ends, when the plan gives one. */
  deadline: string | null;
  /** Latest reported status, or `overdue` once the deadline passed before the period end. */
  status: TaskStatus;
  /** As the unit reported it; null when no progress was ever recorded. */
  reportedStatus: TaskStatus | null;
  progress: { period: string; percent: number; note: string | null; recordedAt: string } | null;
  evidence: EvidenceView[];
  onTrack: boolean;
  budgetMillionVnd: number | null;
}

export type StatusCounts = Record<TaskStatus, number>;

export interface ReportSection {
  /** Roman numeral of the plan: I … VII. */
  code: string;
  /** As the plan writes it, e.g. "CẢI CÁCH THỦ TỤC HÀNH CHÍNH". */
  title: string;
  total: number;
  byStatus: StatusCounts;
  tasks: ReportTask[];
}

/** A plan target measured by the TTHC KPIs (task III.4, III.5: "100% …"). */
export interface ReportTthcTarget {
  key: 'onTimeRate' | 'apologyCoverage' | 'feedbackOnTimeRate';
  /** Vietnamese label of the indicator. */
  label: string;
  /** Ratio in [0, 1]. */
  target: number;
  actual: number | null;
  met: boolean | null;
}

export interface ReportUnitKpis {
  unit: string;
  unitName: string;
  kpis: KpiResult;
}

export interface ReportTthc {
  /** The figures of the whole department, or of `scope`'s unit alone when the report is scoped. */
  department: KpiResult;
  /** One row per unit; empty when the report is scoped to one unit. */
  perUnit: ReportUnitKpis[];
  targets: ReportTthcTarget[];
  /** Set when the TTHC figures cover one unit only (`?unit=`). */
  scope: { unit: string; unitName: string } | null;
}

export interface ReportBudget {
  plannedMillionVnd: number;
  bySection: Array<{ section: string; title: string; plannedMillionVnd: number }>;
  items: Array<{ code: string; section: string; content: string; plannedMillionVnd: number }>;
}

export interface ReportNarrative {
  /** Kết quả đạt được. */
  achievements: string[];
  /** Tồn tại, hạn chế. */
  shortfalls: string[];
  /** Units and plan tasks that need the leadership's attention. */
  attention: string[];
  /** Phương hướng, nhiệm vụ kỳ tới. */
  nextSteps: string[];
}

export interface ReportVersion {
  status: ReportStatus;
  /** 1, 2, … once issued; null for a draft. */
  version: number | null;
  /** sha256 of the content (see `hashReportContent`); null for a draft. */
  contentHash: string | null;
  issuedAt: string | null;
  /** "15/BC-SGDĐT" when the office has assigned one; otherwise the line is left blank to fill in. */
  documentNumber: string | null;
}

export interface ReportModel {
  schemaVersion: typeof REPORT_MODEL_SCHEMA_VERSION;
  period: ReportPeriod;
  /** ISO timestamp. */
  generatedAt: string;
  agency: ReportAgency;
  plan: ReportPlanRef;
  objectives: ReportObjective[];
  /** Plan-wide task counts by effective status. */
  tasks: { total: number; byStatus: StatusCounts };
  sections: ReportSection[];
  tthc: ReportTthc;
  budget: ReportBudget;
  narrative: ReportNarrative;
  version: ReportVersion;
}

export const DEFAULT_AGENCY: ReportAgency = {
  parent: 'UBND TỈNH ĐẮK NÔNG',
  name: 'SỞ GIÁO DỤC VÀ ĐÀO TẠO',
  displayName: 'Sở Giáo dục và Đào tạo',
  abbreviation: 'SGDĐT',
  place: 'Đắk Nông',
};

/** Vietnamese names of task statuses, as they read in a report. */
export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  not_started: 'Chưa triển khai',
  in_progress: 'Đang thực hiện',
  completed: 'Đã hoàn thành',
  overdue: 'Chậm tiến độ',
};

/**
 * The columns of the results table, Biểu số II.06a (domain.md §2): Tiếp nhận (3)–(6), Đã giải
 * quyết (7)–(10), Đang giải quyết (11)–(13). One definition for every format that prints it.
 */
export const RESULT_TABLE_COLUMNS: ReadonlyArray<{
  group: string;
  header: string;
  value: (k: KpiResult) => number;
}> = [
  { group: 'Tiếp nhận', header: 'Tổng số', value: (k) => k.received.total },
  { group: 'Tiếp nhận', header: 'Trực tuyến', value: (k) => k.received.online },
  { group: 'Tiếp nhận', header: 'Trực tiếp', value: (k) => k.received.direct },
  { group: 'Tiếp nhận', header: 'Bưu chính', value: (k) => k.received.postal },
  { group: 'Tiếp nhận', header: 'Kỳ trước chuyển sang', value: (k) => k.received.carriedOver },
  { group: 'Đã giải quyết', header: 'Tổng', value: (k) => k.resolved.total },
  { group: 'Đã giải quyết', header: 'Trước hạn', value: (k) => k.resolved.early },
  { group: 'Đã giải quyết', header: 'Đúng hạn', value: (k) => k.resolved.onTime },
  { group: 'Đã giải quyết', header: 'Quá hạn', value: (k) => k.resolved.late },
  { group: 'Đang giải quyết', header: 'Tổng', value: (k) => k.pending.total },
  { group: 'Đang giải quyết', header: 'Trong hạn', value: (k) => k.pending.withinTime },
  { group: 'Đang giải quyết', header: 'Quá hạn', value: (k) => k.pending.overdue },
];
