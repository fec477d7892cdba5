// The KPI rollups (issue 10 item 1; docs/decisions/0014-kpi-rollups.md): what one dossier row of
// tthc.dossier contributes to per-day counters, and the statement-level triggers that keep the
// counters equal to the sum of the contributions of the current rows, in the same transaction.
//
// Every KPI count of architecture.md §5 (revision 2) for a period [from, to] is a sum of
// contributions (kpis/rollup-counts.ts reads them):
// - `kpi_day` / `kpi_month` hold plain counters per (unit, procedure, day, key); the query needs
//   prefix sums "day ≤ D" at D = to and D = from − 1 (months before D's month from kpi_month, the
//   rest of the days from kpi_day), so a period costs months of history + at most 62 days of rows;
// - event keys (`rcv_<channel>` on the receipt date; `early`, `on_time`, `late`, `withdrawn`,
//   `late_apology`, `late_apology_in_time` on the end date; `postal_returned` on the return date)
//   count on a day in [from, to]: prefix(to) − prefix(from − 1);
// - state keys are DELTAS: an open dossier adds +1 to its state (`within_time`, `awaiting`,
//   `overdue`, and `overdue_apology[_in_time]` for an overdue one with a first apology dated ≤ the
//   day) the day it enters it and −1 the day it leaves it, so prefix(to) is the state at `to`, and
//   prefix(from − 1) of the three states is `carried_over` (received before `from`, not ended
//   before `from`);
// - `anom_in` (receipt date) and `anom_out` (end date) of dossiers with anomalies: in scope at
//   [from, to] is prefix_to(anom_in) − prefix_{from−1}(anom_out);
// - `kpi_span` holds counters per (unit, procedure, since, day, key) that count when
//   `since ≥ from AND day ≤ to` (since ≤ day): a fact that needs one date ≥ from and others ≤ to,
//   e.g. a return by post after the end (return ≤ to, end ≥ from), a resolution whose
//   late-by-supplementation date or first apology comes after it (end ≥ from, that date ≤ to).
//
// - the service index (§5b; docs/decisions/0015-service-index-rollups.md) adds event keys
//   (`rcv_digitized`, `rcv_reused` on the receipt; `res_eres` on the resolution; `anom_in:<kind>` /
//   `anom_out:<kind>` per anomaly) and span keys (`rcv_online_eres`, `rcv_digitized_eres`: received
//   ≥ from, resolved with an e-result ≤ to; `rcv_paid_online`: received ≥ from, paid online ≤ to;
//   `res_dissat`: resolved ≥ from, rated dissatisfied ≤ to), read per procedure by
//   service-index/service-index-counts.ts.
//
// A dossier whose end is before its receipt, or with several postal return dates, is not in the
// counters (`kpi_irregular`, a generated column): the KPI query counts those rows one by one with
// the row-level SQL, through the partial index IDX_dossier_kpi_irregular.

/** The columns of a tthc.dossier row (alias `r`) that the contributions depend on, in order. */
export function kpiContributionArgs(r: string): string {
  return [
    'channel',
    'received_date',
    'end_kind',
    'end_date',
    'due_date_at_end',
    'late_by_supplement_from',
    'first_apology_date',
    'first_apology_in_time',
    'postal_return_dates',
    'anomalies',
    'original_due_date',
    'due_change_dates',
    'due_change_values',
    'awaiting_supplement',
    'kpi_irregular',
    'digitized',
    'reused_data',
    'e_result',
    'first_online_payment_date',
    'first_dissatisfied_date',
  ]
    .map((c) => `${r}.${c}`)
    .join(', ');
}

// Counters are small and updated by every batch: half-empty pages keep the updates HOT (same page,
// no index entry) and a low vacuum threshold keeps the dead versions from piling up under ingest.
const COUNTER_STORAGE =
  'fillfactor = 50, autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.05';

