// KPI counter reads are a few thousand rows at most, but their plans can cost enough for the
// planner to start parallel workers: on a loaded 2-core machine starting them took 170 ms for a
// query whose workers then ran 2.5 ms (EXPLAIN ANALYZE, docs/benchmarks.md, session 17). The reads
// run without parallel workers, in a transaction of their own when given the pool.
//
// Not a table setting: `parallel_workers = 0` on the counter tables stops partial scans of them,
// but the planner still runs the read's UNION ALL branches side by side in a Parallel Append under
// a Gather Merge; at 10 M dossiers that made the per-unit read 4× slower than this (session 18).
import { DataSource, type EntityManager } from 'typeorm';

/** Where a KPI read runs: the pool, or a transaction's EntityManager. */
export type Db = Pick<DataSource | EntityManager, 'query'>;

/**
 * Runs `fn` with parallel workers off (SET LOCAL, in a transaction of its own on a DataSource).
 * Given an EntityManager (the caller's transaction) it runs `fn` as it is: the caller's settings
 * are left alone.
 */
export async function withoutParallelWorkers<T>(db: Db, fn: (q: Db) => Promise<T>): Promise<T> {
  if (!(db instanceof DataSource)) return fn(db);
  return db.transaction(async (em) => {
    await em.query('SET LOCAL max_parallel_workers_per_gather = 0');
    return fn(em);
  });
}

/**
 * Runs independent reads: side by side on the pool (a connection each), one after another on a
 * transaction's EntityManager (a connection runs one statement at a time; pg queues the others but
 * deprecates doing so).
 */
export async function readAll<T extends unknown[]>(
  db: Db,
  ...reads: { [K in keyof T]: () => Promise<T[K]> }
): Promise<T> {
  if (db instanceof DataSource) return (await Promise.all(reads.map((read) => read()))) as T;
  const results: unknown[] = [];
  for (const read of reads) results.push(await read());
  return results as T;
}
