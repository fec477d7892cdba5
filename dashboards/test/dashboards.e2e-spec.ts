// Every panel query of every generated dashboard, and every rule, evaluated by a real Prometheus
// that scrapes a stand-in exporting exactly the metric catalog. A panel without data here means the
// dashboard asks for something the catalog does not define (or a label value it does not allow).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { parse } from 'yaml';
import { expandVariables, findRepoRoot, panelQueries, variableQueries } from '../src';
import { startCatalogExporter, type CatalogExporter } from './catalog-exporter';
import { startPrometheus, type PrometheusHarness } from './prometheus-harness';

const root = findRepoRoot(process.cwd());
const JOBS = ['plan-management', 'tthc-metrics', 'reporting'];

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

describe('dashboards against Prometheus and the metric catalog', () => {
  let exporter: CatalogExporter;
  let prometheus: PrometheusHarness;

  beforeAll(async () => {
    exporter = await startCatalogExporter(JOBS);
    prometheus = await startPrometheus(root, exporter.targets);
    // rate() needs two scrapes and recording rules one evaluation after them.
    const deadline = Date.now() + 30_000;
    while (!hasNumber(await prometheus.query('sum(rate(cchc_tthc_events_ingested_total[1m]))'))) {
      if (Date.now() > deadline) throw new Error('no rate after 30 s of scraping');
      await new Promise((r) => setTimeout(r, 250));
    }
    while ((await prometheus.query('department:cchc_tthc_on_time_rate:ratio')).length === 0) {
      if (Date.now() > deadline) throw new Error('recording rules produced nothing');
      await new Promise((r) => setTimeout(r, 250));
    }
  }, 60_000);

  afterAll(async () => {
    await prometheus?.stop();
    await exporter?.stop();
  });

  it('returns data for every panel query, variables substituted', async () => {
    const empty: string[] = [];
    for (const dashboard of dashboards) {
      for (const q of panelQueries(dashboard)) {
        const samples = await prometheus.query(expandVariables(q.expr ?? ''));
        if (!hasNumber(samples)) empty.push(`${dashboard.uid} / ${q.panelTitle} / ${q.refId}`);
      }
    }
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
});