export const KPI_ROLLUP_TABLES = [
  `CREATE TABLE "tthc"."kpi_day" (
    "day" date NOT NULL, "unit_code" text NOT NULL, "procedure_code" text NOT NULL, "key" text NOT NULL,
    "n" bigint NOT NULL,
    CONSTRAINT "PK_kpi_day" PRIMARY KEY ("day", "unit_code", "procedure_code", "key")) WITH (${COUNTER_STORAGE})`,
  `CREATE TABLE "tthc"."kpi_month" (
    "month" date NOT NULL, "unit_code" text NOT NULL, "procedure_code" text NOT NULL, "key" text NOT NULL,
    "n" bigint NOT NULL,
    CONSTRAINT "PK_kpi_month" PRIMARY KEY ("month", "unit_code", "procedure_code", "key")) WITH (${COUNTER_STORAGE})`,
  `CREATE TABLE "tthc"."kpi_span" (
    "since" date NOT NULL, "day" date NOT NULL, "unit_code" text NOT NULL, "procedure_code" text NOT NULL,
    "key" text NOT NULL, "n" bigint NOT NULL,
    CONSTRAINT "PK_kpi_span" PRIMARY KEY ("since", "day", "unit_code", "procedure_code", "key")) WITH (${COUNTER_STORAGE})`,
];

/**
 * One dossier row's contributions: (key, since, day, n); `since` NULL for a plain counter. The
 * state deltas walk the dates where the judgement of DOSSIER_BUCKETS_SQL at a cut-off can change
 * (receipt, late-by-supplementation date, first apology, each due-date change and the day after
 * each due date, each awaiting-supplement range bound) between the receipt and the end.
 */
