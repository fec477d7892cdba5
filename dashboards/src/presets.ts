// Shared building blocks of every dashboard: the datasource, variables, label selectors, query and
// panel presets. Dashboards only assemble these, so a convention (refId, legend, datasource,
// reduceOptions) is decided once here.
import type { MetricDefinition } from '@cchc/contracts';
import * as common from '@grafana/grafana-foundation-sdk/common';
import {
  CustomVariableBuilder,
  DashboardBuilder,
  DatasourceVariableBuilder,
  MappingType,
  QueryVariableBuilder,
  ThresholdsConfigBuilder,
  ThresholdsMode,
  VariableHide,
  VariableRefresh,
  VariableSort,
  type DataTransformerConfig,
  type Threshold,
  type ValueMapping,
} from '@grafana/grafana-foundation-sdk/dashboard';
import * as bargauge from '@grafana/grafana-foundation-sdk/bargauge';
import * as gauge from '@grafana/grafana-foundation-sdk/gauge';
import { DataqueryBuilder, PromQueryFormat } from '@grafana/grafana-foundation-sdk/prometheus';
import * as stat from '@grafana/grafana-foundation-sdk/stat';
import * as table from '@grafana/grafana-foundation-sdk/table';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';

// Panels and targets point at the `datasource` variable, so an imported dashboard works with any
// Prometheus datasource; the provisioned one has the fixed uid below (deploy/grafana).
export const PROVISIONED_DATASOURCE_UID = 'cchc-prometheus';
export const DATASOURCE = { type: 'prometheus', uid: '${datasource}' };

export const TAGS = ['cchc', 'sgddt'];

/** A dashboard with the project's common settings: fixed uid, Vietnamese time zone, refresh. */
export function baseDashboard(uid: string, title: string, description: string): DashboardBuilder {
  return new DashboardBuilder(title)
    .uid(uid)
    .description(description)
    .tags(TAGS)
    .timezone('Asia/Ho_Chi_Minh')
    .time({ from: 'now-24h', to: 'now' })
    .refresh('1m')
    .readonly()
    .withVariable(datasourceVariable());
}

// --- variables ---

export function datasourceVariable(): DatasourceVariableBuilder {
  return new DatasourceVariableBuilder('datasource').label('Nguồn dữ liệu').type('prometheus');
}

/** Multi-select over the label values of `metric`; "All" matches everything (`.*`). */
export function labelVariable(
  name: string,
  label: string,
  metric: string,
  labelName: string,
): QueryVariableBuilder {
  const query = `label_values(${metric}, ${labelName})`;
  return new QueryVariableBuilder(name)
    .label(label)
    .datasource(DATASOURCE)
    .query({ query, refId: 'PrometheusVariableQueryEditor-VariableQuery', qryType: 1 })
    .definition(query)
    .refresh(VariableRefresh.OnTimeRangeChanged)
    .sort(VariableSort.AlphabeticalAsc)
    .multi(true)
    .includeAll(true)
    .allValue('.*')
    .current({ selected: true, text: ['All'], value: ['$__all'] });
}

/** Look-back window for counter-based panels ("in the period"), as a PromQL range. */
export function periodVariable(): CustomVariableBuilder {
  const options = [
    { text: '24 giờ', value: '1d' },
    { text: '7 ngày', value: '7d' },
    { text: '30 ngày', value: '30d' },
    { text: '90 ngày', value: '90d' },
  ];
  return new CustomVariableBuilder('period')
    .label('Kỳ')
    .description('Khoảng thời gian tính các chỉ số "trong kỳ" (số hồ sơ tiếp nhận, giải quyết).')
    .values(options.map((o) => `${o.text} : ${o.value}`).join(','))
    .options(options.map((o, i) => ({ ...o, selected: i === 1 })))
    .current({ selected: true, text: options[1].text, value: options[1].value });
}

/** A variable hidden from the toolbar (kept for URLs and the live test's substitution). */
export function hidden<T extends { hide(h: VariableHide): T }>(variable: T): T {
  return variable.hide(VariableHide.HideVariable);
}

// --- selectors ---

/** `{a="b",c=~"d"}` from matcher strings, skipping empty ones. */
export function sel(...matchers: string[]): string {
  const m = matchers.filter((x) => x.length > 0);
  return m.length === 0 ? '' : `{${m.join(',')}}`;
}
export const UNIT = 'unit=~"$unit"';
export const SECTION = 'section=~"$section"';
export const SERVICE = 'service=~"$service"';
export const JOB = 'job=~"$job"';
export const ON_TIME = 'timeliness=~"early|on_time"';
export const RATE = '$__rate_interval';

