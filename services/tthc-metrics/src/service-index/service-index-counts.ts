// The dossier and procedure counts behind the QĐ 766 service index (architecture.md §5b), two ways
// (docs/decisions/0015-service-index-rollups.md):
// - `rollupServiceIndexCounts`: per procedure from the counters of src/rollups, read through the
//   KPIs' own reader (`rollupPrefixSums`, grouped by procedure), joined at query time with the procedure's flags in force
//   at `to`; plus, row by row, the dossiers the counters leave out (`kpi_irregular`, partial
//   index) and indicator 5.4's "a PAKN names this dossier", read from the linked feedback;
// - `rowLevelServiceIndexCounts`: the row-level definition, one scan of the period's dossiers
//   (DOSSIER_BUCKETS_SQL). Kept as the reference the rollup is tested against, and for the
//   irregular dossiers.
import { countRow } from '../database/count-row';
import { dossierBucketsSql } from '../kpis/dossier-buckets';
import { rollupPrefixSums } from '../kpis/dossier-counts';
import { type Db, readAll } from '../kpis/serial-read';
import { proceduresInForceSql } from '../procedures/procedures-in-force';

export interface ServiceIndexCounts {
  received: number;
  online_33: number;
  fee_received: number;
  fee_paid_online: number;
  paper_resolved: number;
  paper_resolved_e: number;
  digitized_42: number;
  reused: number;
  r54: number;
  procedures: number;
  online_services: number;
  online_services_used: number;
}

export interface IndexScope {
  from: string;
  to: string;
  unit: string | null;
}

// An e-result counts only when dated ≤ to (§5b); a paper-result procedure needs one.
const E_RESULT_WHERE_REQUIRED = `(NOT COALESCE(p.paper_result_required, false)
  OR (j.e_result AND j.end_kind = 'resolved' AND j.end_date <= $2))`;
const RESOLVED = `j.bucket IN ('early', 'on_time', 'late')`;

/** The dossier counts by the row-level definition ($1 from, $2 to, $3 unit). */
const ROW_LEVEL_DOSSIERS_SQL = (
  irregularOnly: boolean,
) => `WITH judged AS (${dossierBucketsSql(irregularOnly)})
  SELECT
    count(*) FILTER (WHERE j.received_date >= $1) AS received,
    count(*) FILTER (WHERE j.received_date >= $1 AND j.channel = 'online' AND ${E_RESULT_WHERE_REQUIRED}) AS online_33,
    count(*) FILTER (WHERE j.received_date >= $1 AND p.fee_bearing) AS fee_received,
    count(*) FILTER (WHERE j.received_date >= $1 AND p.fee_bearing AND j.first_online_payment_date <= $2) AS fee_paid_online,
    count(*) FILTER (WHERE ${RESOLVED} AND p.paper_result_required) AS paper_resolved,
    count(*) FILTER (WHERE ${RESOLVED} AND p.paper_result_required AND j.e_result) AS paper_resolved_e,
    count(*) FILTER (WHERE j.received_date >= $1 AND j.digitized AND ${E_RESULT_WHERE_REQUIRED}) AS digitized_42,
    count(*) FILTER (WHERE j.received_date >= $1 AND j.reused_data) AS reused,
    count(*) FILTER (WHERE ${RESOLVED} AND (j.first_dissatisfied_date <= $2 OR EXISTS (
      SELECT 1 FROM tthc.feedback f WHERE f.dossier_code = j.dossier_code AND f.received_date <= $2))) AS r54
  FROM judged j LEFT JOIN ${proceduresInForceSql(2)} AS p ON p.code = j.procedure_code`;

/** 3.1 / 3.2 by the row-level definition: an EXISTS per procedure over the period's dossiers. */
const ROW_LEVEL_PROCEDURES_SQL = `SELECT count(*) AS procedures,
    count(*) FILTER (WHERE p.online_service <> 'none') AS online_services,
    count(*) FILTER (WHERE p.online_service <> 'none' AND EXISTS (
      SELECT 1 FROM tthc.dossier d WHERE d.procedure_code = p.code AND d.channel = 'online'
        AND d.received_date BETWEEN $1 AND $2 AND ($3::text IS NULL OR d.unit_code = $3))) AS online_services_used
  FROM ${proceduresInForceSql(2)} AS p
  WHERE $3::text IS NULL OR p.unit_code = $3`;

type DossierCounts = Omit<ServiceIndexCounts, 'procedures' | 'online_services' | 'online_services_used'>;

/** The service-index counts by the row-level definition (the reference). */
export async function rowLevelServiceIndexCounts(db: Db, s: IndexScope): Promise<ServiceIndexCounts> {
  const [d, p] = await readAll(
    db,
    () =>
      db.query<Array<Record<string, string>>>(ROW_LEVEL_DOSSIERS_SQL(false), [s.from, s.to, s.unit, null]),
    () => db.query<Array<Record<string, string>>>(ROW_LEVEL_PROCEDURES_SQL, [s.from, s.to, s.unit]),
  );
  return { ...countRow<DossierCounts>(d[0]), ...countRow<ServiceIndexCounts>(p[0]) };
}