export const KPI_CONTRIBUTIONS_FUNCTION = `
CREATE FUNCTION "tthc"."kpi_contributions"(p_channel text, p_r date, p_kind text, p_e date, p_de date,
  p_l date, p_a date, p_it boolean, p_postal date[], p_anomalies text[], p_due date, p_due_dates date[],
  p_due_values date[], p_awaiting datemultirange, p_irregular boolean, p_digitized boolean, p_reused boolean,
  p_eres boolean, p_paid date, p_dissat date)
RETURNS TABLE (key text, since date, day date, n integer)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
  WITH res AS (
    SELECT CASE WHEN p_e > p_de THEN 'late' WHEN p_e < p_de THEN 'early' ELSE 'on_time' END AS b0,
      CASE WHEN p_e > p_de OR p_l <= p_e THEN p_e ELSE p_l END AS late_day
    WHERE p_kind = 'resolved' AND NOT p_irregular
  ),
  bp AS (
    SELECT s.b, coalesce(lead(s.b) OVER (ORDER BY s.b), p_e) AS nxt
    FROM (SELECT DISTINCT u.b FROM (
        SELECT p_r AS b UNION ALL SELECT p_l UNION ALL SELECT p_a
        UNION ALL SELECT unnest(p_due_dates) UNION ALL SELECT p_due + 1
        UNION ALL SELECT v + 1 FROM unnest(p_due_values) AS v
        UNION ALL SELECT lower(m) FROM unnest(p_awaiting) AS m
        UNION ALL SELECT upper(m) FROM unnest(p_awaiting) AS m) AS u
      WHERE u.b IS NOT NULL AND u.b >= p_r AND (p_e IS NULL OR u.b < p_e) AND NOT p_irregular) AS s
  ),
  st AS (
    SELECT bp.b, bp.nxt, z.aw,
      COALESCE(p_l <= bp.b, false) OR (NOT z.aw AND bp.b > z.due_at) AS ov,
      COALESCE(p_a <= bp.b, false) AS ap
    FROM bp, LATERAL (SELECT p_awaiting @> bp.b AS aw,
      COALESCE((SELECT u.v FROM unnest(p_due_dates, p_due_values) WITH ORDINALITY AS u(d, v, i)
                WHERE u.d <= bp.b ORDER BY u.i DESC LIMIT 1), p_due) AS due_at) AS z
  ),
  ind AS (
    SELECT st.b, st.nxt, k.key FROM st, LATERAL (VALUES
      ('within_time', NOT st.ov AND NOT st.aw), ('awaiting', NOT st.ov AND st.aw), ('overdue', st.ov),
      ('overdue_apology', st.ov AND st.ap), ('overdue_apology_in_time', st.ov AND st.ap AND p_it)) AS k(key, active)
    WHERE k.active
  )
  SELECT 'rcv_' || p_channel, NULL::date, p_r, 1 WHERE NOT p_irregular
  UNION ALL SELECT CASE WHEN res.late_day = p_e THEN 'late' ELSE res.b0 END, NULL, p_e, 1 FROM res
  UNION ALL SELECT res.b0, p_e, res.late_day, -1 FROM res WHERE res.late_day > p_e
  UNION ALL SELECT 'late', p_e, res.late_day, 1 FROM res WHERE res.late_day > p_e
  UNION ALL SELECT v.k, CASE WHEN greatest(res.late_day, p_a) = p_e THEN NULL ELSE p_e END,
      greatest(res.late_day, p_a), 1
    FROM res, LATERAL (VALUES ('late_apology', true), ('late_apology_in_time', p_it)) AS v(k, active)
    WHERE res.late_day IS NOT NULL AND p_a IS NOT NULL AND v.active
  UNION ALL SELECT 'withdrawn', NULL, p_e, 1 WHERE p_kind = 'withdrawn' AND NOT p_irregular
  UNION ALL SELECT 'anom_in', NULL, p_r, 1 WHERE cardinality(p_anomalies) > 0 AND NOT p_irregular
  UNION ALL SELECT 'anom_out', NULL, p_e, 1
    WHERE cardinality(p_anomalies) > 0 AND p_e IS NOT NULL AND NOT p_irregular
  UNION ALL SELECT 'postal_returned', CASE WHEN g.s = g.d THEN NULL ELSE g.s END, g.d, 1
    FROM (SELECT least(p_postal[1], p_e) AS s, greatest(p_postal[1], p_r) AS d) AS g
    WHERE p_postal[1] IS NOT NULL AND NOT p_irregular
  UNION ALL SELECT ind.key, NULL, ind.b, 1 FROM ind
  UNION ALL SELECT ind.key, NULL, ind.nxt, -1 FROM ind WHERE ind.nxt IS NOT NULL
  -- The service index (§5b; ADR 0015): receipt facts, e-results, payments, ratings, anomalies by kind.
  UNION ALL SELECT v.k, NULL, p_r, 1 FROM (VALUES ('rcv_digitized', p_digitized), ('rcv_reused', p_reused)) AS v(k, active)
    WHERE v.active AND NOT p_irregular
  UNION ALL SELECT 'rcv_paid_online', CASE WHEN p_paid <= p_r THEN NULL ELSE p_r END, greatest(p_r, p_paid), 1
    WHERE p_paid IS NOT NULL AND NOT p_irregular
  UNION ALL SELECT v.k, CASE WHEN p_e = p_r THEN NULL ELSE p_r END, p_e, 1
    FROM res, LATERAL (VALUES ('rcv_online_eres', p_channel = 'online'), ('rcv_digitized_eres', p_digitized)) AS v(k, active)
    WHERE p_eres AND v.active
  UNION ALL SELECT 'res_eres', NULL, p_e, 1 FROM res WHERE p_eres
  UNION ALL SELECT 'res_dissat', CASE WHEN p_dissat <= p_e THEN NULL ELSE p_e END, greatest(p_e, p_dissat), 1
    FROM res WHERE p_dissat IS NOT NULL
  UNION ALL SELECT 'anom_in:' || a, NULL, p_r, 1 FROM unnest(p_anomalies) AS a WHERE NOT p_irregular
  UNION ALL SELECT 'anom_out:' || a, NULL, p_e, 1 FROM unnest(p_anomalies) AS a
    WHERE p_e IS NOT NULL AND NOT p_irregular
$fn$`;

/** The advisory lock (int4, int4) of the counter updates. */
export const KPI_ROLLUP_LOCK = [1796200000, 1] as const;

/** The contributions of the rows of `table` (a relation or transition table), times `sign`. */
export function contributionsOf(table: string, sign: 1 | -1): string {
  return `SELECT r.unit_code, r.procedure_code, c.key, c.since, c.day, ${sign} * c.n AS n
    FROM ${table} AS r CROSS JOIN LATERAL "tthc"."kpi_contributions"(${kpiContributionArgs('r')}) AS c`;
}

