// NATS subjects, stream and pattern names shared between services and one-stop systems.
//
// CHANGING ANY VALUE HERE NEEDS A MIGRATION PLAN: one-stop systems publish to the TTHC subjects,
// deployed consumers are bound to the stream by name, and running replicas of other services send
// these patterns. Add a new version (`.v2`) beside the old one instead of editing it.

/** JetStream stream holding every TTHC dossier and feedback event (architecture.md §4). */
export const TTHC_STREAM = 'TTHC_EVENTS';
/** Subjects captured by {@link TTHC_STREAM}. */
export const TTHC_STREAM_SUBJECTS = 'tthc.v1.>';
/** Durable pull consumer shared by all tthc-metrics replicas (work-queue semantics). */
export const TTHC_CONSUMER = 'tthc-metrics-ledger';

/**
 * Subject a one-stop system publishes an event to: `tthc.v1.<unitCode>.<type without prefix and
 * version>`, for example `tthc.v1.vp.dossier.received` for `vn.cchc.tthc.dossier.received.v1`.
 */
export function tthcSubject(unitCode: string, eventType: string): string {
  const short = eventType.replace(/^vn\.cchc\.tthc\./, '').replace(/\.v\d+$/, '');
  return `tthc.v1.${unitCode}.${short}`;
}

/** Request-reply queries (`cchc.<context>.query.<name>.v<major>`) and internal events. */
export const Patterns = {
  plans: {
    list: 'cchc.plan.query.list-plans.v1',
    get: 'cchc.plan.query.get-plan.v1',
    summary: 'cchc.plan.query.plan-summary.v1',
    progressRecorded: 'cchc.plan.task.progress-recorded.v1',
  },
  tthc: {
    kpis: 'cchc.tthc.query.kpis.v1',
    kpisByUnit: 'cchc.tthc.query.kpis-by-unit.v1',
    procedures: 'cchc.tthc.query.procedures.v1',
    /** Revision 2: the QĐ 766 service index of architecture.md §5b. */
    serviceIndex: 'cchc.tthc.query.service-index.v1',
  },
  reports: {
    issued: 'cchc.report.report.issued.v1',
  },
} as const;

/** Queue group so that replicas of one service share request-reply traffic. */
export function queueGroup(service: string): string {
  return `cchc-${service}`;
}
