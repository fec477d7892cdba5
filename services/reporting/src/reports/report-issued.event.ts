import type { KpiWindow } from '@cchc/contracts';

/**
 * Payload of `Patterns.reports.issued` (cchc.report.report.issued.v1), emitted once a report
 * version is stored. A breaking change to this shape is a new pattern version.
 */
export interface ReportIssuedEvent {
  period: string;
  window: KpiWindow;
  /** Unit the TTHC figures are scoped to; null for the whole department. */
  unit: string | null;
  version: number;
  contentHash: string;
  issuedAt: string;
}
