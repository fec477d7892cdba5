// The Prometheus metric catalog: every metric the services export, defined once. Services create
// their prom-client metrics from these entries; dashboards/ and deploy/prometheus/ use the names, so
// a rename breaks the build (and the dashboard spec), not a panel.
//
// RENAMING A METRIC NEEDS A MIGRATION PLAN: recording rules, alerts, dashboards imported into other
// Grafana instances and stored history all refer to the name. Add the new name beside the old one.
//
// Rules (Prometheus naming guide): prefix `cchc_`, base units (`_seconds`, `_bytes`, `_vnd`),
// counters end in `_total`, statuses and outcomes are label values, every label value comes from a
// closed list below. Never a dossier code, feedback id, token, URL or user-supplied string.
//
// Plain TypeScript on purpose (no prom-client import): dashboards/ imports it at build time.

/** Prefix of every metric, also passed to prom-client's `collectDefaultMetrics({ prefix })`. */
export const METRIC_PREFIX = 'cchc_';

/**
 * Value of the `service` label on HTTP metrics: the service module that owns the route. Prometheus
 * also sets `job` to the same value per process in the distributed stack (deploy/prometheus), so
 * process-level metrics (memory, CPU) are told apart by `job`; the all-in-one process is one job.
 */
export const SERVICE_NAMES = ['plan-management', 'tthc-metrics', 'reporting'] as const;
export type MetricServiceName = (typeof SERVICE_NAMES)[number];

// Closed lists of label values. A value outside these lists is a bug in the caller.
export const TRANSPORTS = ['nats', 'http', 'in_process'] as const;
export const CHANNELS = ['direct', 'online', 'postal'] as const;
/** Resolved dossiers (architecture.md §5): before, on or after the due date. */
export const RESOLVED_TIMELINESS = ['early', 'on_time', 'late'] as const;
/** Unresolved dossiers at the cut-off: `to ≤ dueDate` is within time, otherwise overdue. */
export const PENDING_TIMELINESS = ['within_time', 'overdue'] as const;
/** Resolved feedback (PAKN): `resolvedDate ≤ dueDate` is on time. */
export const FEEDBACK_TIMELINESS = ['on_time', 'late'] as const;
/**
 * Why an event was rejected or dead-lettered. Categories, not messages: the reasons themselves are
 * kept in the dead-letter record.
 * - `malformed`: not JSON / not a CloudEvent envelope;
 * - `invalid`: envelope or `data` fails validation (missing field, bad date, bad unit code);
 * - `unknown_type`: a `type` outside the contract;
 * - `unit_forbidden`: the token or NATS subject does not cover the event's `unitCode`;
 * - `unstorable`: valid, yet the database refused it while it took the rest of its batch;
 * - `unit_mismatch`: a follow-up event for a dossier (or feedback) of another unit (rev. 2);
 * - `max_deliveries`: a transient failure repeated until `max_deliver` (poison message).
 */
export const REJECT_REASONS = [
  'malformed',
  'invalid',
  'unknown_type',
  'unit_forbidden',
  'unit_mismatch',
  'unstorable',
  'max_deliveries',
] as const;
export const REPORT_FORMATS = ['json', 'xlsx', 'docx'] as const;
export const OUTCOMES = ['success', 'error'] as const;
export const HTTP_STATUS_CLASSES = ['2xx', '3xx', '4xx', '5xx'] as const;
/** Same values as `TaskPeriodStatus` in plans.ts. */
export const PLAN_TASK_STATUSES = [
  'not_started',
  'in_progress',
  'completed',
  'overdue',
  'not_reported',
  'not_applicable',
] as const;
/** Why a task is on the reminders list (label `status` of `cchc_plan_reminders`). */
export const PLAN_REMINDER_STATUSES = ['not_reported', 'overdue'] as const;

export type MetricType = 'counter' | 'gauge' | 'histogram';

/**
 * Label names allowed anywhere in the catalog. `unit` is a unit code (`[a-z0-9-]{1,32}`, from the
 * procedure catalog or the plan, never from an unvalidated event); `section` is a plan section
 * (`I`…`VII`); `method` and `route` are the HTTP method and the Nest route template (`/api/v1/plans/:planId`),
 * never the raw URL.
 */