/**
 * Adds the contributions `c` (a CTE) to the counters: summed per key, zero sums skipped, and
 * upserted in primary-key order so that concurrent transactions lock shared rows in one order.
 * The unreferenced data-modifying CTEs run to completion before the statement ends.
 */
function applyContributions(cte: string): string {
  return `WITH c AS MATERIALIZED (${cte}),
  d AS (INSERT INTO "tthc"."kpi_day" AS t ("day", "unit_code", "procedure_code", "key", "n")
    SELECT day, unit_code, procedure_code, key, sum(n) FROM c WHERE since IS NULL
    GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0 ORDER BY 1, 2, 3, 4
    ON CONFLICT ("day", "unit_code", "procedure_code", "key") DO UPDATE SET "n" = t."n" + EXCLUDED."n"),
  m AS (INSERT INTO "tthc"."kpi_month" AS t ("month", "unit_code", "procedure_code", "key", "n")
    SELECT date_trunc('month', day)::date, unit_code, procedure_code, key, sum(n) FROM c WHERE since IS NULL
    GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0 ORDER BY 1, 2, 3, 4
    ON CONFLICT ("month", "unit_code", "procedure_code", "key") DO UPDATE SET "n" = t."n" + EXCLUDED."n")
  INSERT INTO "tthc"."kpi_span" AS t ("since", "day", "unit_code", "procedure_code", "key", "n")
    SELECT since, day, unit_code, procedure_code, key, sum(n) FROM c WHERE since IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) <> 0 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT ("since", "day", "unit_code", "procedure_code", "key") DO UPDATE SET "n" = t."n" + EXCLUDED."n"`;
}

/**
 * The rows of `side` (`n`: new_rows, `o`: old_rows) of an UPDATE whose contributions can differ
 * from their counterpart's: paired by dossier code, a pair whose unit, procedure and contribution
 * inputs are all equal contributes the same on both sides and cancels, so it is left out (most
 * follow-up events change none of them). Any pairing would do (the counters depend on the
 * contribution inputs only), so a row without a counterpart (a changed key) always counts.
 */
function changedRows(side: 'n' | 'o'): string {
  const other = side === 'n' ? 'o' : 'n';
  const key = (r: string) => `ROW(${r}.unit_code, ${r}.procedure_code, ${kpiContributionArgs(r)})`;
  return `(SELECT ${side}.* FROM ${side === 'n' ? 'new_rows' : 'old_rows'} AS ${side}
    LEFT JOIN ${side === 'n' ? 'old_rows' : 'new_rows'} AS ${other} ON ${other}.dossier_code = ${side}.dossier_code
    WHERE ${other}.dossier_code IS NULL OR ${key('o')} IS DISTINCT FROM ${key('n')})`;
}

/**
 * The trigger function: new rows' contributions in, old rows' out (rows whose contribution inputs
 * an UPDATE left unchanged are skipped: they would cancel). A statement without rows to count
 * takes no lock and writes no counter.
 *
 * One INSERT … ON CONFLICT DO UPDATE fires the insert trigger and then the update trigger: two
 * rounds of counter locks per statement, which two concurrent batches could take in crossed
 * orders. A transaction-scoped advisory lock (two-int4 key space: the ledger's per-subject locks
 * use the bigint one) serialises the counter updates from the first trigger to the commit; the
 * projection write is the last statement of a batch, so nothing then waits on another batch.
 */
