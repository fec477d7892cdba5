import type { EvidenceView, KpiResult, KpiWindow, ServiceIndexResult, TaskStatus } from '@cchc/contracts';

// The report as data. Every renderer (JSON, XLSX, DOCX) reads only this, and an issued report is
// frozen as this JSON, so it must stay plain serialisable data (no Dates, no class instances) and
// carry everything a renderer needs: a frozen report is re-rendered years later without the
// plan or KPI services. The text of the document (`header`, `parts`, `signature`, `annex`) is
// built once here, so that the DOCX and the XLSX print the same words and figures.

export const REPORT_MODEL_SCHEMA_VERSION = 2;

export type ReportStatus = 'draft' | 'issued';

/**
 * A task's status in a report (architecture.md §6 revision 2): the plan's four, plus
 * `not_reported` ("Chưa báo cáo": no report for the period) and `not_applicable` ("Không phát
 * sinh": an event-triggered task whose event did not occur).
 */
export type ReportTaskStatus = TaskStatus | 'not_reported' | 'not_applicable';
export const REPORT_TASK_STATUSES: readonly ReportTaskStatus[] = [
  'completed',
  'in_progress',
  'not_started',
  'overdue',
  'not_reported',
  'not_applicable',
];

export interface ReportPeriod {
  /** `2021-Q1`, `2021-H1`, `2021-9M`, `2021`. */
  code: string;
  /** First and last day (the cut-off), inclusive, ISO dates. */
  from: string;
  to: string;
  window: KpiWindow;
  /** As it reads after "công tác cải cách hành chính": "quý I năm 2021", "6 tháng đầu năm 2021". */
  label: string;
  /** Submission deadline: `deadlineWorkingDays` working days after `to`. */
  deadline: string;
  deadlineWorkingDays: number;
  /** The period "Phương hướng, nhiệm vụ" speaks of: the next quarter, half, or the next year. */
  next: { from: string; to: string; label: string };
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
  /** Who receives the annex: "Văn phòng UBND tỉnh". */
  annexRecipient: string;
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
  timeframeKind: string;
  /** ISO dates of the timeframe, when the plan gives them. */
  start: string | null;
  deadline: string | null;
  status: ReportTaskStatus;
  /** As the unit reported it; null when no progress was recorded. */
  reportedStatus: ReportTaskStatus | null;
  progress: { period: string; percent: number; note: string | null; recordedAt: string } | null;
  /** Documents dated inside the report's window only. */
  evidence: EvidenceView[];
  budgetMillionVnd: number | null;
}

export type StatusCounts = Record<ReportTaskStatus, number>;

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

/** The QĐ 766 service index (architecture.md §5b) as tthc-metrics answers it. */
export type ReportServiceIndex = Pick<ServiceIndexResult, 'groups' | 'total'>;

export interface ReportTthc {
  /** The figures of the whole department, or of `scope`'s unit alone when the report is scoped. */
  department: KpiResult;
  /** One row per unit; empty when the report is scoped to one unit. */
  perUnit: ReportUnitKpis[];
  targets: ReportTthcTarget[];
  /** Set when the TTHC figures cover one unit only (`?unit=`). */
  scope: { unit: string; unitName: string } | null;
  /** Dossiers with a data anomaly (`dataQuality.anomalies`); null when the KPI source has none. */
  anomalies: number | null;
  /** null when tthc-metrics does not serve the index yet. */
  serviceIndex: ReportServiceIndex | null;
}

export interface ReportBudget {
  plannedMillionVnd: number;
  bySection: Array<{ section: string; title: string; plannedMillionVnd: number }>;
  items: Array<{ code: string; section: string; content: string; plannedMillionVnd: number }>;
}

/** A piece of the document's text, format-neutral. */
export type ReportBlock =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; text: string }
  /** A "- …" line. */
  | { kind: 'item'; text: string }
  /** Text the office writes before signing; printed in italics within brackets. */
  | { kind: 'placeholder'; text: string }
  | { kind: 'table'; table: ReportTable };

export interface ReportTable {
  columns: Array<{ header: string; kind: 'text' | 'int' | 'ratio' | 'score' }>;
  rows: Array<{ cells: Array<string | number | null>; bold?: boolean }>;
}

