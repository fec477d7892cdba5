// The PAKN (feedback) rollups (issue 10; docs/decisions/0014-kpi-rollups.md): the feedback KPIs of
// architecture.md §5 (revision 2) from per-day counters per (unit, procedure, day, key), in the
// same prefix-sum scheme as the dossier counters of rollup-ddl.ts, so a period costs months of
// history + at most 62 days of counter rows, whatever the number of feedback rows in scope.
//
// Keys (kpis/feedback-counts.ts reads them):
// - events: `fb_rcv` on the receipt date, `fb_res` on the resolution date, `fb_res_on_time` on the
//   resolution date when it is ≤ the due date: in the period = prefix(to) − prefix(from − 1);
// - state deltas: `fb_pending` +1 on the receipt, −1 on the resolution (received ≤ D < resolved);
//   `fb_overdue` +1 on max(receipt, due + 1), −1 on the resolution if later (open at D and D > due):
//   prefix(to) is the state at `to`.
//
// The procedure of a PAKN is its linked dossier's (`dossier_code`), or '' (none or not yet known):
// it depends on another table, and one ingestion statement writes dossiers and feedback together
// (data-modifying CTEs), so both tables' triggers fire after both changes, in either order. A
// mirror, `feedback_counted`, holds each feedback row exactly as the counters count it (with the
// procedure it was counted under): a trigger reconciles a set of feedback ids by taking the
// mirror's contributions out and the current rows' in, then updating the mirror. Reconciling
// twice changes nothing, so the order of the two triggers does not matter. The feedback trigger
// reconciles the feedback rows it changed; the dossier trigger (`feedback_rollup_dossier`, a
// separate trigger: the dossier counter function kpi_rollup_apply is untouched) the feedback
// linked to dossiers whose procedure appeared, changed or disappeared. Both take the counter lock
// of rollup-ddl.ts (KPI_ROLLUP_LOCK) before reading the other table, so two transactions that
// write a PAKN and its dossier see each other's committed rows.
import { KPI_ROLLUP_LOCK } from './rollup-ddl';

const COUNTER_STORAGE =
  'fillfactor = 50, autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.05';

export const FEEDBACK_ROLLUP_TABLES = [
  `CREATE TABLE "tthc"."feedback_kpi_day" (
    "day" date NOT NULL, "unit_code" text NOT NULL, "procedure_code" text NOT NULL, "key" text NOT NULL,
    "n" bigint NOT NULL,
    CONSTRAINT "PK_feedback_kpi_day" PRIMARY KEY ("day", "unit_code", "procedure_code", "key")) WITH (${COUNTER_STORAGE})`,
  `CREATE TABLE "tthc"."feedback_kpi_month" (
    "month" date NOT NULL, "unit_code" text NOT NULL, "procedure_code" text NOT NULL, "key" text NOT NULL,
    "n" bigint NOT NULL,
    CONSTRAINT "PK_feedback_kpi_month" PRIMARY KEY ("month", "unit_code", "procedure_code", "key")) WITH (${COUNTER_STORAGE})`,
  `CREATE TABLE "tthc"."feedback_counted" (
    "feedback_id" text NOT NULL, "unit_code" text NOT NULL, "procedure_code" text NOT NULL,
    "received_date" date NOT NULL, "due_date" date NOT NULL, "resolved_date" date,
    CONSTRAINT "PK_feedback_counted" PRIMARY KEY ("feedback_id"))`,
];

/** One feedback row's contributions (key, day, n). */
export const FEEDBACK_CONTRIBUTIONS_FUNCTION = `
CREATE FUNCTION "tthc"."feedback_kpi_contributions"(p_r date, p_due date, p_s date)
RETURNS TABLE (key text, day date, n integer)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
  SELECT 'fb_rcv', p_r, 1
  UNION ALL SELECT 'fb_res', p_s, 1 WHERE p_s IS NOT NULL
  UNION ALL SELECT 'fb_res_on_time', p_s, 1 WHERE p_s <= p_due
  UNION ALL SELECT 'fb_pending', p_r, 1 WHERE p_s IS NULL OR p_s > p_r
  UNION ALL SELECT 'fb_pending', p_s, -1 WHERE p_s > p_r
  UNION ALL SELECT 'fb_overdue', greatest(p_r, p_due + 1), 1 WHERE p_s IS NULL OR p_s > greatest(p_r, p_due + 1)
  UNION ALL SELECT 'fb_overdue', p_s, -1 WHERE p_s > greatest(p_r, p_due + 1)
$fn$`;

