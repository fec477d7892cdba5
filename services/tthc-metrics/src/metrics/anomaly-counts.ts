// Dossiers in scope of a period per anomaly kind (the gauge cchc_tthc_dossier_anomalies), two ways:
// from the rollups (`anom_in:<kind>` up to `to` minus `anom_out:<kind>` up to `from − 1`, plus the
// irregular dossiers row by row through their partial index) and by the row-level definition (one
// scan of the period's dossiers), kept as the reference the rollup is tested against.
import { DOSSIER_ANOMALIES } from '../dossiers/dossier-projection';
import { dossierBucketsSql } from '../kpis/dossier-buckets';
import { rollupPrefixSums } from '../kpis/dossier-counts';
import { type Db, readAll } from '../kpis/serial-read';

/** Per anomaly kind, the in-scope dossiers of [from, to] carrying it, by the row-level SQL. */
export async function rowLevelAnomalyCounts(
  db: Db,
  from: string,
  to: string,
  irregularOnly = false,
): Promise<Map<string, number>> {
  const rows: Array<{ anomaly: string; n: string }> = await db.query(
    `WITH judged AS (${dossierBucketsSql(irregularOnly)})
     SELECT a AS anomaly, count(*) AS n FROM judged, unnest(anomalies) AS a GROUP BY a`,
    [from, to, null, null],
  );
  return new Map(rows.map((r) => [r.anomaly, Number(r.n)]));
}

/** The same from the counters (the production answer); kinds with no dossier are left out. */
export async function rollupAnomalyCounts(db: Db, from: string, to: string): Promise<Map<string, number>> {
  const keys = DOSSIER_ANOMALIES.flatMap((a) => [`anom_in:${a}`, `anom_out:${a}`]);
  const [sums, irregular] = await readAll(
    db,
    () => rollupPrefixSums(db, { from, to, unit: null, procedure: null, byUnit: false }, keys),
    () => rowLevelAnomalyCounts(db, from, to, true),
  );
  const at = sums.get('*') ?? new Map<string, { to: number; from: number }>();
  const out = new Map<string, number>();
  for (const a of DOSSIER_ANOMALIES) {
    const n =
      (at.get(`anom_in:${a}`)?.to ?? 0) - (at.get(`anom_out:${a}`)?.from ?? 0) + (irregular.get(a) ?? 0);
    if (n !== 0) out.set(a, n);
  }
  return out;
}
