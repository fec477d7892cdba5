import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';

export interface TestNats {
  url: string;
  port: number;
  /** Stops the server (SIGTERM) and removes its JetStream store. */
  stop(): Promise<void>;
  /** Stops the server but keeps the store, for restart tests. */
  kill(): Promise<void>;
  /** Starts it again on the same port and store. */
  restart(): Promise<void>;
}

const NATS_BIN = process.env.NATS_SERVER_BIN ?? 'nats-server';

// A suite whose setup fails half-way never calls stop(): no server may outlive the test process.
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * A real nats-server with JetStream on a free loopback port and a temporary store (the Debian
 * package; `.ci/run` installs it).
 */
export async function startTestNats(): Promise<TestNats> {
  const port = await freePort();
  const storeDir = mkdtempSync(join(tmpdir(), 'cchc-nats-'));
  let child: ChildProcess | undefined;

  const launch = async () => {
    child = spawn(NATS_BIN, ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', storeDir], {
      stdio: 'ignore',
    });
    const started = child;
    running.add(started);
    started.once('exit', () => running.delete(started));
    const exited = new Promise<never>((_, reject) =>
      child!.once('exit', (code) =>
        reject(new Error(`nats-server exited with code ${code} (is it installed?)`)),
      ),
    );
    const spawnError = new Promise<never>((_, reject) =>
      child!.once('error', (e) =>
        reject(new Error(`cannot start ${NATS_BIN}: ${e.message} (apt-get install nats-server)`)),
      ),
    );
    await Promise.race([waitForPort(port), exited, spawnError]);
  };
  const halt = async () => {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill('SIGTERM');
    });
  };

  await launch();
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    stop: async () => {
      await halt();
      rmSync(storeDir, { recursive: true, force: true });
    },
    kill: halt,
    restart: launch,
  };
}

async function waitForPort(port: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline)
      throw new Error(`nats-server did not listen on ${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
