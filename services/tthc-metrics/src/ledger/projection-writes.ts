import type { EntityManager } from 'typeorm';
import type { TthcEvent } from '@cchc/contracts';
import { multirangeLiteral } from '../dossiers/dossier-timeline';
import type { DossierProjection } from '../dossiers/dossier-projection';
import type { FeedbackProjection } from '../dossiers/feedback-projection';
import type { DossierFoldState } from '../dossiers/dossier-fold-state';
import { unnestParam, wireType } from './unnest-params';

/** One data-modifying statement, its placeholders numbered from `$<offset + 1>`. */
export interface Part {
  sql: (offset: number) => string;
  params: unknown[];
}

/**
 * Writes a batch's dossier and feedback projections and its procedure announcements in ONE
 * statement (data-modifying CTEs on two tables, the announcements as the main query), so a batch
 * pays one round trip for all of them (issue 10 item 2).
 *
 * The announcements are written after the dossier rows, on purpose: their rows are shared by every
 * batch, and an upsert locks a conflicting row until the commit even when its WHERE refuses the
 * update. As a third CTE they were written first (PostgreSQL runs unreferenced CTEs last-written
 * first), so a concurrent lane waited for this one's whole projection write, triggers and commit
 * (measured: docs/benchmarks.md, session 17). The main query reads a count of the dossier upsert's
 * RETURNING rows before its own first row, which runs that upsert to completion first; the KPI
 * rollup triggers fire at the end of the statement, so both shared locks are taken in the short
 * section that ends with the commit.
 */
export async function writeProjections(
  em: EntityManager,
  dossiers: DossierProjection[],
  feedback: FeedbackProjection[],
  accepted: TthcEvent[],
  projectionVersion: number,
  foldStates: ReadonlyMap<string, DossierFoldState> = new Map(),
): Promise<void> {
  const dossierPart = dossierUpsert(dossiers, projectionVersion, foldStates);
  const parts = [dossierPart, feedbackUpsert(feedback, projectionVersion)].filter(
    (p): p is Part => p !== null,
  );
  const announcements = procedureAnnouncements(
    accepted,
    dossierPart ? '(SELECT count(*) FROM w0) >= 0' : 'true',
  );
  if (parts.length === 0 && announcements === null) return;
  let offset = 0;
  const params: unknown[] = [];
  const ctes = parts.map((p, i) => {
    const sql = `w${i} AS (${p.sql(offset)})`;
    offset += p.params.length;
    params.push(...p.params);
    return sql;
  });
  const main = announcements ? announcements.sql(offset) : 'SELECT 1';
  if (announcements) params.push(...announcements.params);
  await em.query(ctes.length > 0 ? `WITH ${ctes.join(',\n')}\n${main}` : main, params);
}

/**
 * The columns of a tthc.dossier row (besides updated_at and the generated kpi_irregular), their
 * types and values: array-valued columns as PostgreSQL literals (arrays of arrays do not pass
 * through unnest), the fold state as JSON text (the upsert stamps its `at`). Also the bulk
 * loader's COPY rows (tools/bulk-loader).
 */
export function dossierColumns(
  projectionVersion: number,
  foldStates: ReadonlyMap<string, DossierFoldState>,
): Array<[string, string, (d: DossierProjection) => string | number | boolean | null]> {
  return [
    ['dossier_code', 'text', (d) => d.dossierCode],
    ['unit_code', 'text', (d) => d.unitCode],
    ['procedure_code', 'text', (d) => d.procedureCode],
    ['channel', 'text', (d) => d.channel],
    ['procedure_level', 'smallint', (d) => d.procedureLevel],
    ['received_at', 'timestamptz', (d) => d.receivedAt],
    ['received_date', 'date', (d) => d.receivedDate],
    ['due_date', 'date', (d) => d.dueDate],
    ['rescheduled_due_date', 'date', (d) => d.rescheduledDueDate],
    ['end_kind', 'text', (d) => (d.resolvedDate ? 'resolved' : d.withdrawnDate ? 'withdrawn' : null)],
    ['end_date', 'date', (d) => d.resolvedDate ?? d.withdrawnDate],
    ['outcome', 'text', (d) => d.outcome],
    ['has_apology', 'boolean', (d) => d.hasApology],
    ['apology_count', 'int', (d) => d.apologyCount],
    ['supplement_request_count', 'int', (d) => d.supplementRequestCount],
    ['postal_return_dates', 'date[]', (d) => `{${d.postalReturnDates.join(',')}}`],
    ['anomalies', 'text[]', (d) => `{${d.anomalies.join(',')}}`],
    ['original_due_date', 'date', (d) => d.originalDueDate],
    ['due_change_dates', 'date[]', (d) => `{${d.timeline.dueChanges.map((c) => c.date).join(',')}}`],
    ['due_change_values', 'date[]', (d) => `{${d.timeline.dueChanges.map((c) => c.dueDate).join(',')}}`],
    ['late_by_supplement_from', 'date', (d) => d.timeline.lateBySupplementFrom],
    ['awaiting_supplement', 'datemultirange', (d) => multirangeLiteral(d.timeline.awaitingRanges)],
    ['due_date_at_end', 'date', (d) => d.dueDateAtEnd],
    ['first_apology_date', 'date', (d) => d.firstApologyDate],
    ['first_apology_in_time', 'boolean', (d) => d.firstApologyInTime],
    ['digitized', 'boolean', (d) => d.digitized],
    ['reused_data', 'boolean', (d) => d.reusedData],
    ['e_result', 'boolean', (d) => d.eResult],
    ['first_online_payment_date', 'date', (d) => d.firstOnlinePaymentDate],
    ['first_dissatisfied_date', 'date', (d) => d.firstDissatisfiedDate],
    ['projection_version', 'smallint', () => projectionVersion],
    [
      'fold_state',
      'jsonb',
      (d) => (foldStates.has(d.dossierCode) ? JSON.stringify(foldStates.get(d.dossierCode)) : null),
    ],
  ];
}