/** The feedback rows of `ids` (a query of feedback ids) as counted now: with their procedure. */
function currentRows(ids: string): string {
  return `SELECT f.feedback_id, f.unit_code, coalesce(d.procedure_code, '') AS procedure_code,
      f.received_date, f.due_date, f.resolved_date
    FROM "tthc"."feedback" AS f LEFT JOIN "tthc"."dossier" AS d ON d.dossier_code = f.dossier_code
    WHERE f.feedback_id = ANY (ARRAY(${ids}))`;
}

function contributionsOf(rows: string, sign: 1 | -1): string {
  return `SELECT r.unit_code, r.procedure_code, c.key, c.day, ${sign} * c.n AS n
    FROM (${rows}) AS r CROSS JOIN LATERAL "tthc"."feedback_kpi_contributions"(r.received_date, r.due_date, r.resolved_date) AS c`;
}

/** Adds the contributions `c` to the day and month counters, in primary-key order. */
function applyContributions(cte: string): string {
  return `WITH c AS MATERIALIZED (${cte}),
  d AS (INSERT INTO "tthc"."feedback_kpi_day" AS t ("day", "unit_code", "procedure_code", "key", "n")
    SELECT day, unit_code, procedure_code, key, sum(n) FROM c
    GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0 ORDER BY 1, 2, 3, 4
    ON CONFLICT ("day", "unit_code", "procedure_code", "key") DO UPDATE SET "n" = t."n" + EXCLUDED."n")
  INSERT INTO "tthc"."feedback_kpi_month" AS t ("month", "unit_code", "procedure_code", "key", "n")
    SELECT date_trunc('month', day)::date, unit_code, procedure_code, key, sum(n) FROM c
    GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0 ORDER BY 1, 2, 3, 4
    ON CONFLICT ("month", "unit_code", "procedure_code", "key") DO UPDATE SET "n" = t."n" + EXCLUDED."n"`;
}

/**
 * The statements that make the counters and the mirror count the current rows of `ids` (a query
 * of feedback ids, read as an array so that the tables are probed by primary key).
 */
export function reconcileStatements(ids: string): string[] {
  const mirror = `SELECT * FROM "tthc"."feedback_counted" WHERE feedback_id = ANY (ARRAY(${ids}))`;
  return [
    applyContributions(`${contributionsOf(currentRows(ids), 1)} UNION ALL ${contributionsOf(mirror, -1)}`),
    `DELETE FROM "tthc"."feedback_counted" AS m WHERE m.feedback_id = ANY (ARRAY(${ids}))
      AND NOT EXISTS (SELECT 1 FROM "tthc"."feedback" AS f WHERE f.feedback_id = m.feedback_id)`,
    `INSERT INTO "tthc"."feedback_counted" AS m
      SELECT * FROM (${currentRows(ids)}) AS r ORDER BY r.feedback_id
      ON CONFLICT ("feedback_id") DO UPDATE SET "unit_code" = EXCLUDED."unit_code",
        "procedure_code" = EXCLUDED."procedure_code", "received_date" = EXCLUDED."received_date",
        "due_date" = EXCLUDED."due_date", "resolved_date" = EXCLUDED."resolved_date"
      WHERE ROW(m.unit_code, m.procedure_code, m.received_date, m.due_date, m.resolved_date)
        IS DISTINCT FROM ROW(EXCLUDED.unit_code, EXCLUDED.procedure_code, EXCLUDED.received_date,
          EXCLUDED.due_date, EXCLUDED.resolved_date)`,
  ];
}

/**
 * When a trigger's statements are planned.
 *
 * - `cached`: static SQL. PL/pgSQL plans a statement without parameters once per session and
 *   keeps the plan until a table it reads is analysed again; a join with tthc.dossier planned while
 *   that table was small stays a hash join over all of it, one scan of the whole grown table per
 *   batch (measured: 30,000 dossiers scanned, 16 ms, to count 2 feedback rows; session 21).
 * - `per-call`: each statement through EXECUTE, planned for the tables as they are at each call
 *   (an index probe per feedback row once tthc.dossier is large), at a planning cost of a fraction
 *   of a millisecond per statement.
 */
type TriggerPlanning = 'cached' | 'per-call';

function reconcile(ids: string, planning: TriggerPlanning): string {
  return reconcileStatements(ids)
    .map((s) => (planning === 'cached' ? `${s};` : `EXECUTE $sql$${s}$sql$;`))
    .join('\n    ');
}

/** Returns from the trigger unless `query` (which reads tables) has a row. */
function unlessExists(query: string, planning: TriggerPlanning): string {
  return planning === 'cached'
    ? `IF NOT EXISTS (${query}) THEN RETURN NULL; END IF;`
    : `EXECUTE $sql$SELECT EXISTS (${query})$sql$ INTO linked;
    IF NOT linked THEN RETURN NULL; END IF;`;
}

