import { useApiQuery, withQuery } from '../../api/queries';
import type { AtRisk, KpiByUnitResult, KpiResult, ServiceIndex, Unit } from '../../api/types';
import { PeriodControls } from '../../components/period-controls';
import { Panel, QueryView } from '../../components/states';
import { formatDate, formatNumber } from '../../format';
import { currentQuarter, periodLabel, quarterOptions, WINDOW_LABELS, type KpiWindow } from '../../period';
import { setParam, type Location } from '../../router';
import { AtRiskList } from './at-risk';
import { KpiCards } from './kpi-cards';
import { ServiceIndexView } from './service-index';
import { TrendChart } from './trend-chart';
import { UnitTable } from './unit-table';

const FIRST_YEAR = 2021;

/** Tổng quan: leadership's view of the quarter (architecture.md §9). */
export function OverviewPage({ location }: { location: Location }) {
  const periods = quarterOptions(FIRST_YEAR);
  const requested = location.params.get('ky');
  const period = requested && /^\d{4}-Q[1-4]$/.test(requested) ? requested : currentQuarter();
  const window: KpiWindow = location.params.get('cach-chot') === 'decree09' ? 'decree09' : 'calendar';
  const scope = { period, window };
  // Events keep arriving (one-stop systems, `npm start -- --demo`): the figures refresh every 30 s.
  const kpis = useApiQuery<KpiResult>(withQuery('/api/v1/tthc/kpis', scope), { refetchMs: 30_000 });
  const byUnit = useApiQuery<KpiByUnitResult>(withQuery('/api/v1/tthc/kpis/by-unit', scope), {
    refetchMs: 30_000,
  });
  const units = useApiQuery<Unit[]>('/api/v1/tthc/units');
  const atRisk = useApiQuery<AtRisk>('/api/v1/tthc/dossiers/at-risk', { refetchMs: 60_000 });
  const index = useApiQuery<ServiceIndex>(withQuery('/api/v1/tthc/service-index', scope));

  return (
    <>
      <div className="page-head">
        <h1>Tổng quan {periodLabel(period)}</h1>
        <PeriodControls
          period={period}
          periods={periods.includes(period) ? periods : [period, ...periods]}
          window={window}
          onPeriod={(p) => setParam('ky', p)}
          onWindow={(w) => setParam('cach-chot', w === 'calendar' ? null : w)}
        />
      </div>
      <QueryView query={kpis}>
        {(k) => (
          <>
            <p className="muted" data-testid="period-range">
              Số liệu từ ngày {formatDate(k.period.from)} đến ngày {formatDate(k.period.to)} (
              {WINDOW_LABELS[k.period.window].toLowerCase()})
              {k.dataQuality ? `; ${formatNumber(k.dataQuality.anomalies)} hồ sơ có dữ liệu bất thường` : ''}.
            </p>
            <KpiCards k={k} />
          </>
        )}
      </QueryView>
      <div className="panels">
        <Panel id="trend" title="Diễn biến theo tháng" wide>
          <TrendChart period={period} window={window} />
        </Panel>
        <Panel id="service-index" title="Chỉ số phục vụ người dân, doanh nghiệp (QĐ 766)">
          <QueryView
            query={index}
            missing="Chưa có dữ liệu: máy chủ chưa cung cấp chỉ số phục vụ (Bộ chỉ số theo Quyết định 766/QĐ-TTg)."
          >
            {(data) => <ServiceIndexView index={data} />}
          </QueryView>
        </Panel>
        <Panel id="late-without-apology" title="Hồ sơ trễ hạn chưa có thư xin lỗi">
          <QueryView query={kpis}>
            {(k) => (
              <p className="big-figure" data-testid="late-without-apology-value">
                {formatNumber(k.apology.withoutApology)}
                <span className="muted"> / {formatNumber(k.apology.lateDossiers)} hồ sơ trễ hạn</span>
              </p>
            )}
          </QueryView>
          <p className="muted">Theo đơn vị: cột “Trễ hạn chưa có thư xin lỗi” của bảng dưới đây.</p>
        </Panel>
        <Panel id="units" title="Theo đơn vị" wide>
          <QueryView query={byUnit}>{(data) => <UnitTable data={data} units={units.data ?? []} />}</QueryView>
        </Panel>
        <Panel id="at-risk" title="Hồ sơ sắp quá hạn" wide>
          <QueryView query={atRisk}>
            {(data) => <AtRiskList data={data} units={units.data ?? []} />}
          </QueryView>
        </Panel>
      </div>
    </>
  );
}
