// "Tổng quan lãnh đạo": what the Director asks every morning. Current-quarter KPIs come from the
// gauges tthc-metrics computes from the database (exact §5 definitions, to date); "in the period"
// figures come from counters over the `period` variable.
import { Metrics } from '@cchc/contracts';
import { RowBuilder, type DashboardBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import {
  FULL_TARGET,
  ON_TIME,
  RATE,
  UNIT,
  ZERO_IS_CALM,
  ZERO_IS_GOOD,
  baseDashboard,
  db,
  gaugePanel,
  labelVariable,
  periodVariable,
  ratio,
  sel,
  statPanel,
  timeseriesPanel,
} from './presets';
import {
  anomaliesByKind,
  dossiersWithAnomalies,
  serviceIndexGroups,
  serviceIndexNormalized,
} from './service-index-row';

export const LEADERSHIP_OVERVIEW_UID = 'cchc-tong-quan-lanh-dao';

const received = Metrics.tthcQuarterDossiersReceived;
const resolved = Metrics.tthcQuarterDossiersResolved;

function onTimeRate() {
  return gaugePanel({
    title: 'Tỷ lệ hồ sơ giải quyết đúng hạn (quý này)',
    description:
      'Hồ sơ giải quyết trước hạn và đúng hạn trên tổng số hồ sơ đã giải quyết trong quý, lũy kế đến hôm nay. Mục tiêu Kế hoạch CCHC: 100%. Đỏ dưới 90%, cam từ 90% đến dưới 100%.',
    queries: [
      {
        expr: ratio(`sum(${db(resolved, UNIT, ON_TIME)})`, `sum(${db(resolved, UNIT)})`),
        legend: 'Đúng hạn',
      },
    ],
  });
}

function lateWithoutApology() {
  return statPanel({
    title: 'Hồ sơ trễ hạn chưa có thư xin lỗi',
    description:
      'Hồ sơ quá hạn (đã giải quyết trễ hoặc đang quá hạn) trong quý mà chưa có thư xin lỗi (Mẫu 04). Kế hoạch yêu cầu 100% hồ sơ trễ hạn có thư xin lỗi: khác 0 là đỏ.',
    queries: [{ expr: `sum(${db(Metrics.tthcDossiersLateWithoutApology, UNIT)})`, legend: 'Chưa xin lỗi' }],
    thresholds: ZERO_IS_GOOD(),
    background: true,
  });
}

function channelShare(title: string, channel: string, description: string) {
  return statPanel({
    title,
    description,
    queries: [
      {
        expr: ratio(`sum(${db(received, UNIT, `channel="${channel}"`)})`, `sum(${db(received, UNIT)})`),
        legend: title,
      },
    ],
    unit: 'percentunit',
    decimals: 1,
    w: 6,
  });
}

function pendingNow() {
  const pending = Metrics.tthcDossiersPending;
  return statPanel({
    title: 'Hồ sơ đang giải quyết',
    description: 'Hồ sơ chưa giải quyết, chưa rút tính đến hôm nay: trong hạn và quá hạn.',
    queries: [
      { expr: `sum(${db(pending, UNIT, 'timeliness="within_time"')})`, legend: 'Trong hạn' },
      { expr: `sum(${db(pending, UNIT, 'timeliness="overdue"')})`, legend: 'Quá hạn' },
    ],
    w: 6,
  });
}

function atRisk() {
  return statPanel({
    title: 'Hồ sơ có nguy cơ trễ hạn',
    description: 'Hồ sơ đang giải quyết, đến hạn trong vòng 1 ngày làm việc, chưa có thư xin lỗi.',
    queries: [{ expr: `sum(${db(Metrics.tthcDossiersAtRisk, UNIT)})`, legend: 'Nguy cơ' }],
    thresholds: ZERO_IS_CALM(),
    background: true,
  });
}

function apologyCoverage() {
  const late = Metrics.tthcDossiersLate;
  const without = Metrics.tthcDossiersLateWithoutApology;
  return statPanel({
    title: 'Tỷ lệ hồ sơ trễ hạn có thư xin lỗi',
    description: 'Hồ sơ trễ hạn đã có thư xin lỗi trên tổng số hồ sơ trễ hạn trong quý. Mục tiêu: 100%.',
    queries: [
      {
        expr: ratio(`(sum(${db(late, UNIT)}) - sum(${db(without, UNIT)}))`, `sum(${db(late, UNIT)})`),
        legend: 'Có thư xin lỗi',
      },
    ],
    unit: 'percentunit',
    decimals: 1,
    thresholds: FULL_TARGET(),
  });
}

function feedbackOverdue() {
  return statPanel({
    title: 'Phản ánh, kiến nghị (PAKN) quá hạn',
    description: 'PAKN đã tiếp nhận, chưa xử lý xong và đã quá hạn xử lý tính đến hôm nay.',
    queries: [{ expr: `sum(${db(Metrics.tthcFeedbackOverdue, UNIT)})`, legend: 'PAKN quá hạn' }],
    thresholds: ZERO_IS_GOOD(),
    background: true,
  });
}

function feedbackOnTime() {
  const fb = Metrics.tthcQuarterFeedbackResolved;
  return statPanel({
    title: 'Tỷ lệ PAKN xử lý đúng hạn (quý này)',
    description: 'Phản ánh, kiến nghị xử lý xong trong hạn trên tổng số PAKN đã xử lý trong quý.',
    queries: [
      {
        expr: ratio(`sum(${db(fb, UNIT, 'timeliness="on_time"')})`, `sum(${db(fb, UNIT)})`),
        legend: 'Đúng hạn',
      },
    ],
    unit: 'percentunit',
    decimals: 1,
    thresholds: FULL_TARGET(),
  });
}

function receivedThisQuarter() {
  return statPanel({
    title: 'Hồ sơ tiếp nhận mới (quý này)',
    description:
      'Hồ sơ tiếp nhận mới trong quý (trực tuyến, trực tiếp, bưu chính), không tính hồ sơ kỳ trước chuyển sang.',
    queries: [{ expr: `sum(${db(received, UNIT)})`, legend: 'Tiếp nhận' }],
    decimals: 0,
  });
}

function planCompletedVsDue() {
  return statPanel({
    title: 'Nhiệm vụ Kế hoạch CCHC: hoàn thành, đến hạn, quá hạn',
    description:
      'Số nhiệm vụ của kế hoạch năm đã hoàn thành và số nhiệm vụ đã đến hạn (thời gian thực hiện kết thúc trước hoặc vào hôm nay). Không lọc theo đơn vị TTHC.',
    queries: [
      { expr: `sum(${db(Metrics.planTasks, 'status="completed"')})`, legend: 'Hoàn thành' },
      { expr: `sum(${db(Metrics.planTasksDue)})`, legend: 'Đến hạn' },
      { expr: `sum(${db(Metrics.planTasksOverdue)})`, legend: 'Quá hạn' },
    ],
    w: 12,
  });
}

// --- in the selected period (counters) ---

function receivedInPeriod() {
  return statPanel({
    title: 'Hồ sơ tiếp nhận trong kỳ',
    description: 'Số hồ sơ tiếp nhận mới trong khoảng thời gian "Kỳ" đã chọn, theo kênh.',
    queries: ['online', 'direct', 'postal'].map((channel, i) => ({
      expr: `sum(increase(${Metrics.tthcDossiersReceived.name}${sel(UNIT, `channel="${channel}"`)}[$period]))`,
      legend: ['Trực tuyến', 'Trực tiếp', 'Bưu chính'][i],
    })),
    decimals: 0,
    w: 8,
  });
}

function resolvedInPeriod() {
  return statPanel({
    title: 'Hồ sơ giải quyết trong kỳ',
    description: 'Số hồ sơ giải quyết trong khoảng thời gian "Kỳ" đã chọn: trước hạn, đúng hạn, quá hạn.',
    queries: [
      ['early', 'Trước hạn'],
      ['on_time', 'Đúng hạn'],
      ['late', 'Quá hạn'],
    ].map(([t, legend]) => ({
      expr: `sum(increase(${Metrics.tthcDossiersResolved.name}${sel(UNIT, `timeliness="${t}"`)}[$period]))`,
      legend,
    })),
    decimals: 0,
    w: 8,
  });
}

function onTimeInPeriod() {
  const c = Metrics.tthcDossiersResolved.name;
  return statPanel({
    title: 'Tỷ lệ đúng hạn trong kỳ',
    description: 'Tỷ lệ hồ sơ giải quyết trước hạn và đúng hạn trong khoảng thời gian "Kỳ" đã chọn.',
    queries: [
      {
        expr: ratio(
          `sum(increase(${c}${sel(UNIT, ON_TIME)}[$period]))`,
          `sum(increase(${c}${sel(UNIT)}[$period]))`,
        ),
        legend: 'Đúng hạn',
      },
    ],
    unit: 'percentunit',
    decimals: 1,
    thresholds: FULL_TARGET(),
    w: 8,
  });
}

function flowOverTime() {
  return timeseriesPanel({
    title: 'Tiếp nhận và giải quyết hồ sơ (hồ sơ/giờ)',
    description: 'Tốc độ tiếp nhận và giải quyết hồ sơ theo thời gian, quy đổi ra số hồ sơ mỗi giờ.',
    queries: [
      {
        expr: `sum(rate(${Metrics.tthcDossiersReceived.name}${sel(UNIT)}[${RATE}])) * 3600`,
        legend: 'Tiếp nhận',
      },
      {
        expr: `sum(rate(${Metrics.tthcDossiersResolved.name}${sel(UNIT, ON_TIME)}[${RATE}])) * 3600`,
        legend: 'Giải quyết đúng hạn',
      },
      {
        expr: `sum(rate(${Metrics.tthcDossiersResolved.name}${sel(UNIT, 'timeliness="late"')}[${RATE}])) * 3600`,
        legend: 'Giải quyết quá hạn',
      },
    ],
    w: 24,
  });
}

export function leadershipOverviewDashboard(): DashboardBuilder {
  return baseDashboard(
    LEADERSHIP_OVERVIEW_UID,
    'Tổng quan lãnh đạo',
    'Chỉ số chính về giải quyết thủ tục hành chính, phản ánh kiến nghị và tiến độ Kế hoạch cải cách hành chính của Sở Giáo dục và Đào tạo.',
  )
    .withVariable(labelVariable('unit', 'Đơn vị', received.name, 'unit'))
    .withVariable(periodVariable())
    .withRow(new RowBuilder('Quý hiện tại (lũy kế từ đầu quý)'))
    .withPanel(onTimeRate())
    .withPanel(lateWithoutApology())
    .withPanel(apologyCoverage())
    .withPanel(atRisk())
    .withPanel(
      channelShare(
        'Tỷ lệ hồ sơ trực tuyến',
        'online',
        'Hồ sơ nộp trực tuyến trên tổng số hồ sơ tiếp nhận mới trong quý (không tính hồ sơ kỳ trước chuyển sang).',
      ),
    )
    .withPanel(
      channelShare(
        'Tỷ lệ hồ sơ qua bưu chính công ích',
        'postal',
        'Hồ sơ tiếp nhận qua dịch vụ bưu chính công ích trên tổng số hồ sơ tiếp nhận mới trong quý.',
      ),
    )
    .withPanel(pendingNow())
    .withPanel(feedbackOverdue())
    .withPanel(receivedThisQuarter())
    .withPanel(feedbackOnTime())
    .withPanel(planCompletedVsDue())
    .withRow(new RowBuilder('Chỉ số phục vụ (QĐ 766) và chất lượng dữ liệu, quý hiện tại'))
    .withPanel(serviceIndexNormalized())
    .withPanel(serviceIndexGroups())
    .withPanel(dossiersWithAnomalies())
    .withPanel(anomaliesByKind())
    .withRow(new RowBuilder('Trong kỳ đã chọn'))
    .withPanel(receivedInPeriod())
    .withPanel(resolvedInPeriod())
    .withPanel(onTimeInPeriod())
    .withPanel(flowOverTime());
}
