// The dashboards proven against the real system: the three services, each its own compiled process
// (distributed mode) on a real PostgreSQL and nats-server, fed by the simulator; a real Prometheus
// scrapes them with the repository's scrape config and rules. Every panel query of every generated
// dashboard (Grafana's variables and macros substituted) must return data, every variable must
// offer values, every rule must evaluate, and every metric the dashboards and rules name must be
// exported by a service.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { appRoot } from '@cchc/config';
import { currentQuarter, localDate, parsePeriod } from '@cchc/calendar';
import {
  expectEventually,
  startTestNats,
  startTestPostgres,
  startServiceProcess,
  TEST_ADMIN_TOKEN,
  type ServiceProcess,
  type TestNats,
  type TestPostgres,
} from '@cchc/testing';
import { runSimulator } from '../../tools/simulator/src/simulator';
import { DEFAULT_SIMULATOR_OPTIONS } from '../../tools/simulator/src/simulator-options';
import { baseMetricName, expandVariables, metricNamesIn, panelQueries, variableQueries } from '../src';
import { startPrometheus, type PrometheusHarness } from './prometheus-harness';

const root = appRoot();
const SERVICES = ['plan-management', 'tthc-metrics', 'reporting'] as const;
type Service = (typeof SERVICES)[number];

const dashboards: Dashboard[] = readdirSync(join(root, 'dashboards/generated'))
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(join(root, 'dashboards/generated', f), 'utf8')) as Dashboard);

const rules = readdirSync(join(root, 'deploy/prometheus/rules'))
  .filter((f) => f.endsWith('.yml'))
  .flatMap((f) =>
    (
      parse(readFileSync(join(root, 'deploy/prometheus/rules', f), 'utf8')) as {
        groups: Array<{ rules: Array<{ record?: string; alert?: string; expr: string }> }>;
      }
    ).groups.flatMap((g) => g.rules),
  );

function hasNumber(samples: Array<{ value: [number, string] }>): boolean {
  return samples.some((s) => Number.isFinite(Number(s.value[1])));
}

