// The database the latency step's runs start from (latency-step.ts): `--latency-history` dossiers
// loaded with the bulk loader (copy mode, the service's own projection code), vacuumed and analysed,
// then used as a template so each run gets its own copy. A department's database is not empty: on
// an empty one, the fast-growing new tables pass autovacuum's thresholds every few seconds (one
// 120 s run of session 19 had its slowest samples under such passes, docs/benchmarks.md).
import { withClient } from '@cchc/database';
import { startBulkLoader } from '../tools/bulk-loader/src/bulk-loader';
import { msSince } from './bench-results';
import type { BenchServers } from './bench-servers';
import { workloadEvents } from './workload';

const TEMPLATE = 'bench_latency_history';

/** Creates the template with `dossiers` dossiers of history; its name. */
export async function latencyHistoryTemplate(servers: BenchServers, dossiers: number): Promise<string> {
  const started = process.hrtime.bigint();
  console.error(`  publish → visible: loading ${dossiers.toLocaleString('en')} dossiers of history`);
  const url = await servers.createDatabase(TEMPLATE);
  const bulk = await startBulkLoader({ databaseUrl: url, mode: 'copy' });
  try {
    await bulk.loadChunks(workloadEvents('H', dossiers));
  } finally {
    await bulk.stop();
  }
  // What autovacuum would do over the following minutes, done now and once for every copy.
  await withClient(url, (c) => c.query('VACUUM (ANALYZE)'));
  console.error(
    `  publish → visible: history loaded and vacuumed in ${(msSince(started) / 1000).toFixed(1)} s`,
  );
  return TEMPLATE;
}