/** Feedback rows linked to the dossiers of `codes` (a query of dossier codes), by IDX_feedback_dossier. */
function linkedTo(codes: string): string {
  return `SELECT f.feedback_id FROM "tthc"."feedback" AS f WHERE f.dossier_code = ANY (ARRAY(${codes}))`;
}

const LOCK = `PERFORM pg_advisory_xact_lock(${KPI_ROLLUP_LOCK.join(', ')});`;
const FEEDBACK_COLUMNS = (r: string) =>
  `ROW(${['unit_code', 'dossier_code', 'received_date', 'due_date', 'resolved_date'].map((c) => `${r}.${c}`).join(', ')})`;

/** The feedback table's trigger: reconciles the rows a statement inserted, changed or deleted. */
function feedbackRollupApplyFunction(planning: TriggerPlanning): string {
  return `
CREATE OR REPLACE FUNCTION "tthc"."feedback_rollup_apply"() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NOT EXISTS (SELECT 1 FROM new_rows) THEN RETURN NULL; END IF;
    ${LOCK}
    ${reconcile('SELECT feedback_id FROM new_rows', planning)}
  ELSIF TG_OP = 'UPDATE' THEN
    -- Rows whose counted columns did not change are left out (most updates change none).
    IF NOT EXISTS (SELECT 1 FROM new_rows AS n LEFT JOIN old_rows AS o ON o.feedback_id = n.feedback_id
        WHERE o.feedback_id IS NULL OR ${FEEDBACK_COLUMNS('o')} IS DISTINCT FROM ${FEEDBACK_COLUMNS('n')})
      AND NOT EXISTS (SELECT 1 FROM old_rows AS o LEFT JOIN new_rows AS n ON n.feedback_id = o.feedback_id
        WHERE n.feedback_id IS NULL) THEN
      RETURN NULL;
    END IF;
    ${LOCK}
    ${reconcile(
      `SELECT n.feedback_id FROM new_rows AS n LEFT JOIN old_rows AS o ON o.feedback_id = n.feedback_id
        WHERE o.feedback_id IS NULL OR ${FEEDBACK_COLUMNS('o')} IS DISTINCT FROM ${FEEDBACK_COLUMNS('n')}
      UNION SELECT feedback_id FROM old_rows`,
      planning,
    )}
  ELSIF TG_OP = 'DELETE' THEN
    IF NOT EXISTS (SELECT 1 FROM old_rows) THEN RETURN NULL; END IF;
    ${LOCK}
    ${reconcile('SELECT feedback_id FROM old_rows', planning)}
  ELSE
    ${LOCK}
    DELETE FROM "tthc"."feedback_kpi_day";
    DELETE FROM "tthc"."feedback_kpi_month";
    DELETE FROM "tthc"."feedback_counted";
  END IF;
  RETURN NULL;
END
$fn$`;
}

/**
 * The dossier table's trigger: reconciles the feedback linked to dossiers whose procedure may have
 * changed (inserted, deleted, or updated with another procedure or code). It takes the counter
 * lock whenever the statement touched rows, before it reads the feedback.
 */
function feedbackRollupDossierFunction(planning: TriggerPlanning): string {
  return `
CREATE OR REPLACE FUNCTION "tthc"."feedback_rollup_dossier"() RETURNS trigger LANGUAGE plpgsql AS $fn$
${planning === 'cached' ? '' : 'DECLARE linked boolean;\n'}BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NOT EXISTS (SELECT 1 FROM new_rows) THEN RETURN NULL; END IF;
    ${LOCK}
    ${unlessExists(linkedTo('SELECT dossier_code FROM new_rows'), planning)}
    ${reconcile(linkedTo('SELECT dossier_code FROM new_rows'), planning)}
  ELSIF TG_OP = 'UPDATE' THEN
    IF NOT EXISTS (SELECT 1 FROM new_rows AS n FULL JOIN old_rows AS o ON o.dossier_code = n.dossier_code
        WHERE o.procedure_code IS DISTINCT FROM n.procedure_code) THEN
      RETURN NULL;
    END IF;
    ${LOCK}
    ${reconcile(
      linkedTo(`SELECT coalesce(n.dossier_code, o.dossier_code) FROM new_rows AS n FULL JOIN old_rows AS o
          ON o.dossier_code = n.dossier_code WHERE o.procedure_code IS DISTINCT FROM n.procedure_code`),
      planning,
    )}
  ELSIF TG_OP = 'DELETE' THEN
    IF NOT EXISTS (SELECT 1 FROM old_rows) THEN RETURN NULL; END IF;
    ${LOCK}
    ${reconcile(linkedTo('SELECT dossier_code FROM old_rows'), planning)}
  ELSE
    ${LOCK}
    ${reconcile('SELECT f.feedback_id FROM "tthc"."feedback" AS f WHERE f.dossier_code IS NOT NULL', planning)}
  END IF;
  RETURN NULL;
END
$fn$`;
}