/**
 * A gauge the services compute from the database: every replica exports the same value, so replicas
 * are collapsed with `max by (<the metric's own labels>)` before any sum (else N replicas count N times).
 */
export function db(def: Pick<MetricDefinition, 'name' | 'labels'>, ...matchers: string[]): string {
  const by = def.labels.length > 0 ? ` by (${def.labels.join(', ')})` : '';
  return `max${by} (${def.name}${sel(...matchers)})`;
}

/** PromQL for `num / den` where a zero denominator gives no sample (the `null` rule of §5). */
export function ratio(num: string, den: string): string {
  return `${num} / (${den} > 0)`;
}

// --- queries ---

export interface Q {
  expr: string;
  legend: string;
  /** Instant query (stat, gauge, bar gauge, table); range otherwise. */
  instant?: boolean;
  table?: boolean;
}

/** Targets with refIds A, B, C… in order; every target names the datasource and its legend. */
export function targets(queries: Q[]): DataqueryBuilder[] {
  return queries.map((q, i) => {
    const t = new DataqueryBuilder()
      .datasource(DATASOURCE)
      .refId(String.fromCharCode(65 + i))
      .expr(q.expr)
      .legendFormat(q.legend);
    if (q.table) t.format(PromQueryFormat.Table);
    return q.instant || q.table ? t.instant() : t.range();
  });
}

// --- thresholds and mappings ---

export const GREEN = 'green';
export const RED = 'red';
export const ORANGE = 'orange';
export const BLUE = 'blue';

export function steps(...s: Threshold[]): ThresholdsConfigBuilder {
  return new ThresholdsConfigBuilder().mode(ThresholdsMode.Absolute).steps(s);
}
/** Counts that must stay at zero: integers, so ≥ 1 means > 0. */
export const ZERO_IS_GOOD = (): ThresholdsConfigBuilder =>
  steps({ value: null, color: GREEN }, { value: 1, color: RED });
/** Counts worth a warning when > 0. */
export const ZERO_IS_CALM = (): ThresholdsConfigBuilder =>
  steps({ value: null, color: GREEN }, { value: 1, color: ORANGE });
/** Target 100% (plan 2021: every dossier on time, every late one with its apology letter). */
export const FULL_TARGET = (): ThresholdsConfigBuilder =>
  steps({ value: null, color: RED }, { value: 0.9, color: ORANGE }, { value: 1, color: GREEN });
export const NEUTRAL = (): ThresholdsConfigBuilder => steps({ value: null, color: BLUE });

export function upMapping(): ValueMapping[] {
  return [
    {
      type: MappingType.ValueToText,
      options: {
        '0': { text: 'Ngừng', color: RED, index: 0 },
        '1': { text: 'Hoạt động', color: GREEN, index: 1 },
      },
    },
  ];
}

// --- panels (size in grid units: 24 columns) ---

export interface PanelSpec {
  title: string;
  description: string;
  queries: Q[];
  unit?: string;
  w?: number;
  h?: number;
}

function lastNotNull(): common.ReduceDataOptionsBuilder {
  return new common.ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false);
}

export interface StatSpec extends PanelSpec {
  thresholds?: ThresholdsConfigBuilder;
  background?: boolean;
  mappings?: ValueMapping[];
  decimals?: number;
}

export function statPanel(s: StatSpec): stat.PanelBuilder {
  const p = new stat.PanelBuilder()
    .title(s.title)
    .description(s.description)
    .datasource(DATASOURCE)
    .targets(targets(s.queries.map((q) => ({ ...q, instant: true }))))
    .unit(s.unit ?? 'short')
    .reduceOptions(lastNotNull())
    .thresholds(s.thresholds ?? NEUTRAL())
    .colorMode(s.background ? common.BigValueColorMode.Background : common.BigValueColorMode.Value)
    .graphMode(common.BigValueGraphMode.None)
    .textMode(s.queries.length > 1 ? common.BigValueTextMode.ValueAndName : common.BigValueTextMode.Value)
    .noValue('Không có dữ liệu')
    .height(s.h ?? 5)
    .span(s.w ?? 6);
  if (s.mappings) p.mappings(s.mappings);
  if (s.decimals !== undefined) p.decimals(s.decimals);
  return p;
}

