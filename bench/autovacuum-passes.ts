// Which autovacuum passes ran over a database since a moment: the latency step names them beside
// its slowest samples. On two cores, a pass that analyses or vacuums a large table takes one of
// them for a second or more, and samples published meanwhile wait (docs/benchmarks.md, session 23).
import { withClient } from '@cchc/database';

export interface AutovacuumPass {
  kind: 'vacuum' | 'analyse';
  table: string;
  /** When the pass ended, in seconds after `since`. */
  endedAtS: number;
}

/** The passes over the database at `databaseUrl` that ended after `since`, in order. */
export async function autovacuumPasses(databaseUrl: string, since: Date): Promise<AutovacuumPass[]> {
  const { rows } = await withClient(databaseUrl, (c) =>
    c.query<{ table: string; vacuumed: Date | null; analysed: Date | null }>(
      `SELECT relname AS table, last_autovacuum AS vacuumed, last_autoanalyze AS analysed
         FROM pg_stat_user_tables WHERE last_autovacuum >= $1 OR last_autoanalyze >= $1`,
      [since],
    ),
  );
  const passes: AutovacuumPass[] = [];
  const after = (at: Date) => (at.getTime() - since.getTime()) / 1000;
  for (const r of rows) {
    if (r.vacuumed && r.vacuumed >= since)
      passes.push({ kind: 'vacuum', table: r.table, endedAtS: after(r.vacuumed) });
    if (r.analysed && r.analysed >= since)
      passes.push({ kind: 'analyse', table: r.table, endedAtS: after(r.analysed) });
  }
  return passes.sort((a, b) => a.endedAtS - b.endedAtS);
}

/** The passes for a progress line: "analyse dossier 12.4 s, vacuum kpi_day 12.6 s", or "none". */
export function describePasses(passes: AutovacuumPass[]): string {
  if (passes.length === 0) return 'none';
  return passes.map((p) => `${p.kind} ${p.table} ${p.endedAtS.toFixed(1)} s`).join(', ');
}