export type MetricLabel =
  | 'unit'
  | 'channel'
  | 'level'
  | 'timeliness'
  | 'status'
  | 'section'
  | 'format'
  | 'transport'
  | 'reason'
  | 'service'
  | 'outcome'
  | 'method'
  | 'route'
  | 'status_class'
  | 'group'
  | 'anomaly';

export interface MetricDefinition {
  readonly name: string;
  readonly help: string;
  readonly type: MetricType;
  readonly labels: readonly MetricLabel[];
  /** Bucket upper bounds (seconds) for histograms. */
  readonly buckets?: readonly number[];
}

// Shared bucket layouts, in seconds.
const FAST_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;
const REPORT_BUCKETS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120] as const;

/**
 * Every metric the services register. The comment above each group says which service exports it.
 * Gauges marked "current quarter" are computed from the database for the calendar quarter containing
 * today (Asia/Ho_Chi_Minh), refreshed every `KPI_GAUGE_REFRESH_SECONDS`, never per scrape; they are
 * set for every known unit (0 included) so that a unit with nothing to report still has a series.
 */
export const Metrics = {
  // --- tthc-metrics: ingestion (counted once per event id; HTTP and NATS alike) ---
  tthcEventsIngested: {
    name: 'cchc_tthc_events_ingested_total',
    help: 'TTHC events accepted and stored in the ledger (first time their id was seen).',
    type: 'counter',
    labels: ['unit', 'transport'],
  },
  tthcEventsRejected: {
    name: 'cchc_tthc_events_rejected_total',
    help: 'TTHC events rejected at validation, by reason category (no unit label: an invalid event has no trusted unit).',
    type: 'counter',
    labels: ['transport', 'reason'],
  },
  tthcEventsDuplicate: {
    name: 'cchc_tthc_events_duplicate_total',
    help: 'TTHC events whose id was already in the ledger (counted once, ignored).',
    type: 'counter',
    labels: ['unit', 'transport'],
  },
  tthcIngestBatchDuration: {
    name: 'cchc_tthc_ingest_batch_duration_seconds',
    help: 'Time to validate and commit one batch of TTHC events to PostgreSQL.',
    type: 'histogram',
    labels: ['transport'],
    buckets: FAST_BUCKETS,
  },
  tthcConsumerPending: {
    name: 'cchc_tthc_consumer_pending_messages',
    help: 'Messages of the TTHC_EVENTS stream not yet delivered to the durable consumer (num_pending); every replica reports the same consumer, aggregate with max().',
    type: 'gauge',
    labels: [],
  },
  tthcProcessingLag: {
    name: 'cchc_tthc_processing_lag_seconds',
    help: 'Seconds between JetStream storing an event and its batch being committed, for the last committed batch (0 when idle).',
    type: 'gauge',
    labels: [],
  },
  tthcDeadLetters: {
    name: 'cchc_tthc_dead_letters_total',
    help: 'TTHC messages written to the dead-letter table with their reasons.',
    type: 'counter',
    labels: ['transport', 'reason'],
  },

  // --- tthc-metrics: dossier flow (counted once per dossier when its projection changes) ---
  tthcDossiersReceived: {
    name: 'cchc_tthc_dossiers_received_total',
    help: 'Dossiers received (first dossier.received of a dossier code), by unit and channel.',
    type: 'counter',
    labels: ['unit', 'channel'],
  },
  tthcDossiersResolved: {
    name: 'cchc_tthc_dossiers_resolved_total',
    help: 'Dossiers resolved (earliest dossier.resolved, once its dossier.received is known), by timeliness early|on_time|late.',
    type: 'counter',
    labels: ['unit', 'timeliness'],
  },

  // --- tthc-metrics: current quarter, from the database (architecture.md §5, window calendar) ---
  tthcQuarterDossiersReceived: {
    name: 'cchc_tthc_quarter_dossiers_received',
    help: 'Current quarter to date: dossiers received in the quarter (received.online|direct|postal, carried-over excluded), by channel.',
    type: 'gauge',
    labels: ['unit', 'channel'],
  },
  tthcQuarterDossiersResolved: {
    name: 'cchc_tthc_quarter_dossiers_resolved',
    help: 'Current quarter to date: dossiers resolved in the quarter (resolved.early|onTime|late), by timeliness.',
    type: 'gauge',
    labels: ['unit', 'timeliness'],
  },
  tthcDossiersPending: {
    name: 'cchc_tthc_dossiers_pending',
    help: 'Dossiers neither resolved nor withdrawn as of today (pending.withinTime|overdue with to = today), by timeliness within_time|overdue.',
    type: 'gauge',
    labels: ['unit', 'timeliness'],
  },
  tthcDossiersLateWithoutApology: {
    name: 'cchc_tthc_dossiers_late_without_apology',
    help: 'Current quarter: late dossiers (resolved late or pending overdue) with no apology letter (apology.withoutApology).',
    type: 'gauge',
    labels: ['unit'],
  },
  tthcDossiersLate: {
    name: 'cchc_tthc_dossiers_late',
    help: 'Current quarter: late dossiers, resolved late or pending overdue (apology.lateDossiers); denominator of apology coverage.',
    type: 'gauge',
    labels: ['unit'],
  },
  tthcDossiersAtRisk: {
    name: 'cchc_tthc_dossiers_at_risk',
    help: 'Pending dossiers due within 1 working day, not yet overdue, with no apology letter.',
    type: 'gauge',
    labels: ['unit'],
  },
  tthcFeedbackOverdue: {
    name: 'cchc_tthc_feedback_overdue',
    help: 'PAKN received and unresolved as of today, past their due date (feedback.overdue).',
    type: 'gauge',
    labels: ['unit'],
  },
  tthcQuarterFeedbackResolved: {
    name: 'cchc_tthc_quarter_feedback_resolved',
    help: 'Current quarter to date: PAKN resolved in the quarter, by timeliness on_time (resolvedDate ≤ dueDate) | late.',
    type: 'gauge',
    labels: ['unit', 'timeliness'],
  },
  // --- tthc-metrics, revision 2: the QĐ 766 service index and data quality (current quarter) ---
  tthcServiceIndexScore: {
    name: 'cchc_service_index_score',
    help: 'Current quarter to date: QĐ 766 service index score of each group (1–5) over its measured indicators; absent when the group has no measured score.',
    type: 'gauge',
    labels: ['group'],
  },
  tthcServiceIndexNormalized: {
    name: 'cchc_service_index_normalized',
    help: 'Current quarter to date: QĐ 766 service index, 100 × score / maximum of the measured indicators.',
    type: 'gauge',
    labels: [],
  },
  tthcDossiersWithAnomalies: {
    name: 'cchc_tthc_quarter_dossiers_with_anomalies',
    help: 'Current quarter to date: in-scope dossiers with at least one data anomaly (dataQuality.anomalies of the KPIs).',
    type: 'gauge',
    labels: ['unit'],
  },
  tthcDossierAnomalies: {
    name: 'cchc_tthc_quarter_dossier_anomalies',
    help: 'Current quarter to date: in-scope dossiers showing each anomaly (a dossier may show several).',
    type: 'gauge',
    labels: ['anomaly'],
  },
  tthcCalendarCoveredUntil: {
    name: 'cchc_tthc_calendar_last_covered_year',
    help: 'Last year the working-day calendar in force has holiday data for; dates after it are outside coverage (architecture.md §5).',
    type: 'gauge',
    labels: [],
  },

  // --- plan-management: the current year's plan, from the database ---
  planTasks: {
    name: 'cchc_plan_tasks',
    help: 'Tasks of the current plan by latest progress status and plan section.',
    type: 'gauge',
    labels: ['status', 'section'],
  },
  planLeadUnitTasks: {
    name: 'cchc_plan_lead_unit_tasks',
    help: 'Tasks of the current plan by lead unit and latest status (a task with two lead units counts for each).',
    type: 'gauge',
    labels: ['unit', 'status'],
  },
  planTasksDue: {
    name: 'cchc_plan_tasks_due',
    help: 'Tasks of the current plan whose timeframe ends on or before today (recurring tasks: due at year end).',
    type: 'gauge',
    labels: ['section'],
  },
  planTasksOverdue: {
    name: 'cchc_plan_tasks_overdue',
    help: 'Tasks of the current plan past their timeframe and not completed (the summary overdueTasks).',
    type: 'gauge',
    labels: ['section'],
  },
  planPendingReview: {
    name: 'cchc_plan_progress_pending_review',
    help: 'Progress reports of the current plan waiting for the Văn phòng review, by lead unit (revision 2).',
    type: 'gauge',
    labels: ['unit'],
  },
  planReminders: {
    name: 'cchc_plan_reminders',
    help: 'Tasks of the current plan on the reminders list, by lead unit and status not_reported (report missing within REMINDER_DAYS working days of the cut-off) | overdue; recomputed on a clock.',
    type: 'gauge',
    labels: ['unit', 'status'],
  },
  planBudgetPlanned: {
    name: 'cchc_plan_budget_planned_vnd',
    help: 'Budget planned for the current plan in VND (budgetMillionVnd × 1,000,000: base unit), by section.',
    type: 'gauge',
    labels: ['section'],
  },

  // --- reporting ---
  reportsGenerated: {
    name: 'cchc_reports_generated_total',
    help: 'Reports generated (drafts and issued), by format and outcome success|error.',
    type: 'counter',
    labels: ['format', 'outcome'],
  },
  reportGenerationDuration: {
    name: 'cchc_report_generation_duration_seconds',
    help: 'Time to gather data and render one report, by format.',
    type: 'histogram',
    labels: ['format'],
    buckets: REPORT_BUCKETS,
  },

  // --- every service (libs/observability): one HTTP middleware ---
  httpRequestDuration: {
    name: 'cchc_http_request_duration_seconds',
    help: 'HTTP request duration by owning service, method, route template and status class.',
    type: 'histogram',
    labels: ['service', 'method', 'route', 'status_class'],
    buckets: FAST_BUCKETS,
  },
} as const satisfies Record<string, MetricDefinition>;

