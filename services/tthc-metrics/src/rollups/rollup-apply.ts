// The KPI rollup trigger function as this code maintains it (migrations KpiRollupOnePass,
// RollupTriggerPlans and KpiRollupLockAfterSums, docs/decisions/0014-kpi-rollups.md): one
// statement per trigger call.
//
// Measured (docs/benchmarks.md, session 17): the earlier function ran up to three statements per
// call (a "nothing to count?" check, the advisory lock, the counter upserts) and, for an UPDATE,
// joined new_rows with old_rows three times (the check and each side of the contributions). Here
// the unchanged pairs are found once (a MATERIALIZED CTE) and the lock is taken inside the one
// statement, by a CTE that every counter upsert joins: no counter row is written, and so none is
// locked, before the lock is held, and a statement with nothing to count takes no lock.
import { KPI_ROLLUP_LOCK, contributionsOf, kpiContributionArgs } from './rollup-ddl';

/** Comparable tuple of what a row contributes from: unit, procedure and the contribution inputs. */
function contributionKey(r: string): string {
  return `ROW(${r}.unit_code, ${r}.procedure_code, ${kpiContributionArgs(r)})`;
}

/**
 * How an UPDATE's unchanged pairs are found (the `same` CTE: dossier codes whose old and new row
 * have equal unit, procedure and contribution inputs).
 *
 * - `join`: a join of new_rows and old_rows on the dossier code, filtered on the whole tuple.
 *   PL/pgSQL plans a statement without parameters once per session and keeps the plan; planned
 *   for a small first statement (a transition table's size is the only estimate it has), the join
 *   stays a nested loop with the tuple comparison as its filter: n × m comparisons for every later
 *   batch (measured: 51,000 comparisons, 20 ms of a 45 ms trigger call for 227 rows; session 21).
 * - `intersect`: the same set as an INTERSECT of the two sides' (code, inputs) tuples, which
 *   PostgreSQL runs by hashing or sorting whatever it estimated: n log n at worst. INTERSECT
 *   compares NULLs as equal, as IS NOT DISTINCT FROM does, and a dossier code is on each side at
 *   most once (one statement updates a row at most once).
 */
type UnchangedPairs = 'join' | 'intersect';

function samePairs(pairs: UnchangedPairs): string {
  if (pairs === 'join') {
    return `same AS MATERIALIZED (SELECT n.dossier_code AS code FROM new_rows AS n
        JOIN old_rows AS o ON o.dossier_code = n.dossier_code
        WHERE ${contributionKey('o')} IS NOT DISTINCT FROM ${contributionKey('n')}),
  `;
  }
  const tuple = (r: string) =>
    `${r}.dossier_code, ${r}.unit_code, ${r}.procedure_code, ${kpiContributionArgs(r)}`;
  return `same AS MATERIALIZED (SELECT s.dossier_code AS code FROM (
        SELECT ${tuple('n')} FROM new_rows AS n INTERSECT SELECT ${tuple('o')} FROM old_rows AS o) AS s),
  `;
}

/**
 * When the counters' lock is taken within the statement.
 *
 * - `first-row`: once the contributions have a first row. The rest of them (PostgreSQL computes a
 *   CTE as it is read) and their sums were computed under the lock, and the lock is held until the
 *   commit, so the other lane waited for all of that too.
 * - `aggregates`: once the contributions and their sums per counter row are all computed. Only the
 *   counter upserts run under the lock (measured: about 14 ms of a 29 ms call for 164 updated
 *   rows were the contributions; session 21).
 */
type LockPoint = 'first-row' | 'aggregates';

/**
 * Adds the contributions `c` (a query) to the counters, under the rollup lock: `lk` runs
 * pg_advisory_xact_lock when there is something to count (see {@link LockPoint}), and every upsert
 * reads its rows through a join with `lk`, so none can write (or lock) a counter row before the
 * lock is held. Sums per key, zero sums skipped, upserts in primary-key order (concurrent
 * transactions lock shared rows in one order).
 */
