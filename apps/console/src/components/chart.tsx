import { lazy, Suspense } from 'react';
import type { ChartOption } from './echarts-chart';
import { Loading } from './states';

export type { ChartOption };

// ECharts is most of the bundle's weight: loaded only when a page draws a chart, so signing in and
// the other pages do not wait for it.
const EChart = lazy(() => import('./echarts-chart'));

export function Chart(props: { option: ChartOption; label: string; height?: number }) {
  return (
    <Suspense fallback={<Loading label="Đang tải biểu đồ…" />}>
      <EChart {...props} />
    </Suspense>
  );
}
