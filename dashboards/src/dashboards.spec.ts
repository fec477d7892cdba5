import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import {
  DefaultMetrics,
  HISTOGRAM_SUFFIXES,
  Metrics,
  RecordedMetrics,
  type MetricLabel,
} from '@cchc/contracts';
import { parse } from 'yaml';
import { appRoot } from '@cchc/config';
import {
  GENERATED_DIR,
  LEADERSHIP_OVERVIEW_UID,
  OPERATIONS_UID,
  PLAN_PROGRESS_UID,
  TTHC_UNITS_UID,
  baseMetricName,
  buildDashboards,
  expandVariables,
  metricNamesIn,
  panelQueries,
  panelsOf,
  renderDashboard,
  variableQueries,
} from './index';

const root = appRoot();
const built = buildDashboards();

// Names a query may select: the catalog, prom-client defaults, recording rules, Prometheus' `up`.
const catalogNames = new Set<string>([
  ...Object.values(Metrics).map((m) => m.name),
  ...Object.values(DefaultMetrics).map((m) => m.name),
  ...Object.values(RecordedMetrics),
  'up',
]);
const histogramNames = new Set<string>(
  Object.values(Metrics)
    .filter((m) => m.type === 'histogram')
    .map((m) => m.name),
);

function unknownNames(expr: string): string[] {
  return metricNamesIn(expr).filter((series) => {
    const base = baseMetricName(series, histogramNames);
    // `_bucket`/`_sum`/`_count` only exist for histograms.
    return base === series ? !catalogNames.has(series) : !histogramNames.has(base);
  });
}

interface RuleFile {
  groups: Array<{ name: string; rules: Array<{ record?: string; alert?: string; expr: string }> }>;
}
const rulesDir = join(root, 'deploy', 'prometheus', 'rules');
const rules = readdirSync(rulesDir)
  .filter((f) => f.endsWith('.yml'))
  .flatMap((f) =>
    (parse(readFileSync(join(rulesDir, f), 'utf8')) as RuleFile).groups.flatMap((g) => g.rules),
  );

