// The servers a benchmark run drives: one nats-server and one PostgreSQL (the embedded binaries with
// the embedded settings, libs/database) for every step, a fresh database per step, and the services
// as their own processes (libs/testing's startServiceProcess), as they are deployed.
//
// A step's databases are dropped when it ends (main.ts; the latency step drops each run's at the end
// of the run). Left in place, they were vacuumed and analysed by autovacuum while later steps
// measured: a latency run's database took about 3.5 s of CPU in the next run, and samples published
// meanwhile took 0.4–0.9 s to be visible (docs/benchmarks.md, session 23).
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startDatabaseServer, withClient, type DatabaseServer } from '@cchc/database';
import { ALL_IN_ONE_NODE_FLAGS } from '../apps/all-in-one/src/node-flags';
import {
  freePort,
  startServiceProcess,
  startTestNats,
  type ServiceProcess,
  type TestNats,
} from '@cchc/testing';

export interface BenchServers {
  nats: TestNats;
  postgres: DatabaseServer;
  /**
   * A new database on the shared PostgreSQL server (empty, or a copy of `template`, which must have
   * no connections); its URL.
   */
  createDatabase(name: string, template?: string): Promise<string>;
  /** Drops a database made by createDatabase (its connections are ended first). */
  dropDatabase(name: string): Promise<void>;
  /** Drops every database createDatabase made and nobody dropped yet. */
  dropDatabases(): Promise<void>;
  stop(): Promise<void>;
}

export async function startBenchServers(options: { pgStats: boolean }): Promise<BenchServers> {
  const dir = mkdtempSync(join(tmpdir(), 'cchc-bench-'));
  const port = await freePort();
  let postgres = await startDatabaseServer({ dataDir: dir, port });
  if (options.pgStats) {
    // pg_stat_statements must be preloaded: set it, then restart the same cluster.
    await withClient(postgres.url, (c) =>
      c.query(`ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'`),
    );
    await postgres.stop();
    postgres = await startDatabaseServer({ dataDir: dir, port });
    await withClient(postgres.url, (c) => c.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements'));
  }
  const nats = await startTestNats();
  const server = postgres;
  const created = new Set<string>();
  const dropDatabase = async (name: string): Promise<void> => {
    await withClient(server.url, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    created.delete(name);
  };
  return {
    nats,
    postgres,
    createDatabase: async (name, template) => {
      await withClient(server.url, async (c) => {
        await c.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`);
        // A copy is written through the WAL: a checkpoint now, so that writing it out does not fall
        // into what the step then measures (one latency run had 10 s of 700–800 ms samples without it).
        if (template) await c.query('CHECKPOINT');
      });
      created.add(name);
      const url = new URL(server.url);
      url.pathname = `/${name}`;
      return url.toString();
    },
    dropDatabase,
    dropDatabases: async () => {
      for (const name of [...created].reverse()) await dropDatabase(name);
    },
    stop: async () => {
      await nats.stop();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type ServiceKind = 'tthc-metrics' | 'all-in-one';

/** A service process a step started, with its own data directory and when it was ready (Date.now()). */
export type BenchService = ServiceProcess & { dataDir: string; readyAt: number };

const MAINS: Record<ServiceKind, string> = {
  'tthc-metrics': 'dist/services/tthc-metrics/src/main.js',
  'all-in-one': 'dist/apps/all-in-one/src/main.js',
};

/**
 * A service process on the given database: tthc-metrics in NATS mode (`natsUrl` given) or the
 * all-in-one (in-process messaging unless `natsUrl`). `label` names its CPU profile directory.
 */
export async function startBenchService(options: {
  kind: ServiceKind;
  databaseUrl: string;
  natsUrl?: string;
  label: string;
  cpuProfDir?: string;
}): Promise<BenchService> {
  const root = process.cwd();
  const dataDir = mkdtempSync(join(tmpdir(), 'cchc-bench-data-'));
  const env: Record<string, string> = {
    DATABASE_URL: options.databaseUrl,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    // The bench is one trusted client measuring the service, not what the rate limit guards
    // against: the latency step's lookups (tens a second) ran into the default 1,200 a minute and
    // were refused until the minute turned, which showed as stalls of 7–30 s (session 18).
    RATE_LIMIT_REQUESTS: '1000000',
  };
  if (options.natsUrl) env.NATS_URL = options.natsUrl;
  // The ingest settings (INGEST_MAX_IN_FLIGHT, INGEST_BATCH_SIZE…) and KPI_GAUGE_REFRESH_SECONDS
  // pass through, to compare them.
  for (const [key, value] of Object.entries(process.env))
    if ((key.startsWith('INGEST_') || key === 'KPI_GAUGE_REFRESH_SECONDS') && value !== undefined)
      env[key] = value;
  // The all-in-one runs with the flags `npm start` gives it (its heap budget: node-flags.ts).
  const execArgv: string[] = options.kind === 'all-in-one' ? [...ALL_IN_ONE_NODE_FLAGS] : [];
  if (options.cpuProfDir) {
    const dir = resolve(options.cpuProfDir, options.label);
    mkdirSync(dir, { recursive: true });
    execArgv.push('--cpu-prof', `--cpu-prof-dir=${dir}`);
  }
  const service = await startServiceProcess({
    main: join(root, MAINS[options.kind]),
    env,
    cwd: root,
    execArgv,
  });
  return {
    ...service,
    dataDir,
    readyAt: Date.now(),
    stop: async (signal) => {
      await service.stop(signal);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Resident set size of a process, in MB (Linux /proc). */
export function rssMb(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Samples a process's RSS every `everyMs` until stopped; max and median of the samples. */
export function sampleRss(
  pid: number,
  everyMs = 250,
): { peek(): number | null; stop(): { maxMb: number | null; samples: number[] } } {
  const samples: number[] = [];
  const take = () => {
    const v = rssMb(pid);
    if (v !== null) samples.push(v);
  };
  take();
  const timer = setInterval(take, everyMs);
  const max = () => (samples.length > 0 ? Math.max(...samples) : null);
  return {
    peek: max,
    stop: () => {
      clearInterval(timer);
      take();
      return { maxMb: max(), samples };
    },
  };
}

/**
 * Top statements by total execution time since the last reset (needs --pg-stats), of one database
 * if named.
 */
export async function topStatements(serverUrl: string, limit = 8, database?: string): Promise<string[]> {
  return withClient(serverUrl, async (c) => {
    const { rows } = await c.query<{
      calls: string;
      total: number;
      mean: number;
      share: number;
      query: string;
    }>(
      `SELECT calls, total_exec_time AS total, mean_exec_time AS mean,
              100 * total_exec_time / NULLIF(sum(total_exec_time) OVER (), 0) AS share,
              regexp_replace(query, '\\s+', ' ', 'g') AS query
         FROM pg_stat_statements
        WHERE $2::text IS NULL OR dbid = (SELECT oid FROM pg_database WHERE datname = $2)
        ORDER BY total_exec_time DESC LIMIT $1`,
      [limit, database ?? null],
    );
    return rows.map(
      (r) =>
        `${Number(r.share ?? 0)
          .toFixed(1)
          .padStart(
            5,
          )}%  ${String(r.calls).padStart(7)} calls  ${Number(r.mean).toFixed(2).padStart(8)} ms/call  ${r.query.slice(0, 160)}`,
    );
  });
}

export async function resetStatements(serverUrl: string): Promise<void> {
  await withClient(serverUrl, (c) => c.query('SELECT pg_stat_statements_reset()'));
}
