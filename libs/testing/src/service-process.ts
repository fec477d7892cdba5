import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { expectEventually } from './eventually';
import { freePort } from './free-port';
import { authorizedFetch, TEST_ADMIN_TOKEN, type TestRequest } from './authorized-fetch';

export interface ServiceProcess {
  port: number;
  baseUrl: string;
  child: ChildProcess;
  /** fetch() with the test admin token (`token: null` for none). */
  request: TestRequest;
  /** Sends the signal and waits for the process to exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** What the process wrote to stdout so far (with `captureStdout`; else empty). */
  stdout(): string;
}

/**
 * A compiled service (`dist/…/main.js`) in its own process, as it is deployed, on a free port with
 * the test admin token; resolves once `/health/ready` answers 200 (terminus: `ok` or `degraded`).
 */
export async function startServiceProcess(options: {
  main: string;
  env: Record<string, string>;
  port?: number;
  cwd?: string;
  /** Node options before the script (e.g. `--cpu-prof`, which NODE_OPTIONS does not allow). */
  execArgv?: string[];
  /** Keep the process's stdout (its log lines and banner) for `stdout()` instead of discarding it. */
  captureStdout?: boolean;
}): Promise<ServiceProcess> {
  if (!existsSync(options.main)) {
    throw new Error(`${options.main} is missing: run \`npm run build\` first (npm run test:e2e does)`);
  }
  const port = options.port ?? (await freePort());
  const child = spawn(process.execPath, [...(options.execArgv ?? []), options.main], {
    cwd: options.cwd,
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      BOOTSTRAP_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', options.captureStdout ? 'pipe' : 'ignore', 'inherit'],
  });
  const out: Buffer[] = [];
  child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
  const baseUrl = `http://127.0.0.1:${port}`;
  const request = authorizedFetch(baseUrl);
  await expectEventually(
    async () => {
      if (child.exitCode !== null) throw new Error(`${options.main} exited with code ${child.exitCode}`);
      expect200((await request('/health/ready', { token: null })).status);
    },
    60_000,
    200,
  );
  return {
    port,
    baseUrl,
    child,
    request,
    stdout: () => Buffer.concat(out).toString('utf8'),
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill(signal);
      await exited;
    },
  };
}

function expect200(status: number): void {
  if (status !== 200) throw new Error(`not ready yet (${status})`);
}
