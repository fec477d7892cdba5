// A cheaper read of tthc.kpi_span (rollup-ddl.ts): a span counter counts at [from, to] when
// `since ≥ from AND day ≤ to`, and reading those rows costs every (since, day) pair of the period:
// for a year, about 365 × the spread of the spans × units × procedures × keys rows, which keeps
// growing with the data. Since `since < day` on every span row,
//
//   Σ{since ≥ from, day ≤ to} = Σ{from ≤ since ≤ to} − Σ{from ≤ since ≤ to < day}
//
// The first term is a prefix sum over `since` (prefix(to) − prefix(from − 1)) from per-since
// counters kept here, `kpi_span_since_day` / `kpi_span_since_month`, in the day + month scheme of
// kpi_day / kpi_month; the second reads only the spans open across `to`, through a GiST index on
// daterange(since, day). Both are bounded by units × procedures × days (and the spread of the spans
// around `to`), not by the dossiers in scope.
//
// That GiST index is partial, one per reader family of span keys (OPEN_SPAN_INDEXES): the service
// index's receipt → resolution spans stay open for the whole resolution time, so at any day they
// outnumber the KPIs' short spans more than 10 to 1, and one index over all keys made the KPI read
// walk them all (docs/benchmarks.md, sessions 24 and 25).
//
// The per-since counters are kept by statement-level triggers on kpi_span itself (its rows' new n
// minus their old n), so the dossier counter function kpi_rollup_apply is unchanged; they run
// inside its statement, under its counter lock.

const COUNTER_STORAGE =
  'fillfactor = 50, autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.05';

/** The first index of the open spans, one for every key (replaced by {@link OPEN_SPAN_INDEX_DDL}). */
export const OPEN_SPAN_INDEX_ALL_KEYS = `CREATE INDEX "IDX_kpi_span_open" ON "tthc"."kpi_span" USING gist (daterange("since", "day", '[)'))`;

export const SPAN_SINCE_TABLES = [
  `CREATE TABLE "tthc"."kpi_span_since_day" (
    "since" date NOT NULL, "unit_code" text NOT NULL, "procedure_code" text NOT NULL, "key" text NOT NULL,
    "n" bigint NOT NULL,
    CONSTRAINT "PK_kpi_span_since_day" PRIMARY KEY ("since", "unit_code", "procedure_code", "key")) WITH (${COUNTER_STORAGE})`,
  `CREATE TABLE "tthc"."kpi_span_since_month" (
    "month" date NOT NULL, "unit_code" text NOT NULL, "procedure_code" text NOT NULL, "key" text NOT NULL,
    "n" bigint NOT NULL,
    CONSTRAINT "PK_kpi_span_since_month" PRIMARY KEY ("month", "unit_code", "procedure_code", "key")) WITH (${COUNTER_STORAGE})`,
  OPEN_SPAN_INDEX_ALL_KEYS,
];

/**
 * The span keys (kpi_span, written by rollup-ddl.ts's kpi_contributions) by reader, each family
 * with a partial GiST index of its spans open across a day. A read of the open spans names one
 * family's keys per branch (kpis/dossier-counts.ts), so that the planner can prove the branch within
 * the index's predicate. Every span key belongs to exactly one family: a key in none would have no
 * index, and the counter tests check that every stored span key is listed here.
 */
export const OPEN_SPAN_INDEXES: ReadonlyArray<{ name: string; keys: readonly string[] }> = [
  {
    name: 'IDX_kpi_span_open_kpis',
    keys: ['early', 'on_time', 'late', 'late_apology', 'late_apology_in_time', 'postal_returned'],
  },
  {
    name: 'IDX_kpi_span_open_service_index',
    keys: ['rcv_paid_online', 'rcv_online_eres', 'rcv_digitized_eres', 'res_dissat'],
  },
];

/** The partial indexes of {@link OPEN_SPAN_INDEXES}. */
export const OPEN_SPAN_INDEX_DDL = OPEN_SPAN_INDEXES.map(
  ({ name, keys }) =>
    `CREATE INDEX "${name}" ON "tthc"."kpi_span" USING gist (daterange("since", "day", '[)'))
    WHERE "key" IN (${keys.map((k) => `'${k}'`).join(', ')})`,
);

