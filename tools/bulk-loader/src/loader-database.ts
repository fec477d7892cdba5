// The bulk loader's own statements on the service's database (besides what the service's code
// writes): the "only new subjects" check and the rollup backfills of the modes that keep the
// rollup triggers off in their sessions (session_replication_role = replica).
import type { Client } from 'pg';
import { reconcileStatements } from '../../../services/tthc-metrics/src/rollups/feedback-rollup-ddl';
import { KPI_ROLLUP_LOCK, kpiRollupBackfill } from '../../../services/tthc-metrics/src/rollups/rollup-ddl';

/** The subjects a load wrote projections of. */
export interface LoadedKeys {
  dossierCodes: readonly string[];
  feedbackIds: readonly string[];
}

interface RollupBackfill {
  name: string;
  /** The advisory lock (int4, int4) the rollup's triggers take for their counter updates. */
  lock: readonly [number, number];
  /** The statements adding the contributions of the loaded rows, each with its parameters. */
  statements(keys: LoadedKeys): Array<{ sql: string; params: unknown[] }>;
}

/**
 * Every rollup kept by triggers on the tables a load writes: the loader adds the loaded rows'
 * contributions with the rollup's own backfill (the migration's, same contribution function as
 * its triggers). A rollup added later (e.g. feedback rollups with triggers on tthc.feedback) must
 * be added here, else its counters miss the loaded rows (the bulk-loader e2e spec then fails if
 * it compares that rollup's tables).
 */
export const ROLLUP_BACKFILLS: readonly RollupBackfill[] = [
  {
    name: 'KPI rollups (tthc.dossier)',
    lock: KPI_ROLLUP_LOCK,
    statements: (keys) =>
      kpiRollupBackfill(`(SELECT * FROM "tthc"."dossier" WHERE "dossier_code" = ANY($1))`).map((sql) => ({
        sql,
        params: [keys.dossierCodes],
      })),
  },
  {
    // The PAKN counters count a feedback row under its linked dossier's procedure: reconcile the
    // loaded feedback and the feedback linked to the loaded dossiers (in this or an earlier load).
    name: 'PAKN rollups (tthc.feedback)',
    lock: KPI_ROLLUP_LOCK,
    statements: (keys) =>
      reconcileStatements(
        `SELECT "feedback_id" FROM "tthc"."feedback" WHERE "feedback_id" = ANY($1::text[]) OR "dossier_code" = ANY($2::text[])`,
      ).map((sql) => ({ sql, params: [keys.feedbackIds, keys.dossierCodes] })),
  },
];

/** Takes the rollups' locks (until the transaction ends), in one order. */
export async function lockRollups(client: Client): Promise<void> {
  for (const backfill of ROLLUP_BACKFILLS)
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [...backfill.lock]);
}

/** Adds the loaded rows' contributions to every rollup, on `client`, inside its transaction. */
export async function backfillRollups(client: Client, keys: LoadedKeys): Promise<void> {
  if (keys.dossierCodes.length === 0 && keys.feedbackIds.length === 0) return;
  await lockRollups(client);
  // The counters' own triggers (kpi_span's per-since counters) must see the backfill's writes.
  await client.query('SET LOCAL session_replication_role = origin');
  for (const backfill of ROLLUP_BACKFILLS)
    for (const { sql, params } of backfill.statements(keys)) await client.query(sql, params);
}

/** Throws unless no event, held event or projection of the subjects (ledger keys) is stored yet. */
export async function requireNewSubjects(client: Client, subjectKeys: readonly string[]): Promise<void> {
  if (subjectKeys.length === 0) return;
  const dossiers = subjectKeys.filter((k) => k.startsWith('d:')).map((k) => k.slice(2));
  const feedback = subjectKeys.filter((k) => k.startsWith('f:')).map((k) => k.slice(2));
  const { rows } = await client.query<{ n: number }>(
    `SELECT (SELECT count(*) FROM tthc.event WHERE subject_key = ANY($1))
       + (SELECT count(*) FROM tthc.held_event WHERE subject_key = ANY($1))
       + (SELECT count(*) FROM tthc.dossier WHERE dossier_code = ANY($2))
       + (SELECT count(*) FROM tthc.feedback WHERE feedback_id = ANY($3)) AS n`,
    [subjectKeys, dossiers, feedback],
  );
  if (Number(rows[0].n) > 0)
    throw new Error(
      `bulk loader: ${rows[0].n} stored rows of the loaded subjects exist already; this mode needs new dossiers and feedback (the 'sink' mode with rollups: 'triggers' loads any)`,
    );
}