/** The procedures in force at `to` ($1) with their unit and the flags the counts need. */
const PROCEDURES_SQL = `SELECT p.code, p.unit_code, p.paper_result_required, p.fee_bearing, p.online_service
  FROM ${proceduresInForceSql(1)} AS p`;

interface ProcedureRow {
  code: string;
  unit_code: string;
  paper_result_required: boolean | null;
  fee_bearing: boolean | null;
  online_service: string;
}

/** Irregular dossiers received online in the period, by procedure (partial index). */
const IRREGULAR_ONLINE_SQL = `SELECT DISTINCT procedure_code FROM tthc.dossier
  WHERE kpi_irregular AND received_date >= $1::date AND received_date <= $2::date AND channel = 'online'
    AND ($3::text IS NULL OR unit_code = $3)`;

/** The counter keys the service index reads, all counted over the period (events and spans). */
export const INDEX_KEYS: readonly string[] = [
  'rcv_online',
  'rcv_direct',
  'rcv_postal',
  'early',
  'on_time',
  'late',
  'rcv_digitized',
  'rcv_reused',
  'rcv_paid_online',
  'rcv_online_eres',
  'rcv_digitized_eres',
  'res_eres',
  'res_dissat',
];

/**
 * 5.4's dossiers named by a PAKN received ≤ to and not already counted as rated dissatisfied
 * (`res_dissat`): read from the linked feedback (IDX_feedback_dossier), then the dossiers by
 * primary key, never a scan of the period's dossiers.
 */
const LINKED_FEEDBACK_SQL = `SELECT count(*) AS n FROM tthc.dossier d
  WHERE d.dossier_code IN (SELECT f.dossier_code FROM tthc.feedback f
      WHERE f.dossier_code IS NOT NULL AND f.received_date <= $2::date)
    AND d.end_kind = 'resolved' AND d.end_date >= $1::date AND d.end_date <= $2::date
    AND NOT COALESCE(d.first_dissatisfied_date <= $2::date, false) AND NOT d.kpi_irregular
    AND ($3::text IS NULL OR d.unit_code = $3)`;

/** The service-index counts from the rollups (the production answer). */
export async function rollupServiceIndexCounts(db: Db, s: IndexScope): Promise<ServiceIndexCounts> {
  const [sums, flags, linked, irregular, irregularOnline] = await readAll(
    db,
    () => rollupPrefixSums(db, { ...s, procedure: null, byUnit: false }, INDEX_KEYS, 'procedure_code'),
    // All procedures in force: a dossier's flags come from its procedure, whatever its unit.
    () => db.query<ProcedureRow[]>(PROCEDURES_SQL, [s.to]),
    () => db.query<Array<{ n: string }>>(LINKED_FEEDBACK_SQL, [s.from, s.to, s.unit]),
    () => db.query<Array<Record<string, string>>>(ROW_LEVEL_DOSSIERS_SQL(true), [s.from, s.to, s.unit, null]),
    () => db.query<Array<{ procedure_code: string }>>(IRREGULAR_ONLINE_SQL, [s.from, s.to, s.unit]),
  );
  const byCode = new Map(flags.map((p) => [p.code, p]));
  const out = countRow<DossierCounts>(irregular[0]);
  out.r54 += Number(linked[0].n);
  const onlineUsed = new Set(irregularOnline.map((r) => r.procedure_code));
  for (const [code, keys] of sums) {
    // Every key read here counts over the period (events, and spans, whose `from` part is 0).
    const at = (key: string) => (keys.get(key)?.to ?? 0) - (keys.get(key)?.from ?? 0);
    const paper = byCode.get(code)?.paper_result_required === true;
    const fee = byCode.get(code)?.fee_bearing === true;
    const received = at('rcv_online') + at('rcv_direct') + at('rcv_postal');
    const resolved = at('early') + at('on_time') + at('late');
    out.received += received;
    out.online_33 += paper ? at('rcv_online_eres') : at('rcv_online');
    if (fee) {
      out.fee_received += received;
      out.fee_paid_online += at('rcv_paid_online');
    }
    if (paper) {
      out.paper_resolved += resolved;
      out.paper_resolved_e += at('res_eres');
    }
    out.digitized_42 += paper ? at('rcv_digitized_eres') : at('rcv_digitized');
    out.reused += at('rcv_reused');
    out.r54 += at('res_dissat');
    if (at('rcv_online') > 0) onlineUsed.add(code);
  }
  // 3.1 / 3.2: the procedures in force in the unit's competence.
  const mine = s.unit === null ? flags : flags.filter((p) => p.unit_code === s.unit);
  const online = mine.filter((p) => p.online_service !== 'none');
  return {
    ...out,
    procedures: mine.length,
    online_services: online.length,
    online_services_used: online.filter((p) => onlineUsed.has(p.code)).length,
  };
}