export type MetricKey = keyof typeof Metrics;

/**
 * prom-client default metrics (`collectDefaultMetrics({ prefix: METRIC_PREFIX })`) that dashboards
 * use. Not created from the catalog, listed so that their names are constants too.
 */
export const DefaultMetrics = {
  processResidentMemory: { name: 'cchc_process_resident_memory_bytes', type: 'gauge' },
  processCpuSeconds: { name: 'cchc_process_cpu_seconds_total', type: 'counter' },
  nodejsHeapUsed: { name: 'cchc_nodejs_heap_size_used_bytes', type: 'gauge' },
  nodejsEventLoopLagP99: { name: 'cchc_nodejs_eventloop_lag_p99_seconds', type: 'gauge' },
} as const;

/**
 * Series computed by Prometheus recording rules (deploy/prometheus/rules/recording.yml) from the
 * gauges above. Ratios of units cannot be averaged into a department ratio, so the services export
 * counts and the ratios are derived here, per unit (`unit:`) and for the whole department
 * (`department:`, summed over units). A zero denominator gives no sample, like `null` in §5.
 */
export const RecordedMetrics = {
  onTimeRateByUnit: 'unit:cchc_tthc_on_time_rate:ratio',
  onTimeRate: 'department:cchc_tthc_on_time_rate:ratio',
  onlineShareByUnit: 'unit:cchc_tthc_online_share:ratio',
  onlineShare: 'department:cchc_tthc_online_share:ratio',
  postalShareByUnit: 'unit:cchc_tthc_postal_share:ratio',
  postalShare: 'department:cchc_tthc_postal_share:ratio',
  apologyCoverageByUnit: 'unit:cchc_tthc_apology_coverage:ratio',
  apologyCoverage: 'department:cchc_tthc_apology_coverage:ratio',
  feedbackOnTimeRateByUnit: 'unit:cchc_tthc_feedback_on_time_rate:ratio',
  feedbackOnTimeRate: 'department:cchc_tthc_feedback_on_time_rate:ratio',
} as const;

/** Histogram series suffixes exposed by Prometheus for a histogram `name`. */
export const HISTOGRAM_SUFFIXES = ['_bucket', '_sum', '_count'] as const;