/** One of the five parts: I. Công tác chỉ đạo … V. Kiến nghị, đề xuất. */
export interface ReportPart {
  code: 'I' | 'II' | 'III' | 'IV' | 'V';
  title: string;
  blocks: ReportBlock[];
}

/** Decree 30/2020 Appendix I header, title and date line, as printed. */
export interface ReportHeader {
  parent: string;
  agency: string;
  motto: [string, string];
  /** "Số: …/BC-SGDĐT" or "Số: 15/BC-SGDĐT". */
  number: string;
  /** "Đắk Nông, ngày … tháng … năm …" on a draft; the issue date once issued. */
  dateLine: string;
  /** ["BÁO CÁO", "Kết quả thực hiện công tác cải cách hành chính quý I năm 2021"]. */
  title: [string, string];
  /** "(Số liệu từ ngày 15/12/2020 đến ngày 14/3/2021)". */
  dataWindow: string;
  /** "Hạn gửi báo cáo: ngày 16/3/2021 (…)". */
  deadline: string;
}

export interface ReportSignature {
  recipientsTitle: string;
  recipients: string[];
  /** ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"] or ["GIÁM ĐỐC"]. */
  title: string[];
  signer: string;
}

/** Figures of one row of Biểu II.06a; received = resolved + pending + withdrawn on every row. */
export interface AnnexFigures {
  received: number;
  carriedOver: number;
  online: number;
  direct: number;
  postal: number;
  resolved: number;
  early: number;
  onTime: number;
  late: number;
  pending: number;
  /** Within time, including dossiers awaiting supplement. */
  pendingWithinTime: number;
  pendingOverdue: number;
  withdrawn: number;
}

export interface AnnexRow {
  kind: 'total' | 'unit' | 'field';
  stt: string;
  label: string;
  figures: AnnexFigures;
}

/** Biểu II.06a, on its own landscape page. */
export interface ReportAnnex {
  code: string;
  title: string;
  /** "Kỳ báo cáo: Quý I/2021 (Từ ngày 15/12/2020 đến ngày 14/3/2021)". */
  periodLine: string;
  reportingUnit: string;
  receivingUnit: string;
  unitOfMeasure: string;
  rows: AnnexRow[];
  /** Place and date above the head's signature. */
  dateLine: string;
  signatures: Array<{ title: string; note: string }>;
  /** When the per-procedure figures could not all be fetched: rows stop at the units. */
  note: string | null;
}

export interface ReportVersion {
  status: ReportStatus;
  /** 1, 2, … once issued; null for a draft. */
  version: number | null;
  /** sha256 of the content (see `hashReportContent`); null for a draft. */
  contentHash: string | null;
  issuedAt: string | null;
  /** "15/BC-SGDĐT" when the office has assigned one; otherwise left to fill in. */
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
  /** Plan-wide task counts by report status. */
  tasks: { total: number; byStatus: StatusCounts };
  sections: ReportSection[];
  tthc: ReportTthc;
  budget: ReportBudget;
  header: ReportHeader;
  introduction: string;
  parts: ReportPart[];
  closing: string;
  signature: ReportSignature;
  annex: ReportAnnex;
  version: ReportVersion;
}

export const DEFAULT_AGENCY: ReportAgency = {
  parent: 'UBND TỈNH ĐẮK NÔNG',
  name: 'SỞ GIÁO DỤC VÀ ĐÀO TẠO',
  displayName: 'Sở Giáo dục và Đào tạo',
  abbreviation: 'SGDĐT',
  place: 'Đắk Nông',
  annexRecipient: 'Văn phòng UBND tỉnh',
};

/** Vietnamese names of task statuses, as they read in a report. */
export const TASK_STATUS_LABELS: Record<ReportTaskStatus, string> = {
  not_started: 'Chưa triển khai',
  in_progress: 'Đang thực hiện',
  completed: 'Đã hoàn thành',
  overdue: 'Chậm tiến độ',
  not_reported: 'Chưa báo cáo',
  not_applicable: 'Không phát sinh',
};