function dossierUpsert(
  ds: DossierProjection[],
  projectionVersion: number,
  foldStates: ReadonlyMap<string, DossierFoldState>,
): Part | null {
  if (ds.length === 0) return null;
  const columns = dossierColumns(projectionVersion, foldStates);
  const names = columns.map(([name]) => name);
  // The fold state carries the row's updated_at (the transaction's now(), as epoch seconds): a
  // writer that updates the row without keeping the state makes them differ, and the ledger then
  // re-folds that dossier from its stored events (batch-reads.ts).
  const selected = (name: string, type: string) =>
    name === 'fold_state'
      ? `jsonb_set(fold_state::jsonb, '{at}', to_jsonb(extract(epoch FROM now())))`
      : wireType(type) === type
        ? name
        : `${name}::${type}`;
  return {
    sql: (offset) => `INSERT INTO tthc.dossier (${names.join(', ')}, updated_at)
     SELECT ${columns.map(([name, type]) => selected(name, type)).join(', ')}, now()
     FROM unnest(${columns.map(([, type], i) => `$${offset + i + 1}::${wireType(type)}[]`).join(', ')}) AS t(${names.join(', ')})
     ON CONFLICT (dossier_code) DO UPDATE SET
       ${names
         .filter((n) => n !== 'dossier_code')
         .map((n) => `${n} = EXCLUDED.${n}`)
         .join(', ')}, updated_at = now()
     RETURNING 1`,
    params: columns.map(([, type, value]) => unnestParam(type, ds.map(value))),
  };
}

/** The columns of a tthc.feedback row before projection_version and updated_at, with their values. */
export const FEEDBACK_COLUMNS: ReadonlyArray<
  readonly [string, string, (f: FeedbackProjection) => string | null]
> = [
  ['feedback_id', 'text', (f) => f.feedbackId],
  ['unit_code', 'text', (f) => f.unitCode],
  ['channel', 'text', (f) => f.channel],
  ['received_date', 'date', (f) => f.receivedDate],
  ['due_date', 'date', (f) => f.dueDate],
  ['resolved_date', 'date', (f) => f.resolvedDate],
  ['dossier_code', 'text', (f) => f.dossierCode],
  ['satisfaction', 'text', (f) => f.satisfaction],
];

function feedbackUpsert(fs: FeedbackProjection[], projectionVersion: number): Part | null {
  if (fs.length === 0) return null;
  return {
    sql: (
      o,
    ) => `INSERT INTO tthc.feedback (${FEEDBACK_COLUMNS.map(([name]) => name).join(', ')}, projection_version, updated_at)
     SELECT *, ${Number(projectionVersion)}::smallint, now()
     FROM unnest(${FEEDBACK_COLUMNS.map(([, type], i) => `$${o + i + 1}::${wireType(type)}[]`).join(', ')})
     ON CONFLICT (feedback_id) DO UPDATE SET unit_code = EXCLUDED.unit_code, channel = EXCLUDED.channel,
       received_date = EXCLUDED.received_date, due_date = EXCLUDED.due_date, resolved_date = EXCLUDED.resolved_date,
       dossier_code = EXCLUDED.dossier_code, satisfaction = EXCLUDED.satisfaction,
       projection_version = EXCLUDED.projection_version, updated_at = now()`,
    params: FEEDBACK_COLUMNS.map(([, type, value]) => unnestParam(type, fs.map(value))),
  };
}

/**
 * The procedure announcements of the accepted events: one upsert (also run by the bulk loader);
 * `after`: a condition its rows wait for (see writeProjections).
 */
export function procedureAnnouncements(accepted: readonly TthcEvent[], after = 'true'): Part | null {
  // architecture.md §5: a procedureLevel for a procedure the catalog does not know adds it; the
  // latest announcement (by envelope time) gives its level and unit.
  const latest = new Map<string, { unit: string; level: number; time: string }>();
  for (const e of accepted) {
    if (e.type !== 'vn.cchc.tthc.dossier.received.v1' || e.data.procedureLevel === undefined) continue;
    const prev = latest.get(e.data.procedureCode);
    if (!prev || Date.parse(e.time) > Date.parse(prev.time)) {
      latest.set(e.data.procedureCode, { unit: e.data.unitCode, level: e.data.procedureLevel, time: e.time });
    }
  }
  if (latest.size === 0) return null;
  // Sorted: concurrent batches upsert shared rows in one order.
  const codes = [...latest.keys()].sort();
  return {
    sql: (o) => `INSERT INTO tthc.procedure_announcement (code, unit_code, level, announced_at)
     SELECT * FROM unnest($${o + 1}::text[], $${o + 2}::text[], $${o + 3}::smallint[], $${o + 4}::timestamptz[])
     WHERE ${after}
     ON CONFLICT (code) DO UPDATE SET unit_code = EXCLUDED.unit_code, level = EXCLUDED.level,
       announced_at = EXCLUDED.announced_at
     WHERE tthc.procedure_announcement.announced_at < EXCLUDED.announced_at`,
    params: [
      codes,
      codes.map((c) => latest.get(c)!.unit),
      codes.map((c) => latest.get(c)!.level),
      codes.map((c) => latest.get(c)!.time),
    ],
  };
}
