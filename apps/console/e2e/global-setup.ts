// Starts the compiled all-in-one (`npm run build` and `npm run build:console` first) on a free port
// with a fresh embedded PostgreSQL, loads Q1 2021 with the simulator over HTTP, and creates the
// tokens the tests sign in with. Everything goes through the public API, as a deployment would.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(__dirname, '../../..');
const main = join(root, 'dist/apps/all-in-one/src/main.js');
const simulator = join(root, 'dist/tools/simulator/src/main.js');

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        address && typeof address === 'object' ? ok(address.port) : fail(new Error('no port')),
      );
    });
  });
}

async function waitReady(url: string, child: { exitCode: number | null }): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the all-in-one exited with code ${child.exitCode}`);
    try {
      // Ready is the HTTP status (terminus: 200 for `ok` or `degraded`, 503 while an indicator is down).
      if ((await fetch(`${url}/health/ready`)).status === 200) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error('the all-in-one did not become ready in 120 s');
    await new Promise((r) => setTimeout(r, 300));
  }
}

async function createToken(url: string, admin: string, body: object): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/tokens`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`creating a token: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  for (const file of [main, simulator, join(root, 'dist/console/index.html')])
    if (!existsSync(file)) throw new Error(`${file} is missing: run npm run test:console (it builds first)`);
  const dataDir = mkdtempSync(join(tmpdir(), 'cchc-console-e2e-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const admin = `cchc_e2e_${randomBytes(18).toString('hex')}`;
  // The Node flags npm start gives the all-in-one (apps/all-in-one/src/node-flags.ts, compiled).
  const flags = (
    (await import(pathToFileURL(join(root, 'dist/apps/all-in-one/src/node-flags.js')).href)) as {
      ALL_IN_ONE_NODE_FLAGS: readonly string[];
    }
  ).ALL_IN_ONE_NODE_FLAGS;
  const child = spawn(process.execPath, [...flags, main], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      BOOTSTRAP_ADMIN_TOKEN: admin,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitReady(url, child);
    // Q1 2021: the plan's first quarter, as the README's demo loads it.
    const sim = spawnSync(
      process.execPath,
      [simulator, '--url', url, '--token', admin, '--from', '2021-01-01', '--to', '2021-03-31'].concat([
        '--dossiers',
        '300',
        '--rate',
        '0',
        '--seed',
        '13',
      ]),
      { cwd: root, encoding: 'utf8' },
    );
    if (sim.status !== 0) throw new Error(`simulator failed: ${sim.stderr || sim.stdout}`);
    process.env.CONSOLE_E2E_URL = url;
    process.env.CONSOLE_E2E_ADMIN = admin;
    process.env.CONSOLE_E2E_EDITOR = await createToken(url, admin, {
      name: 'Văn phòng (e2e)',
      role: 'editor',
      units: ['vp'],
    });
    process.env.CONSOLE_E2E_REVIEWER = await createToken(url, admin, {
      name: 'Văn phòng duyệt (e2e)',
      role: 'reviewer',
    });
    process.env.CONSOLE_E2E_VIEWER = await createToken(url, admin, {
      name: 'Lãnh đạo Sở (e2e)',
      role: 'viewer',
    });
  } catch (e) {
    await stop();
    throw e;
  }
  return stop;
}
