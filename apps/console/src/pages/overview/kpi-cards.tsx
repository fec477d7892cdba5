import type { KpiResult } from '../../api/types';
import { formatNumber, formatRate } from '../../format';

function Card(props: {
  id: string;
  title: string;
  value: string;
  detail: string;
  tone?: 'good' | 'warn' | 'bad';
}) {
  return (
    <div className={`kpi-card ${props.tone ?? ''}`} data-testid={props.id}>
      <h3>{props.title}</h3>
      <p className="kpi-value" data-testid={`${props.id}-value`}>
        {props.value}
      </p>
      <p className="kpi-detail">{props.detail}</p>
    </div>
  );
}

function tone(ratio: number | null, good: number, fair: number): 'good' | 'warn' | 'bad' | undefined {
  if (ratio === null) return undefined;
  return ratio >= good ? 'good' : ratio >= fair ? 'warn' : 'bad';
}

/** The quarter at a glance: the figures of GET /api/v1/tthc/kpis, formatted, nothing recomputed. */
export function KpiCards({ k }: { k: KpiResult }) {
  const newlyReceived = k.received.total - k.received.carriedOver;
  const postalShare = newlyReceived > 0 ? k.received.postal / newlyReceived : null;
  return (
    <div className="kpi-grid">
      <Card
        id="kpi-on-time"
        title="Giải quyết đúng hạn"
        value={formatRate(k.onTimeRate)}
        detail={`${formatNumber(k.resolved.early + k.resolved.onTime)}/${formatNumber(k.resolved.total)} hồ sơ đã giải quyết; ${formatNumber(k.resolved.late)} trễ hạn`}
        tone={tone(k.onTimeRate, 0.95, 0.85)}
      />
      <Card
        id="kpi-apology"
        title="Thư xin lỗi hồ sơ trễ hạn"
        value={formatRate(k.apology.coverage)}
        detail={`${formatNumber(k.apology.withApology)}/${formatNumber(k.apology.lateDossiers)} hồ sơ trễ có thư${
          k.apology.inTimeRate !== undefined ? `; gửi đúng thời hạn ${formatRate(k.apology.inTimeRate)}` : ''
        }`}
        tone={k.apology.lateDossiers === 0 ? undefined : tone(k.apology.coverage, 1, 0.8)}
      />
      <Card
        id="kpi-online"
        title="Tiếp nhận trực tuyến"
        value={formatRate(k.online.dossierRate)}
        detail={`${formatNumber(k.received.online)}/${formatNumber(newlyReceived)} hồ sơ mới; ${formatNumber(
          k.online.proceduresLevel3or4,
        )}/${formatNumber(k.online.proceduresTotal)} TTHC mức độ 3, 4`}
      />
      <Card
        id="kpi-postal"
        title="Qua dịch vụ bưu chính"
        value={formatRate(postalShare)}
        detail={`${formatNumber(k.postal.received)} hồ sơ nhận, ${formatNumber(k.postal.returned)} kết quả trả qua bưu chính`}
      />
      <Card
        id="kpi-feedback"
        title="Phản ánh, kiến nghị (PAKN)"
        value={formatRate(k.feedback.onTimeRate)}
        detail={`${formatNumber(k.feedback.received)} tiếp nhận, ${formatNumber(k.feedback.resolved)} đã xử lý, ${formatNumber(k.feedback.overdue)} quá hạn`}
        tone={tone(k.feedback.onTimeRate, 0.95, 0.85)}
      />
      <Card
        id="kpi-received"
        title="Hồ sơ tiếp nhận"
        value={formatNumber(k.received.total)}
        detail={`${formatNumber(k.received.carriedOver)} kỳ trước chuyển qua; ${formatNumber(k.pending.total)} đang giải quyết, ${formatNumber(k.pending.overdue)} quá hạn`}
      />
    </div>
  );
}
