// The PAKN counts behind the `feedback.*` KPIs of architecture.md §5 (revision 2), two ways:
// - `rollupFeedbackCounts`: from the per-day counters of src/rollups/feedback-rollup-ddl.ts (what
//   production answers): months before the cut-off from feedback_kpi_month, the rest of the days
//   from feedback_kpi_day, so the cost does not depend on the number of feedback rows in scope;
// - `rowLevelFeedbackCounts`: the row-level definition over tthc.feedback, bounded by the period's
//   dates. Kept as the reference the rollup is tested against.
import { addCalendarDays } from '@cchc/calendar';
import { countRow } from '../database/count-row';
import type { CountScope } from './dossier-counts';
import { type Db, withoutParallelWorkers } from './serial-read';

export interface FeedbackCounts {
  received: number;
  resolved: number;
  resolved_on_time: number;
  pending: number;
  overdue: number;
}

// Open across `to`: received ≤ to < resolved (or unresolved). The same expression as the GiST index
// IDX_feedback_open_span, so that the three date conditions are three index scans.
const FEEDBACK_OPEN_SPAN = `daterange(received_date, CASE WHEN resolved_date IS NULL THEN NULL
  ELSE greatest(resolved_date, received_date) END, '[)')`;

/** Per key ('*' or a unit code) the PAKN counts of the scope, by the row-level definition. */
export async function rowLevelFeedbackCounts(db: Db, s: CountScope): Promise<Map<string, FeedbackCounts>> {
  // Scoped by procedure: the linked dossier's procedure by primary key, per feedback row of the period.
  const rows: Array<Record<string, string>> = await db.query(
    `SELECT ${s.byUnit ? 'unit_code' : "'*'"} AS k,
       count(*) FILTER (WHERE received_date BETWEEN $1 AND $2) AS received,
       count(*) FILTER (WHERE resolved_date BETWEEN $1 AND $2) AS resolved,
       count(*) FILTER (WHERE resolved_date BETWEEN $1 AND $2 AND resolved_date <= due_date) AS resolved_on_time,
       count(*) FILTER (WHERE received_date <= $2 AND (resolved_date IS NULL OR resolved_date > $2)) AS pending,
       count(*) FILTER (WHERE received_date <= $2 AND (resolved_date IS NULL OR resolved_date > $2) AND $2 > due_date) AS overdue
     FROM tthc.feedback f
     WHERE (received_date BETWEEN $1 AND $2 OR resolved_date BETWEEN $1 AND $2
         OR ${FEEDBACK_OPEN_SPAN} @> $2::date)
       AND ($3::text IS NULL OR unit_code = $3)
       AND ($4::text IS NULL OR CASE WHEN f.dossier_code IS NULL THEN false ELSE
         (SELECT d.procedure_code FROM tthc.dossier d WHERE d.dossier_code = f.dossier_code) = $4 END)
     ${s.byUnit ? 'GROUP BY unit_code' : ''}`,
    [s.from, s.to, s.unit, s.procedure],
  );
  return new Map(rows.map(({ k, ...counts }) => [k, countRow<FeedbackCounts>(counts)]));
}

/**
 * Prefix sums at `to` (p_to) and at `from − 1` (p_from) per key and counter key. $5 / $6: the
 * first day not covered by whole months ≤ to / ≤ from − 1 (parameters, so that the planner reads
 * the primary keys' ranges). A procedure scope never matches '' (a PAKN without a known dossier).
 */
const FEEDBACK_ROLLUP_SQL = (byUnit: boolean) => {
  const k = byUnit ? 'unit_code' : "'*'";
  const scope = `($3::text IS NULL OR unit_code = $3)
    AND ($4::text IS NULL OR (procedure_code = $4 AND procedure_code <> ''))`;
  return `SELECT k, key, sum(p_to)::text AS p_to, sum(p_from)::text AS p_from FROM (
    SELECT ${k} AS k, key, sum(n) FILTER (WHERE month < $5::date) AS p_to, sum(n) FILTER (WHERE month < $6::date) AS p_from
    FROM tthc.feedback_kpi_month WHERE month < $5::date AND ${scope} GROUP BY 1, 2
    UNION ALL
    SELECT ${k}, key, sum(n) FILTER (WHERE day >= $5::date), sum(n) FILTER (WHERE day < $1::date)
    FROM tthc.feedback_kpi_day WHERE day >= $5::date AND day <= $2::date AND ${scope} GROUP BY 1, 2
    UNION ALL
    SELECT ${k}, key, NULL, sum(n) FROM tthc.feedback_kpi_day
    WHERE day >= $6::date AND day < $1::date AND NOT (day >= $5::date AND day <= $2::date) AND ${scope} GROUP BY 1, 2
  ) AS t GROUP BY k, key`;
};

/** Per key ('*' or a unit code) the PAKN counts of the scope, from the counters. */
export async function rollupFeedbackCounts(db: Db, s: CountScope): Promise<Map<string, FeedbackCounts>> {
  const rows = await withoutParallelWorkers(db, (q) =>
    q.query<Array<{ k: string; key: string; p_to: string | null; p_from: string | null }>>(
      FEEDBACK_ROLLUP_SQL(s.byUnit),
      [s.from, s.to, s.unit, s.procedure, monthOf(addCalendarDays(s.to, 1)), monthOf(s.from)],
    ),
  );
  const sums = new Map<string, Map<string, { to: number; from: number }>>();
  for (const r of rows) {
    if (!sums.has(r.k)) sums.set(r.k, new Map());
    sums.get(r.k)!.set(r.key, { to: Number(r.p_to ?? 0), from: Number(r.p_from ?? 0) });
  }
  const out = new Map<string, FeedbackCounts>();
  for (const [k, keys] of sums) {
    const at = (key: string) => keys.get(key) ?? { to: 0, from: 0 };
    const inPeriod = (key: string) => at(key).to - at(key).from;
    const c: FeedbackCounts = {
      received: inPeriod('fb_rcv'),
      resolved: inPeriod('fb_res'),
      resolved_on_time: inPeriod('fb_res_on_time'),
      pending: at('fb_pending').to,
      overdue: at('fb_overdue').to,
    };
    // A unit whose only PAKN are outside the period reads as zeros: drop it as the row scan would.
    if (Object.values(c).some((v) => v !== 0)) out.set(k, c);
  }
  return out;
}

/** The first day of the month of `date` (YYYY-MM-DD). */
function monthOf(date: string): string {
  return `${date.slice(0, 7)}-01`;
}
