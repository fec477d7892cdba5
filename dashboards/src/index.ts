// Assembles every dashboard and renders it as canonical JSON (sorted keys, fixed panel ids, no
// timestamps), so that `dashboards:build` is deterministic and the spec can compare byte for byte.
import { join } from 'node:path';
import type { Dashboard, DashboardBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { leadershipOverviewDashboard } from './leadership-overview.dashboard';
import { operationsDashboard } from './operations.dashboard';
import { planProgressDashboard } from './plan-progress.dashboard';
import { tthcUnitsDashboard } from './tthc-units.dashboard';

export { LEADERSHIP_OVERVIEW_UID } from './leadership-overview.dashboard';
export { OPERATIONS_UID } from './operations.dashboard';
export { PLAN_PROGRESS_UID } from './plan-progress.dashboard';
export { TTHC_UNITS_UID } from './tthc-units.dashboard';
export { PROVISIONED_DATASOURCE_UID } from './presets';
export * from './queries';

/** Output file name (in dashboards/generated/) → dashboard factory. */
const DASHBOARDS: ReadonlyArray<readonly [string, () => DashboardBuilder]> = [
  ['tong-quan-lanh-dao.json', leadershipOverviewDashboard],
  ['tthc-theo-don-vi.json', tthcUnitsDashboard],
  ['tien-do-ke-hoach-cchc.json', planProgressDashboard],
  ['van-hanh-he-thong.json', operationsDashboard],
];

export interface GeneratedDashboard {
  file: string;
  dashboard: Dashboard;
}

export function buildDashboards(): GeneratedDashboard[] {
  return DASHBOARDS.map(([file, factory]) => {
    const dashboard = factory().build();
    // Grafana keys panel links and "view panel" URLs by id: number them in layout order.
    (dashboard.panels ?? []).forEach((p, i) => (p.id = i + 1));
    return { file, dashboard };
  });
}

/** Canonical JSON: builder functions dropped, object keys sorted, 2-space indent, final newline. */
export function renderDashboard(dashboard: Dashboard): string {
  return `${JSON.stringify(sortKeys(JSON.parse(JSON.stringify(dashboard))), null, 2)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
  }
  return value;
}

export const GENERATED_DIR = join('dashboards', 'generated');