/** Adds `c` (since, unit_code, procedure_code, key, n) to the per-since counters, in key order. */
function applySince(cte: string): string {
  return `WITH c AS MATERIALIZED (${cte}),
  d AS (INSERT INTO "tthc"."kpi_span_since_day" AS t ("since", "unit_code", "procedure_code", "key", "n")
    SELECT since, unit_code, procedure_code, key, sum(n) FROM c
    GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0 ORDER BY 1, 2, 3, 4
    ON CONFLICT ("since", "unit_code", "procedure_code", "key") DO UPDATE SET "n" = t."n" + EXCLUDED."n")
  INSERT INTO "tthc"."kpi_span_since_month" AS t ("month", "unit_code", "procedure_code", "key", "n")
    SELECT date_trunc('month', since)::date, unit_code, procedure_code, key, sum(n) FROM c
    GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0 ORDER BY 1, 2, 3, 4
    ON CONFLICT ("month", "unit_code", "procedure_code", "key") DO UPDATE SET "n" = t."n" + EXCLUDED."n"`;
}

const rowsOf = (table: string, sign: 1 | -1) =>
  `SELECT since, unit_code, procedure_code, key, ${sign} * n AS n FROM ${table}`;

export const SPAN_SINCE_FUNCTION = `
CREATE OR REPLACE FUNCTION "tthc"."kpi_span_since_apply"() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'INSERT' THEN
    ${applySince(rowsOf('new_rows', 1))};
  ELSIF TG_OP = 'UPDATE' THEN
    ${applySince(`${rowsOf('new_rows', 1)} UNION ALL ${rowsOf('old_rows', -1)}`)};
  ELSIF TG_OP = 'DELETE' THEN
    ${applySince(rowsOf('old_rows', -1))};
  ELSE
    DELETE FROM "tthc"."kpi_span_since_day";
    DELETE FROM "tthc"."kpi_span_since_month";
  END IF;
  RETURN NULL;
END
$fn$`;

export const SPAN_SINCE_TRIGGERS = [
  `CREATE TRIGGER "kpi_span_since_ins" AFTER INSERT ON "tthc"."kpi_span" REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION "tthc"."kpi_span_since_apply"()`,
  `CREATE TRIGGER "kpi_span_since_upd" AFTER UPDATE ON "tthc"."kpi_span"
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION "tthc"."kpi_span_since_apply"()`,
  `CREATE TRIGGER "kpi_span_since_del" AFTER DELETE ON "tthc"."kpi_span" REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION "tthc"."kpi_span_since_apply"()`,
  `CREATE TRIGGER "kpi_span_since_trunc" AFTER TRUNCATE ON "tthc"."kpi_span"
    FOR EACH STATEMENT EXECUTE FUNCTION "tthc"."kpi_span_since_apply"()`,
];

/** The migration's backfill from the span counters as they are. */
export const SPAN_SINCE_BACKFILL = applySince(rowsOf('"tthc"."kpi_span"', 1));

/** The per-since counters the span rows imply, non-zero, as (grain, since, unit, procedure, key, n). */
export const SPAN_SINCE_EXPECTED_SQL = `
  SELECT 'd' AS grain, since, unit_code, procedure_code, key, sum(n)::bigint AS n FROM "tthc"."kpi_span"
  GROUP BY since, unit_code, procedure_code, key HAVING sum(n) <> 0
  UNION ALL SELECT 'm', date_trunc('month', since)::date, unit_code, procedure_code, key, sum(n)::bigint
  FROM "tthc"."kpi_span" GROUP BY 2, unit_code, procedure_code, key HAVING sum(n) <> 0`;

/** The per-since counters as stored, non-zero, in the shape of {@link SPAN_SINCE_EXPECTED_SQL}. */
export const SPAN_SINCE_STORED_SQL = `
  SELECT 'd' AS grain, since, unit_code, procedure_code, key, n FROM "tthc"."kpi_span_since_day" WHERE n <> 0
  UNION ALL SELECT 'm', month, unit_code, procedure_code, key, n FROM "tthc"."kpi_span_since_month" WHERE n <> 0`;