describe('dashboards', () => {
  it('match the committed dashboards/generated JSON (run `npm run dashboards:build` when this fails)', () => {
    const dir = join(root, GENERATED_DIR);
    expect(
      readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort(),
    ).toEqual(built.map((b) => b.file).sort());
    for (const { file, dashboard } of built) {
      expect(readFileSync(join(dir, file), 'utf8')).toBe(renderDashboard(dashboard));
    }
  });

  it('render to the same bytes on every build', () => {
    const again = buildDashboards();
    expect(again.map((b) => renderDashboard(b.dashboard))).toEqual(
      built.map((b) => renderDashboard(b.dashboard)),
    );
  });

  it('have fixed uids and their Vietnamese titles', () => {
    expect(built.map((b) => [b.dashboard.uid, b.dashboard.title])).toEqual([
      [LEADERSHIP_OVERVIEW_UID, 'Tổng quan lãnh đạo'],
      [TTHC_UNITS_UID, 'TTHC theo đơn vị'],
      [PLAN_PROGRESS_UID, 'Tiến độ kế hoạch CCHC'],
      [OPERATIONS_UID, 'Vận hành hệ thống'],
    ]);
  });

  it('give every panel a unique id, a title and a description', () => {
    for (const { dashboard } of built) {
      const ids = (dashboard.panels ?? []).map((p) => p.id);
      expect(new Set(ids).size).toBe(ids.length);
      const missing = panelsOf(dashboard).filter((p) => !p.title?.trim() || !p.description?.trim());
      expect(missing.map((p) => p.id)).toEqual([]);
    }
  });

  it('give every panel at least one target, each with a refId unique in its panel and a PromQL expr', () => {
    const problems: string[] = [];
    for (const { dashboard } of built) {
      const queries = panelQueries(dashboard);
      for (const panel of panelsOf(dashboard)) {
        const own = queries.filter((q) => q.panelId === panel.id);
        const refIds = own.map((q) => q.refId ?? '');
        if (own.length === 0) problems.push(`${panel.title}: no target`);
        if (refIds.some((r) => r === '')) problems.push(`${panel.title}: target without refId`);
        if (new Set(refIds).size !== refIds.length) problems.push(`${panel.title}: duplicate refId`);
        if (own.some((q) => !q.expr?.trim())) problems.push(`${panel.title}: target without expr`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('query only metrics of the catalog (services, prom-client defaults, recording rules)', () => {
    const unknown = built.flatMap(({ dashboard }) => [
      ...panelQueries(dashboard).flatMap((q) =>
        unknownNames(q.expr ?? '').map((name) => `${dashboard.uid} / ${q.panelTitle} / ${q.refId}: ${name}`),
      ),
      ...variableQueries(dashboard).flatMap((v) =>
        unknownNames(v).map((name) => `${dashboard.uid} / variable: ${name}`),
      ),
    ]);
    expect(unknown).toEqual([]);
  });

  it('reduce stat and gauge panels with lastNotNull and show the legend of time series', () => {
    const problems: string[] = [];
    for (const { dashboard } of built) {
      for (const panel of panelsOf(dashboard)) {
        const options = panel.options as {
          reduceOptions?: { calcs?: string[] };
          legend?: { showLegend?: boolean };
        };
        const reduces = ['stat', 'gauge', 'bargauge'].includes(panel.type);
        if (reduces && options.reduceOptions?.calcs?.join() !== 'lastNotNull')
          problems.push(`${panel.title}: calcs`);
        if (panel.type === 'timeseries' && options.legend?.showLegend !== true)
          problems.push(`${panel.title}: legend`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('leave no Grafana variable or macro unresolved once the defaults are substituted', () => {
    const leftovers = built.flatMap(({ dashboard }) =>
      panelQueries(dashboard)
        .map((q) => expandVariables(q.expr ?? ''))
        .filter((e) => /\$|\[\[/.test(e)),
    );
    expect(leftovers).toEqual([]);
  });

  it('use only variables the dashboard defines', () => {
    const undefinedVariables = built.flatMap(({ dashboard }) => {
      const defined = new Set((dashboard.templating?.list ?? []).map((v) => v.name));
      return panelQueries(dashboard).flatMap((q) =>
        [...(q.expr ?? '').matchAll(/\$\{?(?!__)([A-Za-z_][A-Za-z0-9_]*)/g)]
          .map((m) => m[1])
          .filter((name) => !defined.has(name))
          .map((name) => `${dashboard.uid} / ${q.panelTitle}: $${name}`),
      );
    });
    expect(undefinedVariables).toEqual([]);
  });
});

describe('metric catalog', () => {
  const allowedLabels: readonly MetricLabel[] = [
    'unit',
    'channel',
    'level',
    'timeliness',
    'status',
    'section',
    'format',
    'transport',
    'reason',
    'service',
    'outcome',
    'method',
    'route',
    'status_class',
    // Revision 2: bounded by the five QĐ 766 groups and the closed list of dossier anomalies.
    'group',
    'anomaly',
  ];

  it('follows the Prometheus naming rules', () => {
    for (const m of Object.values(Metrics)) {
      expect(m.name).toMatch(/^cchc_[a-z0-9_]+$/);
      if (m.type === 'counter') expect(m.name).toMatch(/_total$/);
      else expect(m.name).not.toMatch(/_total$/);
      if (m.type === 'histogram') expect(m.name).toMatch(/_seconds$/);
      for (const l of m.labels) expect(allowedLabels).toContain(l);
      expect(m.help.length).toBeGreaterThan(10);
    }
  });

  it('defines every name once', () => {
    const names = Object.values(Metrics).map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('gives histograms increasing buckets', () => {
    for (const m of Object.values(Metrics)) {
      if (m.type !== 'histogram') continue;
      const b = [...(m.buckets ?? [])];
      expect(b.length).toBeGreaterThan(3);
      expect([...b].sort((x, y) => x - y)).toEqual(b);
    }
    expect(HISTOGRAM_SUFFIXES).toEqual(['_bucket', '_sum', '_count']);
  });
});

describe('Prometheus rules', () => {
  it('record exactly the series listed in RecordedMetrics', () => {
    const recorded = rules.flatMap((r) => (r.record ? [r.record] : [])).sort();
    expect(recorded).toEqual(Object.values(RecordedMetrics).sort());
  });

  it('use only metrics of the catalog', () => {
    const unknown = rules.flatMap((r) => unknownNames(r.expr).map((n) => `${r.record ?? r.alert}: ${n}`));
    expect(unknown).toEqual([]);
  });

  it('have a promtool unit test for every rule', () => {
    const testsDir = join(root, 'deploy', 'prometheus', 'tests');
    const tests = readdirSync(testsDir)
      .filter((f) => f.endsWith('.yml'))
      .map((f) => readFileSync(join(testsDir, f), 'utf8'))
      .join('\n');
    const untested = rules.filter((r) =>
      r.alert
        ? !new RegExp(`alertname: ${r.alert}\\b`).test(tests)
        : !new RegExp(`expr: ${r.record}\\s`).test(tests),
    );
    expect(untested.map((r) => r.alert ?? r.record)).toEqual([]);
  });
});

describe(metricNamesIn.name, () => {
  it('finds selected metrics and skips functions, label names, strings and ranges', () => {
    expect(
      metricNamesIn(
        'sum by (unit) (rate(cchc_a_total{unit=~"$unit",x="cchc_b"}[$__rate_interval])) / (sum(max by (unit) (cchc_c)) > 0)',
      ).sort(),
    ).toEqual(['cchc_a_total', 'cchc_c']);
  });

  it('keeps histogram suffixes and recording-rule colons', () => {
    expect(
      metricNamesIn(
        'histogram_quantile(0.95, sum by (le) (rate(cchc_h_seconds_bucket[5m]))) * unit:cchc_r:ratio',
      ),
    ).toEqual(['cchc_h_seconds_bucket', 'unit:cchc_r:ratio']);
  });

  it('reads the metric of a label_values variable query, not its label', () => {
    expect(metricNamesIn('label_values(cchc_g{job="x"}, unit)')).toEqual(['cchc_g']);
  });
});

describe(expandVariables.name, () => {
  it('substitutes $var, ${var} and Grafana macros', () => {
    expect(expandVariables('rate(m{unit=~"$unit",s=~"${section}"}[$__rate_interval]) [$period]')).toBe(
      'rate(m{unit=~".*",s=~".*"}[1m]) [7d]',
    );
  });
});
