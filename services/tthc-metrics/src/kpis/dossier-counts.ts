// The dossier counts behind every KPI of architecture.md §5, two ways:
// - `rollupDossierCounts`: from the per-day counters of src/rollups (what production answers); the
//   dossiers the counters cannot express (`kpi_irregular`) are added row by row, through a partial
//   index, by the row-level SQL;
// - `rowLevelDossierCounts`: the row-level definition, one scan of tthc.dossier judging each dossier
//   at `to` (DOSSIER_BUCKETS_SQL). Kept as the reference the rollup is tested against, and as the
//   fallback for the irregular dossiers.
import { addCalendarDays } from '@cchc/calendar';
import { OPEN_SPAN_INDEXES } from '../rollups/span-since-ddl';
import { dossierBucketsSql } from './dossier-buckets';
import { type Db, readAll, withoutParallelWorkers } from './serial-read';

export interface Counts {
  online: number;
  direct: number;
  postal: number;
  carried_over: number;
  early: number;
  on_time: number;
  late: number;
  withdrawn: number;
  within_time: number;
  awaiting: number;
  overdue: number;
  late_with_apology: number;
  late_apology_in_time: number;
  postal_returned: number;
  anomalies: number;
}

export const ZERO_COUNTS: Counts = {
  online: 0,
  direct: 0,
  postal: 0,
  carried_over: 0,
  early: 0,
  on_time: 0,
  late: 0,
  withdrawn: 0,
  within_time: 0,
  awaiting: 0,
  overdue: 0,
  late_with_apology: 0,
  late_apology_in_time: 0,
  postal_returned: 0,
  anomalies: 0,
};

export interface CountScope {
  from: string;
  to: string;
  unit: string | null;
  procedure: string | null;
  /** One entry per unit instead of one ('*') for the scope. */
  byUnit: boolean;
}

/** Per key ('*' or a unit code) the counts of the dossiers in scope, by the row-level definition. */
export async function rowLevelDossierCounts(
  db: Db,
  s: CountScope,
  irregularOnly = false,
): Promise<Map<string, Counts>> {
  const rows: Array<Record<string, string>> = await db.query(
    `WITH judged AS (${dossierBucketsSql(irregularOnly)})
     SELECT ${s.byUnit ? 'unit_code' : "'*'"} AS k,
       count(*) FILTER (WHERE received_date >= $1 AND channel = 'online') AS online,
       count(*) FILTER (WHERE received_date >= $1 AND channel = 'direct') AS direct,
       count(*) FILTER (WHERE received_date >= $1 AND channel = 'postal') AS postal,
       count(*) FILTER (WHERE received_date < $1) AS carried_over,
       count(*) FILTER (WHERE bucket = 'early') AS early,
       count(*) FILTER (WHERE bucket = 'on_time') AS on_time,
       count(*) FILTER (WHERE bucket = 'late') AS late,
       count(*) FILTER (WHERE bucket = 'withdrawn') AS withdrawn,
       count(*) FILTER (WHERE bucket = 'within_time') AS within_time,
       count(*) FILTER (WHERE bucket = 'awaiting') AS awaiting,
       count(*) FILTER (WHERE bucket = 'overdue') AS overdue,
       count(*) FILTER (WHERE bucket IN ('late', 'overdue') AND first_apology_date <= $2) AS late_with_apology,
       count(*) FILTER (WHERE bucket IN ('late', 'overdue') AND first_apology_date <= $2
         AND first_apology_in_time) AS late_apology_in_time,
       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM unnest(postal_return_dates) AS r WHERE r BETWEEN $1 AND $2)) AS postal_returned,
       count(*) FILTER (WHERE cardinality(anomalies) > 0) AS anomalies
     FROM judged
     ${s.byUnit ? 'GROUP BY unit_code' : ''}`,
    [s.from, s.to, s.unit, s.procedure],
  );
  return new Map(
    rows.map((r) => {
      const { k, ...counts } = r;
      return [
        k,
        Object.fromEntries(Object.entries(counts).map(([n, v]) => [n, Number(v)])) as unknown as Counts,
      ];
    }),
  );
}

