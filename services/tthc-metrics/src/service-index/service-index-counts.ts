// The dossier and procedure counts behind the QĐ 766 service index (architecture.md §5b), two ways
// (docs/decisions/0015-service-index-rollups.md):
// - `rollupServiceIndexCounts`: per procedure from the counters of src/rollups (keys of the
//   period's days and `kpi_span` facts), joined at query time with the procedure's flags in force
//   at `to`; plus, row by row, the dossiers the counters leave out (`kpi_irregular`, partial
//   index) and indicator 5.4's "a PAKN names this dossier", read from the linked feedback;
// - `rowLevelServiceIndexCounts`: the row-level definition, one scan of the period's dossiers
//   (DOSSIER_BUCKETS_SQL). Kept as the reference the rollup is tested against, and for the
//   irregular dossiers.
import type { DataSource, EntityManager } from 'typeorm';
import { addCalendarDays } from '@cchc/calendar';
import { countRow } from '../database/count-row';
import { dossierBucketsSql } from '../kpis/dossier-buckets';
import { proceduresInForceSql } from '../procedures/procedures-in-force';

type Db = Pick<DataSource | EntityManager, 'query'>;

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
  const [d, p] = await Promise.all([
    db.query<Array<Record<string, string>>>(ROW_LEVEL_DOSSIERS_SQL(false), [s.from, s.to, s.unit, null]),
    db.query<Array<Record<string, string>>>(ROW_LEVEL_PROCEDURES_SQL, [s.from, s.to, s.unit]),
  ]);
  return { ...countRow<DossierCounts>(d[0]), ...countRow<ServiceIndexCounts>(p[0]) };
}

/** The procedures in force at `to` ($1) with the flags the counts need, in the unit's competence. */
const PROCEDURES_SQL = `SELECT p.code, p.paper_result_required, p.fee_bearing, p.online_service
  FROM ${proceduresInForceSql(1)} AS p WHERE $2::text IS NULL OR p.unit_code = $2`;

interface ProcedureRow {
  code: string;
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
 * Per procedure and key, the count over [from, to]: whole months inside the period from kpi_month
 * ($5 ≤ month < $6), the other days from kpi_day ([$1, $7] and [$8, $2]; an empty range has its
 * start after its end), and kpi_span facts with `since` in the period and `day ≤ to`.
 */
const WINDOW_SQL = `SELECT procedure_code, key, sum(n)::text AS n FROM (
    SELECT procedure_code, key, n FROM tthc.kpi_month
    WHERE month >= $5::date AND month < $6::date AND ${'($3::text IS NULL OR unit_code = $3) AND key = ANY($4::text[])'}
    UNION ALL
    SELECT procedure_code, key, n FROM tthc.kpi_day
    WHERE day >= $1::date AND day <= $7::date AND ($3::text IS NULL OR unit_code = $3) AND key = ANY($4::text[])
    UNION ALL
    SELECT procedure_code, key, n FROM tthc.kpi_day
    WHERE day >= $8::date AND day <= $2::date AND ($3::text IS NULL OR unit_code = $3) AND key = ANY($4::text[])
    UNION ALL
    SELECT procedure_code, key, n FROM tthc.kpi_span
    WHERE since >= $1::date AND since <= $2::date AND day <= $2::date
      AND ($3::text IS NULL OR unit_code = $3) AND key = ANY($4::text[])
  ) AS t GROUP BY 1, 2`;

/** The parameters $5–$8 of {@link WINDOW_SQL}: the whole months of [from, to] and the days around. */
function windowBounds(from: string, to: string): [string, string, string, string] {
  const firstMonth = from.endsWith('-01')
    ? from
    : `${addCalendarDays(`${from.slice(0, 7)}-01`, 32).slice(0, 7)}-01`;
  const next = addCalendarDays(to, 1);
  const endMonth = next.endsWith('-01') ? next : `${to.slice(0, 7)}-01`;
  if (firstMonth >= endMonth) return [firstMonth, firstMonth, to, next]; // no whole month: [from, to] by day
  return [firstMonth, endMonth, addCalendarDays(firstMonth, -1), endMonth];
}

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
  const [rows, flags, linked, irregular, irregularOnline] = await Promise.all([
    db.query<Array<{ procedure_code: string; key: string; n: string }>>(WINDOW_SQL, [
      s.from,
      s.to,
      s.unit,
      INDEX_KEYS,
      ...windowBounds(s.from, s.to),
    ]),
    // All procedures in force: a dossier's flags come from its procedure, whatever its unit.
    db.query<ProcedureRow[]>(PROCEDURES_SQL, [s.to, null]),
    db.query<Array<{ n: string }>>(LINKED_FEEDBACK_SQL, [s.from, s.to, s.unit]),
    db.query<Array<Record<string, string>>>(ROW_LEVEL_DOSSIERS_SQL(true), [s.from, s.to, s.unit, null]),
    db.query<Array<{ procedure_code: string }>>(IRREGULAR_ONLINE_SQL, [s.from, s.to, s.unit]),
  ]);
  const perProcedure = new Map<string, Map<string, number>>();
  for (const r of rows) {
    if (!perProcedure.has(r.procedure_code)) perProcedure.set(r.procedure_code, new Map());
    perProcedure.get(r.procedure_code)!.set(r.key, Number(r.n));
  }
  const byCode = new Map(flags.map((p) => [p.code, p]));
  const out = countRow<DossierCounts>(irregular[0]);
  out.r54 += Number(linked[0].n);
  const onlineUsed = new Set(irregularOnline.map((r) => r.procedure_code));
  for (const [code, keys] of perProcedure) {
    const at = (key: string) => keys.get(key) ?? 0;
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
  const mine = s.unit === null ? flags : await db.query<ProcedureRow[]>(PROCEDURES_SQL, [s.to, s.unit]);
  const online = mine.filter((p) => p.online_service !== 'none');
  return {
    ...out,
    procedures: mine.length,
    online_services: online.length,
    online_services_used: online.filter((p) => onlineUsed.has(p.code)).length,
  };
}