/** The trigger functions of migration AddFeedbackAndSpanRollups (kept for it, and the next one's down). */
export const FEEDBACK_ROLLUP_APPLY_FUNCTION = feedbackRollupApplyFunction('cached');
export const FEEDBACK_ROLLUP_DOSSIER_FUNCTION = feedbackRollupDossierFunction('cached');

/** The trigger functions as this code maintains them (migration RollupTriggerPlans). */
export const FEEDBACK_ROLLUP_APPLY_FUNCTION_PLANNED_PER_CALL = feedbackRollupApplyFunction('per-call');
export const FEEDBACK_ROLLUP_DOSSIER_FUNCTION_PLANNED_PER_CALL = feedbackRollupDossierFunction('per-call');

export const FEEDBACK_ROLLUP_TRIGGERS = [
  `CREATE TRIGGER "feedback_rollup_ins" AFTER INSERT ON "tthc"."feedback" REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION "tthc"."feedback_rollup_apply"()`,
  `CREATE TRIGGER "feedback_rollup_upd" AFTER UPDATE ON "tthc"."feedback"
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION "tthc"."feedback_rollup_apply"()`,
  `CREATE TRIGGER "feedback_rollup_del" AFTER DELETE ON "tthc"."feedback" REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION "tthc"."feedback_rollup_apply"()`,
  `CREATE TRIGGER "feedback_rollup_trunc" AFTER TRUNCATE ON "tthc"."feedback"
    FOR EACH STATEMENT EXECUTE FUNCTION "tthc"."feedback_rollup_apply"()`,
  `CREATE TRIGGER "feedback_rollup_dossier_ins" AFTER INSERT ON "tthc"."dossier" REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION "tthc"."feedback_rollup_dossier"()`,
  `CREATE TRIGGER "feedback_rollup_dossier_upd" AFTER UPDATE ON "tthc"."dossier"
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION "tthc"."feedback_rollup_dossier"()`,
  `CREATE TRIGGER "feedback_rollup_dossier_del" AFTER DELETE ON "tthc"."dossier" REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION "tthc"."feedback_rollup_dossier"()`,
  `CREATE TRIGGER "feedback_rollup_dossier_trunc" AFTER TRUNCATE ON "tthc"."dossier"
    FOR EACH STATEMENT EXECUTE FUNCTION "tthc"."feedback_rollup_dossier"()`,
];

/** The migration's backfill: every feedback row counted, from empty counters and mirror. */
export const FEEDBACK_ROLLUP_BACKFILL = reconcileStatements('SELECT feedback_id FROM "tthc"."feedback"');

/** Every non-zero counter the current feedback and dossier rows imply (tests compare). */
export const FEEDBACK_ROLLUP_EXPECTED_SQL = `WITH c AS (${contributionsOf(currentRows('SELECT feedback_id FROM "tthc"."feedback"'), 1)})
  SELECT 'd' AS grain, day, unit_code, procedure_code, key, sum(n)::bigint AS n
  FROM c GROUP BY day, unit_code, procedure_code, key HAVING sum(n) <> 0
  UNION ALL SELECT 'm', date_trunc('month', day)::date, unit_code, procedure_code, key, sum(n)::bigint
  FROM c GROUP BY 2, unit_code, procedure_code, key HAVING sum(n) <> 0`;

/** The counters as stored, non-zero only, in the shape of {@link FEEDBACK_ROLLUP_EXPECTED_SQL}. */
export const FEEDBACK_ROLLUP_STORED_SQL = `
  SELECT 'd' AS grain, day, unit_code, procedure_code, key, n FROM "tthc"."feedback_kpi_day" WHERE n <> 0
  UNION ALL SELECT 'm', month, unit_code, procedure_code, key, n FROM "tthc"."feedback_kpi_month" WHERE n <> 0`;

/** The mirror as it must be: every feedback row with its linked dossier's procedure (tests). */
export const FEEDBACK_COUNTED_EXPECTED_SQL = currentRows('SELECT feedback_id FROM "tthc"."feedback"');