/**
 * Per key and counter key, the prefix sums at `to` (p_to) and at `from − 1` (p_from): months
 * before the cut-off's month from kpi_month, the remaining days from kpi_day. $5 / $6 (`c_to` /
 * `c_from`): the first day not covered by whole months ≤ to / ≤ from − 1. They are parameters, not
 * expressions, so that the planner reads the primary keys' day ranges instead of scanning the
 * tables. $7: the counter keys to read (the service index keys other keys in the same tables).
 *
 * kpi_span rows count in p_to when `since ≥ from AND day ≤ to` (src/rollups/rollup-ddl.ts), read
 * as Σ{from ≤ since ≤ to} (prefix sums of kpi_span_since_day / _month, in column `c` the part
 * to subtract) minus the spans open across `to` with `since ≥ from`, so the read does not grow
 * with the (since, day) pairs of the period (src/rollups/span-since-ddl.ts). The open spans are
 * read one family of span keys per branch ($8, $9, …: the keys of one of OPEN_SPAN_INDEXES among
 * $7, families with none left out), each through its family's partial index, so that the KPIs do
 * not walk the service index's spans.
 * Columns: a (adds to p_to), b (p_from), c (subtracts from p_to).
 */
const ROLLUP_SQL = (group: PrefixGroup, spanFamilies: number) => {
  const k = group ?? "'*'";
  const scope = `($3::text IS NULL OR unit_code = $3) AND ($4::text IS NULL OR procedure_code = $4)
    AND key = ANY($7::text[])`;
  return `SELECT k, key, (coalesce(sum(a), 0) - coalesce(sum(c), 0))::text AS p_to, sum(b)::text AS p_from FROM (
    SELECT ${k} AS k, key, sum(n) FILTER (WHERE month < $5::date) AS a, sum(n) FILTER (WHERE month < $6::date) AS b,
      NULL::numeric AS c
    FROM tthc.kpi_month WHERE month < $5::date AND ${scope} GROUP BY 1, 2
    UNION ALL
    SELECT ${k}, key, sum(n) FILTER (WHERE day >= $5::date), sum(n) FILTER (WHERE day < $1::date), NULL
    FROM tthc.kpi_day WHERE day >= $5::date AND day <= $2::date AND ${scope} GROUP BY 1, 2
    UNION ALL
    SELECT ${k}, key, NULL, sum(n), NULL FROM tthc.kpi_day
    WHERE day >= $6::date AND day < $1::date AND NOT (day >= $5::date AND day <= $2::date) AND ${scope} GROUP BY 1, 2
    UNION ALL
    SELECT ${k}, key, sum(n) FILTER (WHERE month < $5::date), NULL, sum(n) FILTER (WHERE month < $6::date)
    FROM tthc.kpi_span_since_month WHERE month < $5::date AND ${scope} GROUP BY 1, 2
    UNION ALL
    SELECT ${k}, key, sum(n), NULL, sum(n) FILTER (WHERE since < $1::date)
    FROM tthc.kpi_span_since_day WHERE since >= $5::date AND since <= $2::date AND ${scope} GROUP BY 1, 2
    UNION ALL
    SELECT ${k}, key, NULL, NULL, sum(n) FROM tthc.kpi_span_since_day
    WHERE since >= $6::date AND since < $1::date AND NOT (since >= $5::date AND since <= $2::date) AND ${scope}
    GROUP BY 1, 2
${Array.from(
  { length: spanFamilies },
  (_, i) => `    UNION ALL
    SELECT ${k}, key, NULL, NULL, sum(n) FROM tthc.kpi_span
    WHERE daterange(since, day, '[)') @> $2::date AND since >= $1::date AND ${scope}
      AND key = ANY($${8 + i}::text[]) GROUP BY 1, 2`,
).join('\n')}
  ) AS t GROUP BY k, key`;
};

/** The counter keys the KPIs of §5 read. */
export const KPI_KEYS: readonly string[] = [
  'rcv_online',
  'rcv_direct',
  'rcv_postal',
  'early',
  'on_time',
  'late',
  'withdrawn',
  'within_time',
  'awaiting',
  'overdue',
  'late_apology',
  'late_apology_in_time',
  'overdue_apology',
  'overdue_apology_in_time',
  'postal_returned',
  'anom_in',
  'anom_out',
];

