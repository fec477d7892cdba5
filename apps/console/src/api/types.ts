// The parts of the public HTTP API (README "HTTP API", architecture.md §3–§7) the console reads.
// The contracts the services answer with come from @cchc/contracts (type-only imports: nothing of
// it is bundled), so the console and the API cannot drift apart; the report shapes below are the
// reporting service's own model, of which the console reads a part.
import type {
  AtRiskDossiers,
  EvidenceView,
  PlanView,
  ProgressReview,
  ProgressView,
  ServiceIndexResult,
  TaskPeriodStatus,
  TaskView,
} from '@cchc/contracts';

export type {
  DossierDetail,
  DossierRow,
  DossierTimelineEvent as DossierEvent,
  KpiByUnitResult,
  KpiResult,
  PlanReminders,
  PlanSummary,
  ReminderTask,
} from '@cchc/contracts';

/** The roles of an API token (`Role` of @cchc/auth, which the browser bundle cannot import). */
export type Role = 'admin' | 'editor' | 'viewer' | 'ingest' | 'reviewer';

/** `GET /api/v1/auth/me`. */
export interface Me {
  name: string;
  role: Role;
  units: string[];
}

export type Unit = PlanView['units'][number];
export type AtRisk = AtRiskDossiers;
export type ServiceIndex = ServiceIndexResult;
export type TaskStatus = TaskPeriodStatus;
export type Evidence = EvidenceView;
export type Review = ProgressReview;
export type Progress = ProgressView;
export type Task = TaskView;
export type Plan = PlanView;

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
