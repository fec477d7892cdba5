// Reads the PromQL back out of built dashboards: for the spec (every panel has a query, every metric
// exists) and for the live test that evaluates each query against a real Prometheus.
import {
  VariableType,
  type Dashboard,
  type Panel,
  type RowPanel,
} from '@grafana/grafana-foundation-sdk/dashboard';

export interface PanelQuery {
  dashboardUid: string;
  panelId: number | undefined;
  panelTitle: string;
  panelType: string;
  refId: string | undefined;
  expr: string | undefined;
  instant: boolean;
}

function isRow(p: Panel | RowPanel): p is RowPanel {
  return p.type === 'row';
}

/** Non-row panels, including those nested in collapsed rows. */
export function panelsOf(dashboard: Dashboard): Panel[] {
  return (dashboard.panels ?? []).flatMap((p) => (isRow(p) ? p.panels : [p]));
}

export function panelQueries(dashboard: Dashboard): PanelQuery[] {
  return panelsOf(dashboard).flatMap((panel) =>
    (panel.targets ?? []).map((t) => {
      const target = t as { refId?: string; expr?: string; instant?: boolean };
      return {
        dashboardUid: dashboard.uid ?? '',
        panelId: panel.id,
        panelTitle: panel.title ?? '',
        panelType: panel.type,
        refId: target.refId,
        expr: target.expr,
        instant: target.instant === true,
      };
    }),
  );
}

/** `label_values(<metric>, <label>)` queries of the dashboard's query variables. */
export function variableQueries(dashboard: Dashboard): string[] {
  return (dashboard.templating?.list ?? [])
    .filter((v) => v.type === VariableType.Query)
    .map((v) =>
      typeof v.query === 'string' ? v.query : String((v.query as { query?: string }).query ?? ''),
    );
}

// Histogram series carry these suffixes after the catalog name.
const SERIES_SUFFIXES = ['_bucket', '_sum', '_count'];
const PROMQL_WORDS = new Set([
  'sum',
  'min',
  'max',
  'avg',
  'count',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'rate',
  'irate',
  'increase',
  'delta',
  'histogram_quantile',
  'sort',
  'sort_desc',
  'topk',
  'bottomk',
  'or',
  'and',
  'unless',
  'vector',
  'scalar',
  'label_values',
  'le',
  'bool',
  'offset',
  'clamp_min',
  'clamp_max',
  'abs',
  'time',
  'absent',
  'max_over_time',
  'min_over_time',
  'avg_over_time',
  'label_replace',
]);

/**
 * Metric names an expression selects: identifiers not followed by `(` or a label matcher operator,
 * outside strings, braces' label names, `by (…)` lists and range selectors. Histogram suffixes kept.
 */
export function metricNamesIn(expr: string): string[] {
  const cleaned = expr
    .replace(/label_values\(\s*([^,]+),\s*[A-Za-z_][A-Za-z0-9_]*\s*\)/g, 'label_values($1)') // variable queries
    .replace(/"(?:[^"\\]|\\.)*"/g, '""') // string literals
    .replace(/\[[^\]]*\]/g, '') // range selectors [5m], [$period]
    .replace(/\{[^}]*\}/g, '') // label matchers
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '') // label lists
    .replace(/\$\{?[A-Za-z_][A-Za-z0-9_]*\}?/g, ''); // Grafana variables
  const names = new Set<string>();
  for (const m of cleaned.matchAll(/[A-Za-z_:][A-Za-z0-9_:]*/g)) {
    const word = m[0];
    const next = cleaned.slice((m.index ?? 0) + word.length).trimStart();
    if (next.startsWith('(')) continue; // a function call
    if (PROMQL_WORDS.has(word) || /^\d/.test(word) || /^[eE]$/.test(word)) continue;
    names.add(word);
  }
  return [...names];
}

/** The catalog name a series name belongs to (`x_bucket` → `x` when `x` is known). */
export function baseMetricName(series: string, known: ReadonlySet<string>): string {
  if (known.has(series)) return series;
  for (const s of SERIES_SUFFIXES) {
    if (series.endsWith(s) && known.has(series.slice(0, -s.length))) return series.slice(0, -s.length);
  }
  return series;
}

/** Values Grafana would substitute for the dashboards' variables and macros (the "All" choice). */
export const DEFAULT_VARIABLE_VALUES: Readonly<Record<string, string>> = {
  datasource: 'cchc-prometheus',
  unit: '.*',
  section: '.*',
  service: '.*',
  job: '.*',
  period: '7d',
  __rate_interval: '1m',
  __interval: '15s',
  __range: '1h',
};

/**
 * Substitutes `$name`, `${name}` and `[[name]]` as Grafana does before sending a query, for
 * evaluating panel queries outside Grafana. Unknown variables are left in place (and fail loudly).
 */
export function expandVariables(
  expr: string,
  values: Readonly<Record<string, string>> = DEFAULT_VARIABLE_VALUES,
): string {
  return expr.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::[a-z]+)?\}|\$([A-Za-z_][A-Za-z0-9_]*)|\[\[([A-Za-z_][A-Za-z0-9_]*)\]\]/g,
    (whole, a, b, c) => {
      const name = (a ?? b ?? c) as string;
      return values[name] ?? whole;
    },
  );
}