/** Prefix sums at `to` and at `from − 1`, per key ('*', a unit or a procedure code) and counter key. */
export type PrefixSums = Map<string, Map<string, { to: number; from: number }>>;

/** What prefix sums are per: the scope as one ('*'), each unit or each procedure. */
export type PrefixGroup = 'unit_code' | 'procedure_code' | null;

/** The statement of {@link rollupPrefixSums} and its parameters. */
export function prefixSumsStatement(
  s: CountScope,
  keys: readonly string[],
  group: PrefixGroup,
): [sql: string, parameters: unknown[]] {
  const spanKeys = OPEN_SPAN_INDEXES.map((family) => keys.filter((key) => family.keys.includes(key))).filter(
    (familyKeys) => familyKeys.length > 0,
  );
  return [
    ROLLUP_SQL(group, spanKeys.length),
    [
      s.from,
      s.to,
      s.unit,
      s.procedure,
      monthOf(addCalendarDays(s.to, 1)),
      monthOf(s.from),
      keys,
      ...spanKeys,
    ],
  ];
}

/**
 * The prefix sums of `keys` in the scope, from the counters only (no irregular dossiers), per
 * `group` (default: per unit when `s.byUnit`, else '*').
 */
export async function rollupPrefixSums(
  db: Db,
  s: CountScope,
  keys: readonly string[],
  group: PrefixGroup = s.byUnit ? 'unit_code' : null,
): Promise<PrefixSums> {
  const rows = await withoutParallelWorkers(db, (q) =>
    q.query<Array<{ k: string; key: string; p_to: string | null; p_from: string | null }>>(
      ...prefixSumsStatement(s, keys, group),
    ),
  );
  const sums: PrefixSums = new Map();
  for (const r of rows) {
    if (!sums.has(r.k)) sums.set(r.k, new Map());
    sums.get(r.k)!.set(r.key, { to: Number(r.p_to ?? 0), from: Number(r.p_from ?? 0) });
  }
  return sums;
}

/** The first day of the month of `date` (YYYY-MM-DD). */
function monthOf(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

/** The counts from the rollups plus the irregular dossiers row by row (the production answer). */
export async function rollupDossierCounts(db: Db, s: CountScope): Promise<Map<string, Counts>> {
  const [sums, irregular] = await readAll(
    db,
    () => rollupPrefixSums(db, s, KPI_KEYS),
    () => rowLevelDossierCounts(db, s, true),
  );
  const out = new Map<string, Counts>();
  for (const [k, keys] of sums) out.set(k, fromPrefixSums(keys));
  for (const [k, c] of irregular) out.set(k, addCounts(out.get(k) ?? ZERO_COUNTS, c));
  // A unit whose only dossiers are outside the scope reads as zeros: drop it as the row scan would.
  for (const [k, c] of out) if (Object.values(c).every((v) => v === 0)) out.delete(k);
  return out;
}

function fromPrefixSums(keys: Map<string, { to: number; from: number }>): Counts {
  const at = (key: string) => keys.get(key) ?? { to: 0, from: 0 };
  const inPeriod = (key: string) => at(key).to - at(key).from;
  const states = ['within_time', 'awaiting', 'overdue'];
  return {
    online: inPeriod('rcv_online'),
    direct: inPeriod('rcv_direct'),
    postal: inPeriod('rcv_postal'),
    carried_over: states.reduce((n, key) => n + at(key).from, 0),
    early: inPeriod('early'),
    on_time: inPeriod('on_time'),
    late: inPeriod('late'),
    withdrawn: inPeriod('withdrawn'),
    within_time: at('within_time').to,
    awaiting: at('awaiting').to,
    overdue: at('overdue').to,
    late_with_apology: inPeriod('late_apology') + at('overdue_apology').to,
    late_apology_in_time: inPeriod('late_apology_in_time') + at('overdue_apology_in_time').to,
    postal_returned: inPeriod('postal_returned'),
    anomalies: at('anom_in').to - at('anom_out').from,
  };
}

function addCounts(a: Counts, b: Counts): Counts {
  const out = { ...a };
  for (const key of Object.keys(out) as Array<keyof Counts>) out[key] += b[key];
  return out;
}