export function gaugePanel(s: StatSpec): gauge.PanelBuilder {
  return new gauge.PanelBuilder()
    .title(s.title)
    .description(s.description)
    .datasource(DATASOURCE)
    .targets(targets(s.queries.map((q) => ({ ...q, instant: true }))))
    .unit(s.unit ?? 'percentunit')
    .min(0)
    .max(1)
    .decimals(s.decimals ?? 1)
    .reduceOptions(lastNotNull())
    .thresholds(s.thresholds ?? FULL_TARGET())
    .showThresholdMarkers(true)
    .noValue('Không có dữ liệu')
    .height(s.h ?? 5)
    .span(s.w ?? 6);
}

export interface SeriesSpec extends PanelSpec {
  stacked?: boolean;
  bars?: boolean;
  min?: number;
  max?: number;
  thresholds?: ThresholdsConfigBuilder;
}

export function timeseriesPanel(s: SeriesSpec): timeseries.PanelBuilder {
  const p = new timeseries.PanelBuilder()
    .title(s.title)
    .description(s.description)
    .datasource(DATASOURCE)
    .targets(targets(s.queries))
    .unit(s.unit ?? 'short')
    .legend(
      new common.VizLegendOptionsBuilder()
        .showLegend(true)
        .displayMode(common.LegendDisplayMode.Table)
        .placement(common.LegendPlacement.Bottom)
        .calcs(['lastNotNull', 'max']),
    )
    .tooltip(
      new common.VizTooltipOptionsBuilder()
        .mode(common.TooltipDisplayMode.Multi)
        .sort(common.SortOrder.Descending),
    )
    .lineWidth(1)
    .fillOpacity(s.stacked ? 40 : 10)
    .height(s.h ?? 8)
    .span(s.w ?? 12);
  if (s.stacked) p.stacking(new common.StackingConfigBuilder().mode(common.StackingMode.Normal));
  if (s.bars) p.drawStyle(common.GraphDrawStyle.Bars);
  if (s.min !== undefined) p.min(s.min);
  if (s.max !== undefined) p.max(s.max);
  if (s.thresholds) {
    p.thresholds(s.thresholds).thresholdsStyle(
      new common.GraphThresholdsStyleConfigBuilder().mode(common.GraphThresholdsStyleMode.Dashed),
    );
  }
  return p;
}

export interface BarSpec extends PanelSpec {
  thresholds?: ThresholdsConfigBuilder;
  min?: number;
  max?: number;
}

/** Horizontal bars, one per series: rankings and breakdowns (instant values). */
export function barPanel(s: BarSpec): bargauge.PanelBuilder {
  const p = new bargauge.PanelBuilder()
    .title(s.title)
    .description(s.description)
    .datasource(DATASOURCE)
    .targets(targets(s.queries.map((q) => ({ ...q, instant: true }))))
    .unit(s.unit ?? 'short')
    .reduceOptions(lastNotNull())
    .orientation(common.VizOrientation.Horizontal)
    .displayMode(common.BarGaugeDisplayMode.Gradient)
    .valueMode(common.BarGaugeValueMode.Color)
    .showUnfilled(true)
    .thresholds(s.thresholds ?? NEUTRAL())
    .legend(new common.VizLegendOptionsBuilder().showLegend(false))
    .noValue('Không có dữ liệu')
    .height(s.h ?? 8)
    .span(s.w ?? 12);
  if (s.min !== undefined) p.min(s.min);
  if (s.max !== undefined) p.max(s.max);
  return p;
}

export interface TableSpec extends PanelSpec {
  transformations: DataTransformerConfig[];
}

export function tablePanel(s: TableSpec): table.PanelBuilder {
  return new table.PanelBuilder()
    .title(s.title)
    .description(s.description)
    .datasource(DATASOURCE)
    .targets(targets(s.queries.map((q) => ({ ...q, table: true }))))
    .unit(s.unit ?? 'short')
    .transformations(s.transformations)
    .footer(new common.TableFooterOptionsBuilder().show(true).reducer(['sum']).countRows(false))
    .noValue('Không có dữ liệu')
    .height(s.h ?? 9)
    .span(s.w ?? 24);
}

/**
 * Joins instant table queries A, B, C… on their labels and names the value columns, so that one row
 * per label set (unit, section…) shows every figure side by side.
 */
export function mergeColumns(columns: string[], hideTime = true): DataTransformerConfig[] {
  const renameByName: Record<string, string> = {};
  columns.forEach((c, i) => (renameByName[`Value #${String.fromCharCode(65 + i)}`] = c));
  return [
    { id: 'merge', options: {} },
    { id: 'organize', options: { excludeByName: { Time: hideTime }, renameByName } },
  ];
}