function applyUnderLock(c: string, lockPoint: LockPoint, pre = ''): string {
  const lock = KPI_ROLLUP_LOCK.join(', ');
  const day = 'day, unit_code, procedure_code, key';
  const month = `date_trunc('month', day)::date`;
  const span = 'since, day, unit_code, procedure_code, key';
  if (lockPoint === 'first-row') {
    return `WITH ${pre}c AS MATERIALIZED (${c}),
  lk AS MATERIALIZED (SELECT pg_advisory_xact_lock(${lock}) AS locked FROM (SELECT FROM c LIMIT 1) AS one),
  ${counterUpserts({
    day: `SELECT ${day}, sum(n) FROM c CROSS JOIN lk WHERE since IS NULL
    GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0 ORDER BY 1, 2, 3, 4`,
    month: `SELECT ${month}, unit_code, procedure_code, key, sum(n) FROM c CROSS JOIN lk
    WHERE since IS NULL GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0 ORDER BY 1, 2, 3, 4`,
    span: `SELECT ${span}, sum(n) FROM c CROSS JOIN lk WHERE since IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) <> 0 ORDER BY 1, 2, 3, 4, 5`,
  })}`;
  }
  return `WITH ${pre}c AS MATERIALIZED (${c}),
  gd AS MATERIALIZED (SELECT ${day}, sum(n) AS n FROM c WHERE since IS NULL GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0),
  gm AS MATERIALIZED (SELECT ${month} AS month, unit_code, procedure_code, key, sum(n) AS n
    FROM c WHERE since IS NULL GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0),
  gs AS MATERIALIZED (SELECT ${span}, sum(n) AS n FROM c WHERE since IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) <> 0),
  lk AS MATERIALIZED (SELECT pg_advisory_xact_lock(${lock}) AS locked
    FROM (SELECT (SELECT count(*) FROM gd) + (SELECT count(*) FROM gm) + (SELECT count(*) FROM gs) AS rows) AS g
    WHERE g.rows > 0),
  ${counterUpserts({
    day: `SELECT ${day}, n FROM gd CROSS JOIN lk ORDER BY 1, 2, 3, 4`,
    month: `SELECT month, unit_code, procedure_code, key, n FROM gm CROSS JOIN lk ORDER BY 1, 2, 3, 4`,
    span: `SELECT ${span}, n FROM gs CROSS JOIN lk ORDER BY 1, 2, 3, 4, 5`,
  })}`;
}

/** The day and month counter upserts (CTEs `d`, `m`) and the span one (the main statement). */
function counterUpserts(rows: { day: string; month: string; span: string }): string {
  return `d AS (INSERT INTO "tthc"."kpi_day" AS t ("day", "unit_code", "procedure_code", "key", "n")
    ${rows.day}
    ON CONFLICT ("day", "unit_code", "procedure_code", "key") DO UPDATE SET "n" = t."n" + EXCLUDED."n"),
  m AS (INSERT INTO "tthc"."kpi_month" AS t ("month", "unit_code", "procedure_code", "key", "n")
    ${rows.month}
    ON CONFLICT ("month", "unit_code", "procedure_code", "key") DO UPDATE SET "n" = t."n" + EXCLUDED."n")
  INSERT INTO "tthc"."kpi_span" AS t ("since", "day", "unit_code", "procedure_code", "key", "n")
    ${rows.span}
    ON CONFLICT ("since", "day", "unit_code", "procedure_code", "key") DO UPDATE SET "n" = t."n" + EXCLUDED."n"`;
}

/**
 * The trigger function: new rows' contributions in, old rows' out, one statement a call. An
 * UPDATE's pairs (by dossier code) whose unit, procedure and contribution inputs are all equal
 * would cancel: they are found once (`pairs`) and left out on both sides; a row without a
 * counterpart always counts (any pairing would do: the counters depend on the contribution inputs
 * only).
 *
 * One INSERT … ON CONFLICT DO UPDATE fires the update trigger and the insert trigger: two rounds
 * of counter locks per statement, which two concurrent batches could take in crossed orders; the
 * transaction-scoped advisory lock (two-int4 key space: the ledger's per-subject locks use the
 * bigint one) serialises the counter updates from the first counter write to the commit.
 */
function kpiRollupApplyOnePass(pairs: UnchangedPairs, lockPoint: LockPoint): string {
  return `
CREATE OR REPLACE FUNCTION "tthc"."kpi_rollup_apply"() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'INSERT' THEN
    ${applyUnderLock(contributionsOf('new_rows', 1), lockPoint)};
  ELSIF TG_OP = 'UPDATE' THEN
    ${applyUnderLock(
      `${contributionsOf('(SELECT * FROM new_rows WHERE dossier_code NOT IN (SELECT code FROM same))', 1)}
      UNION ALL ${contributionsOf('(SELECT * FROM old_rows WHERE dossier_code NOT IN (SELECT code FROM same))', -1)}`,
      lockPoint,
      samePairs(pairs),
    )};
  ELSIF TG_OP = 'DELETE' THEN
    ${applyUnderLock(contributionsOf('old_rows', -1), lockPoint)};
  ELSE
    PERFORM pg_advisory_xact_lock(${KPI_ROLLUP_LOCK.join(', ')});
    DELETE FROM "tthc"."kpi_day";
    DELETE FROM "tthc"."kpi_month";
    DELETE FROM "tthc"."kpi_span";
  END IF;
  RETURN NULL;
END
$fn$`;
}

/** The function of migration KpiRollupOnePass (kept for it and for the down of the next one). */
export const KPI_ROLLUP_APPLY_ONE_PASS = kpiRollupApplyOnePass('join', 'first-row');

/** The function of migration RollupTriggerPlans (kept for it and for the next one's down). */
export const KPI_ROLLUP_APPLY_SAME_BY_SET = kpiRollupApplyOnePass('intersect', 'first-row');

/** The function as this code maintains it (migration KpiRollupLockAfterSums). */
export const KPI_ROLLUP_APPLY_LOCK_AFTER_SUMS = kpiRollupApplyOnePass('intersect', 'aggregates');
