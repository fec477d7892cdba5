// "Vận hành hệ thống": is the pipeline healthy? Ingestion, rejects and dead letters, consumer lag,
// batch latency, HTTP latency and errors per service, process resources, report generation.
import { DefaultMetrics, Metrics } from '@cchc/contracts';
import { RowBuilder, type DashboardBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import {
  JOB,
  RATE,
  SERVICE,
  ZERO_IS_GOOD,
  barPanel,
  baseDashboard,
  labelVariable,
  sel,
  statPanel,
  steps,
  timeseriesPanel,
  upMapping,
  GREEN,
  ORANGE,
  RED,
} from './presets';

export const OPERATIONS_UID = 'cchc-van-hanh-he-thong';

const http = Metrics.httpRequestDuration.name;

function servicesUp() {
  return statPanel({
    title: 'Trạng thái dịch vụ',
    description: 'Prometheus thu thập được /metrics của dịch vụ (up = 1) hay không.',
    queries: [{ expr: `up${sel(JOB)}`, legend: '{{job}}' }],
    mappings: upMapping(),
    thresholds: steps({ value: null, color: RED }, { value: 1, color: GREEN }),
    background: true,
    w: 12,
  });
}

function deadLetters24h() {
  return statPanel({
    title: 'Thư chết (dead letter) trong 24 giờ',
    description:
      'Số sự kiện TTHC bị đưa vào bảng thư chết trong 24 giờ qua. Khác 0: xem GET /api/v1/tthc/rejected-events.',
    queries: [{ expr: `sum(increase(${Metrics.tthcDeadLetters.name}[1d]))`, legend: 'Thư chết' }],
    thresholds: ZERO_IS_GOOD(),
    background: true,
    decimals: 0,
  });
}

function pendingNow() {
  return statPanel({
    title: 'Tin nhắn chờ xử lý',
    description: 'Số tin nhắn trong luồng TTHC_EVENTS chưa giao cho consumer bền vững (num_pending).',
    queries: [{ expr: `max(${Metrics.tthcConsumerPending.name})`, legend: 'Chờ xử lý' }],
    thresholds: steps(
      { value: null, color: GREEN },
      { value: 1000, color: ORANGE },
      { value: 10000, color: RED },
    ),
    decimals: 0,
  });
}

function ingestRate() {
  return timeseriesPanel({
    title: 'Tốc độ tiếp nhận sự kiện TTHC (sự kiện/giây)',
    description:
      'Sự kiện được chấp nhận và sự kiện trùng (cùng id, chỉ tính một lần), theo kênh truyền (NATS, HTTP).',
    queries: [
      {
        expr: `sum by (transport) (rate(${Metrics.tthcEventsIngested.name}[${RATE}]))`,
        legend: 'Chấp nhận – {{transport}}',
      },
      {
        expr: `sum by (transport) (rate(${Metrics.tthcEventsDuplicate.name}[${RATE}]))`,
        legend: 'Trùng lặp – {{transport}}',
      },
    ],
    unit: 'ops',
  });
}

function rejectedAndDeadLettered() {
  return timeseriesPanel({
    title: 'Sự kiện bị từ chối và thư chết (sự kiện/giây)',
    description: 'Sự kiện không hợp lệ bị từ chối và sự kiện bị đưa vào bảng thư chết, theo nhóm lý do.',
    queries: [
      {
        expr: `sum by (reason) (rate(${Metrics.tthcEventsRejected.name}[${RATE}]))`,
        legend: 'Từ chối – {{reason}}',
      },
      {
        expr: `sum by (reason) (rate(${Metrics.tthcDeadLetters.name}[${RATE}]))`,
        legend: 'Thư chết – {{reason}}',
      },
    ],
    unit: 'ops',
  });
}

function consumerLag() {
  return timeseriesPanel({
    title: 'Tồn đọng của consumer',
    description:
      'Số tin nhắn chờ xử lý của consumer bền vững tthc-metrics-ledger (mọi bản sao báo cùng một giá trị).',
    queries: [{ expr: `max(${Metrics.tthcConsumerPending.name})`, legend: 'Tin nhắn chờ' }],
    w: 8,
  });
}

function processingLag() {
  return timeseriesPanel({
    title: 'Độ trễ xử lý sự kiện',
    description:
      'Thời gian từ khi JetStream lưu sự kiện đến khi lô chứa nó được ghi vào cơ sở dữ liệu (lô gần nhất).',
    queries: [{ expr: `max(${Metrics.tthcProcessingLag.name})`, legend: 'Độ trễ' }],
    unit: 's',
    w: 8,
  });
}

function batchLatency() {
  const b = `${Metrics.tthcIngestBatchDuration.name}_bucket`;
  return timeseriesPanel({
    title: 'Thời gian xử lý một lô sự kiện',
    description:
      'Phân vị 50% và 95% thời gian kiểm tra và ghi một lô sự kiện vào PostgreSQL, theo kênh truyền.',
    queries: [0.5, 0.95].map((q) => ({
      expr: `histogram_quantile(${q}, sum by (le, transport) (rate(${b}[${RATE}])))`,
      legend: `p${q * 100} – {{transport}}`,
    })),
    unit: 's',
    w: 8,
  });
}

function httpLatency() {
  return timeseriesPanel({
    title: 'Thời gian phản hồi HTTP (p95) theo dịch vụ',
    description: 'Phân vị 95% thời gian xử lý yêu cầu HTTP của từng dịch vụ.',
    queries: [
      {
        expr: `histogram_quantile(0.95, sum by (le, service) (rate(${http}_bucket${sel(SERVICE)}[${RATE}])))`,
        legend: '{{service}}',
      },
    ],
    unit: 's',
    w: 8,
  });
}

function httpRequests() {
  return timeseriesPanel({
    title: 'Yêu cầu HTTP theo dịch vụ và mã trạng thái',
    description: 'Số yêu cầu HTTP mỗi giây theo dịch vụ và nhóm mã trạng thái (2xx, 4xx, 5xx…).',
    queries: [
      {
        expr: `sum by (service, status_class) (rate(${http}_count${sel(SERVICE)}[${RATE}]))`,
        legend: '{{service}} – {{status_class}}',
      },
    ],
    unit: 'reqps',
    stacked: true,
    w: 8,
  });
}

function httpErrors() {
  const all = `sum by (service) (rate(${http}_count${sel(SERVICE)}[${RATE}]))`;
  // `or … * 0`: a service with no 5xx yet has no 5xx series; show 0 instead of a gap.
  const errors = `(sum by (service) (rate(${http}_count${sel(SERVICE, 'status_class="5xx"')}[${RATE}])) or ${all} * 0)`;
  return timeseriesPanel({
    title: 'Tỷ lệ lỗi HTTP 5xx theo dịch vụ',
    description: 'Tỷ lệ yêu cầu HTTP trả về lỗi máy chủ (5xx) trên tổng số yêu cầu của từng dịch vụ.',
    queries: [{ expr: `${errors} / (${all} > 0)`, legend: '{{service}}' }],
    unit: 'percentunit',
    min: 0,
    w: 8,
  });
}

function memory() {
  return timeseriesPanel({
    title: 'Bộ nhớ tiến trình (RSS)',
    description: 'Bộ nhớ thường trú của tiến trình Node.js của từng dịch vụ.',
    queries: [
      { expr: `sum by (job) (${DefaultMetrics.processResidentMemory.name}${sel(JOB)})`, legend: '{{job}}' },
    ],
    unit: 'bytes',
    w: 8,
  });
}

function cpu() {
  return timeseriesPanel({
    title: 'CPU tiến trình',
    description: 'Thời gian CPU sử dụng mỗi giây (1 = một nhân) của từng dịch vụ.',
    queries: [
      {
        expr: `sum by (job) (rate(${DefaultMetrics.processCpuSeconds.name}${sel(JOB)}[${RATE}]))`,
        legend: '{{job}}',
      },
    ],
    unit: 'percentunit',
    w: 8,
  });
}

function eventLoopLag() {
  return timeseriesPanel({
    title: 'Độ trễ vòng lặp sự kiện (p99)',
    description:
      'Phân vị 99% độ trễ vòng lặp sự kiện Node.js: cao nghĩa là tiến trình bận, yêu cầu phải chờ.',
    queries: [
      { expr: `max by (job) (${DefaultMetrics.nodejsEventLoopLagP99.name}${sel(JOB)})`, legend: '{{job}}' },
    ],
    unit: 's',
    w: 8,
  });
}

function reportsGenerated() {
  return barPanel({
    title: 'Báo cáo đã tạo trong kỳ xem',
    description: 'Số báo cáo được tạo (JSON, XLSX, DOCX) trong khoảng thời gian đang xem, theo kết quả.',
    queries: [
      {
        expr: `sum by (format, outcome) (increase(${Metrics.reportsGenerated.name}[$__range]))`,
        legend: '{{format}} – {{outcome}}',
      },
    ],
  });
}

function reportDuration() {
  return timeseriesPanel({
    title: 'Thời gian tạo báo cáo (p95)',
    description: 'Phân vị 95% thời gian tổng hợp dữ liệu và kết xuất một báo cáo, theo định dạng.',
    queries: [
      {
        expr: `histogram_quantile(0.95, sum by (le, format) (rate(${Metrics.reportGenerationDuration.name}_bucket[${RATE}])))`,
        legend: '{{format}}',
      },
    ],
    unit: 's',
  });
}

export function operationsDashboard(): DashboardBuilder {
  return baseDashboard(
    OPERATIONS_UID,
    'Vận hành hệ thống',
    'Sức khỏe hệ thống: tiếp nhận sự kiện TTHC qua NATS/HTTP, sự kiện bị từ chối và thư chết, tồn đọng consumer, độ trễ, HTTP và tài nguyên của từng dịch vụ.',
  )
    .withVariable(
      labelVariable('job', 'Dịch vụ (tiến trình)', DefaultMetrics.processResidentMemory.name, 'job'),
    )
    .withVariable(labelVariable('service', 'Dịch vụ (HTTP)', `${http}_count`, 'service'))
    .time({ from: 'now-6h', to: 'now' })
    .refresh('30s')
    .withRow(new RowBuilder('Tình trạng'))
    .withPanel(servicesUp())
    .withPanel(deadLetters24h())
    .withPanel(pendingNow())
    .withRow(new RowBuilder('Tiếp nhận sự kiện TTHC'))
    .withPanel(ingestRate())
    .withPanel(rejectedAndDeadLettered())
    .withPanel(consumerLag())
    .withPanel(processingLag())
    .withPanel(batchLatency())
    .withRow(new RowBuilder('HTTP'))
    .withPanel(httpLatency())
    .withPanel(httpRequests())
    .withPanel(httpErrors())
    .withRow(new RowBuilder('Tiến trình'))
    .withPanel(memory())
    .withPanel(cpu())
    .withPanel(eventLoopLag())
    .withRow(new RowBuilder('Báo cáo'))
    .withPanel(reportsGenerated())
    .withPanel(reportDuration());
}
