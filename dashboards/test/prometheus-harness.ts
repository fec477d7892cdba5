// A real Prometheus (the Debian `prometheus` binary, or $PROMETHEUS_BIN) started on a free port
// with the repository's rules and a scrape config derived from deploy/prometheus/prometheus.yml,
// pointed at the given targets. Used by the dashboards e2e spec; the live test of the whole stack
// can use it with the real services as targets.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { freePort } from '@cchc/testing';

export interface PromSample {
  metric: Record<string, string>;
  value: [number, string];
}

export interface PrometheusHarness {
  url: string;
  /** Instant query; throws on a PromQL error. */
  query(expr: string): Promise<PromSample[]>;
  labelValues(label: string, match: string): Promise<string[]>;
  stop(): Promise<void>;
}

interface ScrapeConfig {
  job_name: string;
  static_configs: Array<{ targets: string[] }>;
}

/**
 * Starts Prometheus scraping `targets` (job name → `host:port`) every second and evaluating the
 * repository's rule files every second. The jobs keep the names of deploy/prometheus/prometheus.yml.
 */
export async function startPrometheus(
  repoRoot: string,
  targets: Record<string, string>,
): Promise<PrometheusHarness> {
  const base = parse(readFileSync(join(repoRoot, 'deploy/prometheus/prometheus.yml'), 'utf8')) as {
    scrape_configs: ScrapeConfig[];
  };
  const jobs = base.scrape_configs.filter((s) => s.job_name in targets);
  const missing = Object.keys(targets).filter((j) => !jobs.some((s) => s.job_name === j));
  if (missing.length > 0)
    throw new Error(`jobs not in deploy/prometheus/prometheus.yml: ${missing.join(', ')}`);

  const dir = mkdtempSync(join(tmpdir(), 'cchc-prometheus-'));
  const port = await freePort();
  const config = {
    global: { scrape_interval: '1s', scrape_timeout: '1s', evaluation_interval: '1s' },
    rule_files: [join(repoRoot, 'deploy/prometheus/rules/*.yml')],
    scrape_configs: jobs.map((s) => ({ ...s, static_configs: [{ targets: [targets[s.job_name]] }] })),
  };
  writeFileSync(join(dir, 'prometheus.yml'), stringify(config));

  const child: ChildProcess = spawn(
    process.env.PROMETHEUS_BIN ?? 'prometheus',
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const spawnError = new Promise<never>((_, reject) =>
    child.once('error', (e) =>
      reject(new Error(`cannot start prometheus (apt-get install -y prometheus): ${e.message}`)),
    ),
  );

  const url = `http://127.0.0.1:${port}`;
  async function api<T>(path: string): Promise<T> {
    const res = await fetch(`${url}${path}`);
    const body = (await res.json()) as { status: string; data: T; error?: string };
    if (body.status !== 'success') throw new Error(`${path}: ${body.error ?? res.status}`);
    return body.data;
  }

  // Ready within a second on these machines; allow more on a loaded CI runner.
  const deadline = Date.now() + 20_000;
  for (;;) {
    const ready = await Promise.race([
      fetch(`${url}/-/ready`).then(
        (r) => r.ok,
        () => false,
      ),
      spawnError,
    ]);
    if (ready) break;
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`prometheus did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    url,
    query: async (expr) =>
      (await api<{ result: PromSample[] }>(`/api/v1/query?query=${encodeURIComponent(expr)}`)).result,
    labelValues: (label, match) =>
      api<string[]>(`/api/v1/label/${encodeURIComponent(label)}/values?match[]=${encodeURIComponent(match)}`),
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
