// Views of single dossiers served by tthc-metrics (`GET /api/v1/tthc/dossiers/…`, architecture.md §4–§5)
// and read by the web console.

/** One dossier as the look-up routes answer it (a row of the dossier projection). */
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

/** `GET /api/v1/tthc/dossiers/at-risk`: open dossiers due by `dueBy` with no apology letter yet. */
export interface AtRiskDossiers {
  asOf: string;
  dueBy: string;
  dossiers: DossierRow[];
}

/** A stored event of a dossier, as its timeline shows it (the envelope, §4). */
export interface DossierTimelineEvent {
  id: string;
  type: string;
  time: string;
  subject?: string;
  data: Record<string, unknown>;
}

/** `GET /api/v1/tthc/dossiers/{code}`: the dossier (null while only follow-ups are known) and its events. */
export interface DossierDetail {
  dossier: DossierRow | null;
  events: DossierTimelineEvent[];
}
