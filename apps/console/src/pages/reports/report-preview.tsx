import type { ReportPreview as Preview } from '../../api/types';
import { formatDate, formatDateTime, formatNumber } from '../../format';
import { STATUS_LABELS } from '../plan/status';

function Bullets({ title, items }: { title: string; items: string[] }) {
  if (items.length === 0) return null;
  return (
    <>
      <h3>{title}</h3>
      <ul>
        {items.map((s, i) => (
          <li key={i}>{s}</li>
        ))}
      </ul>
    </>
  );
}

/** The report's JSON as a reader sees it: title, dates, version, task counts and the narrative. */
export function ReportPreview({ report }: { report: Preview }) {
  const v = report.version;
  return (
    <article className="report-preview" data-testid="report-preview">
      <h3 className="report-title">
        BÁO CÁO
        <br />
        Kết quả thực hiện công tác cải cách hành chính {report.period.label}
      </h3>
      <p className="muted">
        (Số liệu từ ngày {formatDate(report.period.from)} đến ngày {formatDate(report.period.to)})
      </p>
      <p>
        {v.status === 'issued' ? (
          <span className="badge status-completed">
            Đã ban hành, phiên bản {v.version}
            {v.issuedAt ? ` ngày ${formatDate(v.issuedAt)}` : ''}
            {v.documentNumber ? `, số ${v.documentNumber}` : ''}
          </span>
        ) : (
          <span className="badge status-in_progress">
            Dự thảo, lập lúc {formatDateTime(report.generatedAt)}
          </span>
        )}
      </p>
      <p>
        {report.plan.title}: {formatNumber(report.tasks.total)} nhiệm vụ —{' '}
        {Object.entries(report.tasks.byStatus)
          .map(([s, n]) => `${STATUS_LABELS[s as keyof typeof STATUS_LABELS] ?? s}: ${formatNumber(n)}`)
          .join('; ')}
        .
      </p>
      <Bullets title="Kết quả đạt được" items={report.narrative.achievements} />
      <Bullets title="Tồn tại, hạn chế" items={report.narrative.shortfalls} />
      <Bullets title="Cần quan tâm" items={report.narrative.attention} />
      <Bullets title="Phương hướng, nhiệm vụ kỳ tới" items={report.narrative.nextSteps} />
      <details>
        <summary>Dữ liệu JSON đầy đủ</summary>
        <pre className="json">{JSON.stringify(report, null, 2)}</pre>
      </details>
    </article>
  );
}