const auth = { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

describe('dashboards against the real services and a real Prometheus', () => {
  let pg: TestPostgres;
  let nats: TestNats;
  let prometheus: PrometheusHarness;
  const services = {} as Record<Service, ServiceProcess>;
  const base = (s: Service) => services[s].baseUrl;

  beforeAll(async () => {
    [pg, nats] = await Promise.all([startTestPostgres(), startTestNats()]);
    // In parallel: each migrates its own schema; the auth schema's migration takes a lock.
    const started = await Promise.all(
      SERVICES.map((s) =>
        startServiceProcess({
          main: join(root, `dist/services/${s}/src/main.js`),
          cwd: root,
          env: { DATABASE_URL: pg.url, NATS_URL: nats.url, KPI_GAUGE_REFRESH_SECONDS: '1' },
        }),
      ),
    );
    SERVICES.forEach((s, i) => (services[s] = started[i]!));

    // The plan and the procedure catalog, as an administrator would load them.
    const plan = await fetch(`${base('plan-management')}/api/v1/plans/import`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/yaml' },
      body: readFileSync(join(root, 'services/plan-management/seed/ke-hoach-cchc-2021.yaml'), 'utf8'),
    });
    expect(plan.status).toBe(201);
    const catalog = await fetch(`${base('tthc-metrics')}/api/v1/tthc/procedures`, {
      method: 'PUT',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: readFileSync(join(root, 'services/tthc-metrics/seed/procedures.json'), 'utf8'),
    });
    expect(catalog.status).toBe(200);

    // Prometheus first, so that it sees the counters move (rate() and increase() need samples
    // before and after the activity).
    prometheus = await startPrometheus(
      root,
      Object.fromEntries(SERVICES.map((s) => [s, `127.0.0.1:${services[s].port}`])),
    );
    await expectEventually(
      async () => {
        expect(hasNumber(await prometheus.query('up{job="tthc-metrics"} == 1'))).toBe(true);
      },
      30_000,
      250,
    );

    // The KPI gauges are for today's quarter: simulate it up to today, over HTTP into JetStream,
    // paced over a few scrapes.
    const today = localDate(new Date().toISOString());
    const quarter = parsePeriod(currentQuarter(today));
    const simulation = {
      ...DEFAULT_SIMULATOR_OPTIONS,
      url: base('tthc-metrics'),
      token: TEST_ADMIN_TOKEN,
      from: quarter.from,
      to: today,
      dossiers: 800,
      rate: 600,
      batch: 200,
      lateShare: 0.2,
      apologyShare: 0.5,
    };
    const summary = await runSimulator(simulation, () => undefined);
    expect(summary.accepted).toBeGreaterThan(1000);
    // The same stream again: every event a duplicate.
    const again = await runSimulator({ ...simulation, rate: 0, batch: 1000 }, () => undefined);
    expect(again.duplicates).toBe(summary.accepted);
    // One invalid event, so the rejection panels have something to show.
    await fetch(`${base('tthc-metrics')}/api/v1/tthc/events`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/cloudevents+json' },
      body: JSON.stringify({ specversion: '1.0', id: 'broken', type: 'vn.cchc.tthc.dossier.received.v1' }),
    });
    // Reports in each format (reporting's metrics), a few times over a few seconds.
    for (let round = 0; round < 3; round += 1) {
      for (const format of ['json', 'xlsx', 'docx']) {
        const res = await fetch(`${base('reporting')}/api/v1/reports/2021-Q1?format=${format}`, {
          headers: auth,
        });
        expect(res.status).toBe(200);
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
    // Recording rules one evaluation after the gauges' refresh.
    await expectEventually(
      async () => {
        expect(hasNumber(await prometheus.query('sum(rate(cchc_tthc_events_ingested_total[1m])) > 0'))).toBe(
          true,
        );
        expect(hasNumber(await prometheus.query('department:cchc_tthc_on_time_rate:ratio'))).toBe(true);
      },
      60_000,
      500,
    );
  }, 240_000);

  afterAll(async () => {
    await prometheus?.stop();
    await Promise.all(Object.values(services).map((p) => p.stop()));
    await Promise.all([pg?.stop(), nats?.stop()]);
  });

  it('returns data for every panel query of every dashboard, variables substituted', async () => {
    const empty: string[] = [];
    let count = 0;
    for (const dashboard of dashboards) {
      for (const q of panelQueries(dashboard)) {
        count += 1;
        const samples = await prometheus.query(expandVariables(q.expr ?? ''));
        if (!hasNumber(samples)) empty.push(`${dashboard.uid} / ${q.panelTitle} / ${q.refId}: ${q.expr}`);
      }
    }
    expect(count).toBeGreaterThan(40);
    expect(empty).toEqual([]);
  });

  it('offers values for every dashboard variable', async () => {
    const noValues: string[] = [];
    for (const dashboard of dashboards) {
      for (const query of variableQueries(dashboard)) {
        const m = /^label_values\((.+),\s*(\w+)\)$/.exec(query);
        if (!m || (await prometheus.labelValues(m[2], m[1])).length === 0)
          noValues.push(`${dashboard.uid}: ${query}`);
      }
    }
    expect(noValues).toEqual([]);
  });

  it('evaluates every alert and recording rule without error, each recording rule with samples', async () => {
    const problems: string[] = [];
    for (const rule of rules) {
      try {
        const samples = await prometheus.query(rule.expr);
        if (rule.record && !hasNumber(samples)) problems.push(`${rule.record}: no sample`);
      } catch (e) {
        problems.push(`${rule.record ?? rule.alert}: ${String(e)}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('uses only metric names the services export', async () => {
    const exported = new Set<string>();
    for (const s of SERVICES) {
      const text = await (await fetch(`${base(s)}/metrics`)).text();
      for (const line of text.split('\n')) if (line.startsWith('# TYPE ')) exported.add(line.split(' ')[2]);
    }
    const recorded = new Set(rules.flatMap((r) => (r.record ? [r.record] : [])));
    const used = new Set<string>();
    for (const d of dashboards)
      for (const q of panelQueries(d))
        for (const n of metricNamesIn(expandVariables(q.expr ?? ''))) used.add(n);
    for (const r of rules) for (const n of metricNamesIn(r.expr)) used.add(n);
    // Series Prometheus itself makes for every target.
    const synthetic = new Set(['up', 'scrape_duration_seconds', 'scrape_samples_scraped']);
    const missing = [...used].filter(
      (n) => !recorded.has(n) && !synthetic.has(n) && !exported.has(baseMetricName(n, exported)),
    );
    expect(missing).toEqual([]);
  });
});
