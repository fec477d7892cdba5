// The catalog a period is measured with (architecture.md §5b, revision 2): per code, the version in
// force at the period's last day (the latest `valid_from` ≤ to), plus the procedures only announced
// by a dossier.received for a code the catalog does not know at all. `online_service` falls back
// to the level (4 → full, 3 → partial, else none: Decree 42/2022 "toàn trình / một phần").

/** SQL of the procedures in force at the date bound to parameter `$toParam`, one row per code. */
export function proceduresInForceSql(toParam: number): string {
  return `(SELECT code, unit_code, level, paper_result_required, fee_bearing,
       COALESCE(online_service, CASE level WHEN 4 THEN 'full' WHEN 3 THEN 'partial' ELSE 'none' END) AS online_service
     FROM (SELECT DISTINCT ON (code) * FROM tthc.procedure WHERE valid_from <= $${toParam}::date
           ORDER BY code, valid_from DESC) AS v
     UNION ALL
     SELECT a.code, a.unit_code, a.level, NULL, NULL,
       CASE a.level WHEN 4 THEN 'full' WHEN 3 THEN 'partial' ELSE 'none' END
     FROM tthc.procedure_announcement a
     WHERE NOT EXISTS (SELECT 1 FROM tthc.procedure p WHERE p.code = a.code))`;
}
