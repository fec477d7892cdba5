// "TTHC theo đơn vị": the same KPIs broken down per unit, to see who needs help. Per-unit ratios
// are the recording rules of deploy/prometheus/rules/recording.yml.
import { Metrics, RecordedMetrics } from '@cchc/contracts';
import { RowBuilder, type DashboardBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import {
  FULL_TARGET,
  RATE,
  UNIT,
  ZERO_IS_CALM,
  ZERO_IS_GOOD,
  barPanel,
  baseDashboard,
  db,
  labelVariable,
  mergeColumns,
  sel,
  tablePanel,
  timeseriesPanel,
} from './presets';

export const TTHC_UNITS_UID = 'cchc-tthc-theo-don-vi';

function receivedRate() {
  return timeseriesPanel({
    title: 'Hồ sơ tiếp nhận theo đơn vị (hồ sơ/giờ)',
    description: 'Tốc độ tiếp nhận hồ sơ mới của từng đơn vị, quy đổi ra số hồ sơ mỗi giờ.',
    queries: [
      {
        expr: `sum by (unit) (rate(${Metrics.tthcDossiersReceived.name}${sel(UNIT)}[${RATE}])) * 3600`,
        legend: '{{unit}}',
      },
    ],
  });
}

function resolvedRate() {
  return timeseriesPanel({
    title: 'Hồ sơ giải quyết theo đơn vị (hồ sơ/giờ)',
    description: 'Tốc độ giải quyết hồ sơ của từng đơn vị, quy đổi ra số hồ sơ mỗi giờ.',
    queries: [
      {
        expr: `sum by (unit) (rate(${Metrics.tthcDossiersResolved.name}${sel(UNIT)}[${RATE}])) * 3600`,
        legend: '{{unit}}',
      },
    ],
  });
}

function onTimeRanking() {
  return barPanel({
    title: 'Xếp hạng đơn vị theo tỷ lệ đúng hạn (quý này)',
    description:
      'Tỷ lệ hồ sơ giải quyết trước hạn và đúng hạn của từng đơn vị trong quý, từ cao xuống thấp. Mục tiêu: 100%. Đơn vị chưa giải quyết hồ sơ nào không có trong bảng.',
    queries: [{ expr: `sort_desc(${RecordedMetrics.onTimeRateByUnit}${sel(UNIT)})`, legend: '{{unit}}' }],
    unit: 'percentunit',
    min: 0,
    max: 1,
    thresholds: FULL_TARGET(),
  });
}

/** Biểu II.06a shape: received, resolved by timeliness, pending by timeliness, per unit. */
function resultsTable() {
  const r = Metrics.tthcQuarterDossiersResolved;
  const p = Metrics.tthcDossiersPending;
  const columns: Array<[string, string]> = [
    [`sum by (unit) (${db(Metrics.tthcQuarterDossiersReceived, UNIT)})`, 'Tiếp nhận mới'],
    [`sum by (unit) (${db(r, UNIT, 'timeliness="early"')})`, 'Giải quyết trước hạn'],
    [`sum by (unit) (${db(r, UNIT, 'timeliness="on_time"')})`, 'Giải quyết đúng hạn'],
    [`sum by (unit) (${db(r, UNIT, 'timeliness="late"')})`, 'Giải quyết quá hạn'],
    [`sum by (unit) (${db(p, UNIT, 'timeliness="within_time"')})`, 'Đang giải quyết trong hạn'],
    [`sum by (unit) (${db(p, UNIT, 'timeliness="overdue"')})`, 'Đang giải quyết quá hạn'],
    [`sum by (unit) (${db(Metrics.tthcDossiersLateWithoutApology, UNIT)})`, 'Trễ hạn chưa xin lỗi'],
    [`sum by (unit) (${db(Metrics.tthcDossiersAtRisk, UNIT)})`, 'Nguy cơ trễ hạn'],
  ];
  return tablePanel({
    title: 'Kết quả giải quyết TTHC theo đơn vị (quý này)',
    description:
      'Theo mẫu Biểu II.06a: hồ sơ tiếp nhận mới, đã giải quyết (trước hạn, đúng hạn, quá hạn), đang giải quyết (trong hạn, quá hạn), hồ sơ trễ hạn chưa có thư xin lỗi và hồ sơ có nguy cơ trễ hạn. Dòng cuối là tổng.',
    queries: columns.map(([expr]) => ({ expr, legend: '{{unit}}' })),
    transformations: mergeColumns(columns.map(([, name]) => name)),
  });
}

function timelinessSplit() {
  const r = Metrics.tthcQuarterDossiersResolved;
  return barPanel({
    title: 'Cơ cấu kết quả giải quyết (quý này)',
    description:
      'Số hồ sơ đã giải quyết trong quý theo tình trạng: trước hạn, đúng hạn, quá hạn (các đơn vị đã chọn).',
    queries: [
      ['early', 'Trước hạn'],
      ['on_time', 'Đúng hạn'],
      ['late', 'Quá hạn'],
    ].map(([t, legend]) => ({ expr: `sum(${db(r, UNIT, `timeliness="${t}"`)})`, legend })),
    w: 8,
  });
}

function atRiskByUnit() {
  return barPanel({
    title: 'Hồ sơ có nguy cơ trễ hạn theo đơn vị',
    description: 'Hồ sơ đang giải quyết đến hạn trong vòng 1 ngày làm việc, chưa có thư xin lỗi.',
    queries: [
      { expr: `sort_desc(sum by (unit) (${db(Metrics.tthcDossiersAtRisk, UNIT)}))`, legend: '{{unit}}' },
    ],
    thresholds: ZERO_IS_CALM(),
    w: 8,
  });
}

function lateWithoutApologyByUnit() {
  return barPanel({
    title: 'Hồ sơ trễ hạn chưa có thư xin lỗi theo đơn vị',
    description: 'Hồ sơ trễ hạn trong quý chưa có thư xin lỗi (Mẫu 04). Khác 0 là đỏ.',
    queries: [
      {
        expr: `sort_desc(sum by (unit) (${db(Metrics.tthcDossiersLateWithoutApology, UNIT)}))`,
        legend: '{{unit}}',
      },
    ],
    thresholds: ZERO_IS_GOOD(),
    w: 8,
  });
}

function onTimeTrend() {
  return timeseriesPanel({
    title: 'Diễn biến tỷ lệ đúng hạn theo đơn vị',
    description:
      'Tỷ lệ hồ sơ giải quyết đúng hạn lũy kế trong quý của từng đơn vị theo thời gian. Đường nét đứt: mục tiêu 100%.',
    queries: [{ expr: `${RecordedMetrics.onTimeRateByUnit}${sel(UNIT)}`, legend: '{{unit}}' }],
    unit: 'percentunit',
    min: 0,
    max: 1,
    thresholds: FULL_TARGET(),
  });
}

function pendingByUnit() {
  return timeseriesPanel({
    title: 'Hồ sơ đang giải quyết theo đơn vị',
    description: 'Hồ sơ chưa giải quyết của từng đơn vị, chia theo trong hạn và quá hạn.',
    queries: [
      {
        expr: `sum by (unit) (${db(Metrics.tthcDossiersPending, UNIT, 'timeliness="within_time"')})`,
        legend: '{{unit}} – trong hạn',
      },
      {
        expr: `sum by (unit) (${db(Metrics.tthcDossiersPending, UNIT, 'timeliness="overdue"')})`,
        legend: '{{unit}} – quá hạn',
      },
    ],
    stacked: true,
  });
}

function shareByUnit(title: string, description: string, metric: string) {
  return barPanel({
    title,
    description,
    queries: [{ expr: `sort_desc(${metric}${sel(UNIT)})`, legend: '{{unit}}' }],
    unit: 'percentunit',
    min: 0,
    max: 1,
    w: 8,
  });
}

export function tthcUnitsDashboard(): DashboardBuilder {
  return baseDashboard(
    TTHC_UNITS_UID,
    'TTHC theo đơn vị',
    'Tình hình tiếp nhận, giải quyết thủ tục hành chính của từng đơn vị thuộc Sở: tốc độ, kết quả, hồ sơ có nguy cơ trễ hạn, xếp hạng theo tỷ lệ đúng hạn.',
  )
    .withVariable(labelVariable('unit', 'Đơn vị', Metrics.tthcQuarterDossiersReceived.name, 'unit'))
    .withRow(new RowBuilder('Kết quả quý hiện tại'))
    .withPanel(resultsTable())
    .withPanel(onTimeRanking())
    .withPanel(onTimeTrend())
    .withPanel(timelinessSplit())
    .withPanel(atRiskByUnit())
    .withPanel(lateWithoutApologyByUnit())
    .withPanel(
      shareByUnit(
        'Tỷ lệ hồ sơ trực tuyến theo đơn vị',
        'Hồ sơ nộp trực tuyến trên hồ sơ tiếp nhận mới trong quý, từng đơn vị.',
        RecordedMetrics.onlineShareByUnit,
      ),
    )
    .withPanel(
      shareByUnit(
        'Tỷ lệ hồ sơ qua bưu chính công ích theo đơn vị',
        'Hồ sơ tiếp nhận qua bưu chính công ích trên hồ sơ tiếp nhận mới trong quý, từng đơn vị.',
        RecordedMetrics.postalShareByUnit,
      ),
    )
    .withPanel(
      shareByUnit(
        'Tỷ lệ hồ sơ trễ hạn có thư xin lỗi theo đơn vị',
        'Hồ sơ trễ hạn đã có thư xin lỗi trên tổng số hồ sơ trễ hạn trong quý. Đơn vị không có hồ sơ trễ hạn không có trong bảng.',
        RecordedMetrics.apologyCoverageByUnit,
      ),
    )
    .withRow(new RowBuilder('Diễn biến'))
    .withPanel(receivedRate())
    .withPanel(resolvedRate())
    .withPanel(pendingByUnit())
    .withPanel(
      shareByUnit(
        'Tỷ lệ PAKN xử lý đúng hạn theo đơn vị',
        'Phản ánh, kiến nghị xử lý đúng hạn trên tổng số PAKN đã xử lý trong quý, từng đơn vị.',
        RecordedMetrics.feedbackOnTimeRateByUnit,
      ).span(12),
    );
}
