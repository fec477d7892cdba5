// The audit trail (architecture.md §6, revision 2) as `GET /api/v1/audit` serves it.

/** One recorded write: who (token prefix and role), when, what, before and after. */
export interface AuditEntryView {
  /** Increasing; pass the last one as `after` for the next page. */
  id: string;
  at: string;
  service: string;
  actor: { prefix: string; role: string; name: string | null };
  /** `<entity>.<verb>` in the past tense, e.g. `plan.progress.approved`. */
  action: string;
  /** e.g. `plan.progress`, `plan.plan`, `auth.token`. */
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

export interface AuditPage {
  entries: AuditEntryView[];
  /** The `after` of the next page, or null when this one is the last. */
  next: string | null;
}
