// The KPI contract of architecture.md §5. Field names and meanings are fixed: acceptance tests and
// the reporting service depend on them.

export type KpiWindow = 'calendar' | 'decree09';

export interface KpiQuery {
  /** `YYYY-Qn`, `YYYY-Hn`, `YYYY-9M`, `YYYY`, `YYYY-MM`; or give `from` and `to`. */
  period?: string;
  from?: string;
  to?: string;
  window?: KpiWindow;
  unit?: string;
  procedure?: string;
}

export interface KpiResult {
  period: { from: string; to: string; window: KpiWindow };
  scope: { unit: string | null; procedure: string | null };
  received: { total: number; online: number; direct: number; postal: number; carriedOver: number };
  resolved: { total: number; early: number; onTime: number; late: number };
  /** Revision 2: `awaitingSupplement` (the clock stops while the applicant completes the dossier). */
  pending: { total: number; withinTime: number; awaitingSupplement: number; overdue: number };
  withdrawn: number;
  onTimeRate: number | null;
  /** Revision 2: only letters dated ≤ `to` count; `inTime` per Decree 61/2018 Art. 19.9. */
  apology: {
    lateDossiers: number;
    withApology: number;
    withoutApology: number;
    coverage: number | null;
    inTime: number;
    inTimeRate: number | null;
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
  /** Revision 2: in-scope dossiers with at least one anomaly (GET /api/v1/tthc/dossiers/anomalies). */
  dataQuality: { anomalies: number };
}

/** One row per unit (plus the department total) for dashboards and the Biểu II.06a table. */
export interface KpiByUnitResult {
  period: KpiResult['period'];
  total: KpiResult;
  units: Array<{ unit: string; kpis: KpiResult }>;
}