export function kpiRollupApplyFunction(options: { skipUnchanged: boolean }): string {
  const lock = `PERFORM pg_advisory_xact_lock(${KPI_ROLLUP_LOCK.join(', ')});`;
  const updated = options.skipUnchanged
    ? { n: changedRows('n'), o: changedRows('o') }
    : { n: 'new_rows', o: 'old_rows' };
  return `
CREATE OR REPLACE FUNCTION "tthc"."kpi_rollup_apply"() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NOT EXISTS (SELECT 1 FROM new_rows) THEN RETURN NULL; END IF;
    ${lock}
    ${applyContributions(contributionsOf('new_rows', 1))};
  ELSIF TG_OP = 'UPDATE' THEN
    IF NOT EXISTS (SELECT 1 FROM ${updated.n} AS x UNION ALL SELECT 1 FROM ${updated.o} AS y) THEN
      RETURN NULL;
    END IF;
    ${lock}
    ${applyContributions(`${contributionsOf(updated.n, 1)} UNION ALL ${contributionsOf(updated.o, -1)}`)};
  ELSIF TG_OP = 'DELETE' THEN
    IF NOT EXISTS (SELECT 1 FROM old_rows) THEN RETURN NULL; END IF;
    ${lock}
    ${applyContributions(contributionsOf('old_rows', -1))};
  ELSE
    ${lock}
    DELETE FROM "tthc"."kpi_day";
    DELETE FROM "tthc"."kpi_month";
    DELETE FROM "tthc"."kpi_span";
  END IF;
  RETURN NULL;
END
$fn$`;
}

/**
 * The trigger function of migrations AddKpiRollups … KpiRollupSkipUnchanged (kept for them: a
 * migration recreates what it created then). KpiRollupOnePass replaces it by rollup-apply.ts.
 */
export const KPI_ROLLUP_APPLY_FUNCTION = kpiRollupApplyFunction({ skipUnchanged: true });

export const KPI_ROLLUP_TRIGGERS = [
  `CREATE TRIGGER "kpi_rollup_ins" AFTER INSERT ON "tthc"."dossier" REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION "tthc"."kpi_rollup_apply"()`,
  `CREATE TRIGGER "kpi_rollup_upd" AFTER UPDATE ON "tthc"."dossier"
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION "tthc"."kpi_rollup_apply"()`,
  `CREATE TRIGGER "kpi_rollup_del" AFTER DELETE ON "tthc"."dossier" REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION "tthc"."kpi_rollup_apply"()`,
  `CREATE TRIGGER "kpi_rollup_trunc" AFTER TRUNCATE ON "tthc"."dossier"
    FOR EACH STATEMENT EXECUTE FUNCTION "tthc"."kpi_rollup_apply"()`,
];

/** Builds the counters from the rows of `table` (the migration's backfill, from empty counters). */
export function kpiRollupBackfill(table: string): string[] {
  return [applyContributions(contributionsOf(table, 1))];
}

/**
 * Every non-zero counter the rows of tthc.dossier imply, as (grain, since, day, unit, procedure,
 * key, n): what the incrementally maintained tables must hold (tests compare the two).
 */
export const KPI_ROLLUP_EXPECTED_SQL = `WITH c AS (${contributionsOf('"tthc"."dossier"', 1)})
  SELECT 'd' AS grain, NULL::date AS since, day, unit_code, procedure_code, key, sum(n)::bigint AS n
  FROM c WHERE since IS NULL GROUP BY day, unit_code, procedure_code, key HAVING sum(n) <> 0
  UNION ALL SELECT 'm', NULL, date_trunc('month', day)::date, unit_code, procedure_code, key, sum(n)::bigint
  FROM c WHERE since IS NULL GROUP BY 3, unit_code, procedure_code, key HAVING sum(n) <> 0
  UNION ALL SELECT 's', since, day, unit_code, procedure_code, key, sum(n)::bigint
  FROM c WHERE since IS NOT NULL GROUP BY since, day, unit_code, procedure_code, key HAVING sum(n) <> 0`;

/** The counters as stored, non-zero only, in the shape of {@link KPI_ROLLUP_EXPECTED_SQL}. */
export const KPI_ROLLUP_STORED_SQL = `
  SELECT 'd' AS grain, NULL::date AS since, day, unit_code, procedure_code, key, n FROM "tthc"."kpi_day" WHERE n <> 0
  UNION ALL SELECT 'm', NULL, month, unit_code, procedure_code, key, n FROM "tthc"."kpi_month" WHERE n <> 0
  UNION ALL SELECT 's', since, day, unit_code, procedure_code, key, n FROM "tthc"."kpi_span" WHERE n <> 0`;
