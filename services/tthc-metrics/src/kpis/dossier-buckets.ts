// The judgement of architecture.md §5 (revision 2) as SQL over the dossier projection: every
// in-scope dossier of the period with its bucket. Parameters: $1 from, $2 to, $3 unit or NULL,
// $4 procedure or NULL. The period-dependent facts were precomputed by the projection
// (dossiers/dossier-timeline.ts); here they are only read at `to`.
//
// - late by supplementation: `late_by_supplement_from <= to` (a second request, or a request after
//   the due date in force at it; QĐ 766, Decree 61/2018 Art. 15);
// - awaiting supplement at `to`: `to` lies in `awaiting_supplement` (the clock is stopped);
// - due date in force at `to`: the last supplement receipt dated ≤ to, else the dossier.received's;
// - resolved: judged against the due date in force at the resolution (`due_date_at_end`).
export const DOSSIER_BUCKETS_SQL = dossierBucketsSql(false);

/**
 * {@link DOSSIER_BUCKETS_SQL}, or with `irregularOnly` restricted to the dossiers the KPI rollups
 * leave out (`kpi_irregular`, read through the partial index IDX_dossier_kpi_irregular).
 */
export function dossierBucketsSql(irregularOnly: boolean): string {
  return `
  SELECT d.*,
    CASE
      WHEN d.end_kind = 'resolved' AND d.end_date <= $2 THEN
        CASE WHEN d.end_date > d.due_date_at_end OR d.supplement_late THEN 'late'
             WHEN d.end_date < d.due_date_at_end THEN 'early'
             ELSE 'on_time' END
      WHEN d.end_kind = 'withdrawn' AND d.end_date <= $2 THEN 'withdrawn'
      WHEN d.supplement_late OR (NOT d.awaiting AND $2::date > d.due_at_to) THEN 'overdue'
      WHEN d.awaiting THEN 'awaiting'
      ELSE 'within_time'
    END AS bucket
  FROM (
    SELECT x.*,
      COALESCE(x.late_by_supplement_from <= $2::date, false) AS supplement_late,
      x.awaiting_supplement @> $2::date AS awaiting,
      COALESCE((SELECT u.v FROM unnest(x.due_change_dates, x.due_change_values) WITH ORDINALITY AS u(d, v, i)
                WHERE u.d <= $2::date ORDER BY u.i DESC LIMIT 1), x.original_due_date) AS due_at_to
    FROM tthc.dossier x
    WHERE x.received_date <= $2::date AND (x.end_date IS NULL OR x.end_date >= $1::date)
      AND ($3::text IS NULL OR x.unit_code = $3) AND ($4::text IS NULL OR x.procedure_code = $4)
      ${irregularOnly ? 'AND x.kpi_irregular' : ''}
  ) AS d`;
}
