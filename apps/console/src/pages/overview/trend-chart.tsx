import { useMemo } from 'react';
import { useQueries } from '@tanstack/react-query';
import { apiJson } from '../../api/client';
import { withQuery } from '../../api/queries';
import type { KpiResult } from '../../api/types';
import { Chart, type ChartOption } from '../../components/chart';
import { ErrorNote, Loading } from '../../components/states';
import { formatNumber, formatRate } from '../../format';
import { monthsOfYearTo, periodLabel, type KpiWindow } from '../../period';
import { useSession } from '../../session';

/** Received dossiers and the on-time rate for each month of the year up to the chosen period. */
export function TrendChart({ period, window }: { period: string; window: KpiWindow }) {
  const { token } = useSession();
  const months = monthsOfYearTo(period);
  const results = useQueries({
    queries: months.map((m) => {
      const path = withQuery('/api/v1/tthc/kpis', { period: m, window });
      return { queryKey: ['api', token, path], queryFn: () => apiJson<KpiResult>(token, path) };
    }),
  });
  const failed = results.find((r) => r.isError);
  const ready = results.every((r) => r.isSuccess);
  const data = results.map((r) => r.data);
  const option = useMemo<ChartOption | null>(() => {
    if (!ready) return null;
    return {
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 48, right: 56, top: 36, bottom: 56 },
      xAxis: { type: 'category', data: months.map((m) => `T${Number(m.slice(5))}`) },
      yAxis: [
        { type: 'value', name: 'Hồ sơ', minInterval: 1 },
        {
          type: 'value',
          name: 'Đúng hạn',
          min: 0,
          max: 1,
          axisLabel: { formatter: (v: number) => formatRate(v) },
        },
      ],
      series: [
        {
          type: 'bar',
          name: 'Hồ sơ mới tiếp nhận',
          data: data.map((k) => (k ? k.received.total - k.received.carriedOver : 0)),
          itemStyle: { color: '#2f6db5' },
        },
        {
          type: 'line',
          name: 'Tỷ lệ đúng hạn',
          yAxisIndex: 1,
          data: data.map((k) => k?.onTimeRate ?? null),
          itemStyle: { color: '#c0392b' },
          tooltip: { valueFormatter: (v) => formatRate(typeof v === 'number' ? v : null) },
        },
      ],
    };
  }, [ready, ...data]);
  if (failed) return <ErrorNote error={failed.error} />;
  if (!option) return <Loading />;
  return (
    <>
      <Chart
        option={option}
        label={`Biểu đồ hồ sơ tiếp nhận và tỷ lệ đúng hạn theo tháng, ${periodLabel(period)}`}
      />
      <details className="chart-data">
        <summary>Số liệu theo tháng</summary>
        <ul>
          {months.map((m, i) => (
            <li key={m}>
              {periodLabel(m)}:{' '}
              {formatNumber(data[i] ? data[i].received.total - data[i].received.carriedOver : null)} hồ sơ
              mới, đúng hạn {formatRate(data[i]?.onTimeRate)}
            </li>
          ))}
        </ul>
      </details>
    </>
  );
}
