import type { ReportBlock, ReportPreview as Preview } from '../../api/types';
import { formatDate, formatDateTime, formatNumber, formatRate } from '../../format';
import { STATUS_LABELS } from '../plan/status';

function cell(value: string | number | null, kind: string): string {
  if (value === null) return '—';
  if (typeof value === 'string') return value;
  return kind === 'ratio' ? formatRate(value) : formatNumber(value);
}

function Block({ block }: { block: ReportBlock }) {
  switch (block.kind) {
    case 'heading':
      return block.level === 1 ? <h4>{block.text}</h4> : <h5>{block.text}</h5>;
    case 'paragraph':
      return <p>{block.text}</p>;
    case 'item':
      return <p className="report-item">- {block.text}</p>;
    case 'placeholder':
      return (
        <p className="muted">
          <em>[{block.text}]</em>
        </p>
      );
    case 'table':
      return (
        <div className="report-table">
          <table>
            <thead>
              <tr>
                {block.table.columns.map((c, i) => (
                  <th key={i} scope="col">
                    {c.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {block.table.rows.map((r, i) => (
                <tr key={i} className={r.bold ? 'bold' : undefined}>
                  {r.cells.map((v, j) => (
                    <td key={j}>{cell(v, block.table.columns[j]?.kind ?? 'text')}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
  }
}

/** The report's JSON (schema version 2) as a reader sees it: header, title, parts I–V, signature. */
export function ReportPreview({ report }: { report: Preview }) {
  const v = report.version;
  const h = report.header;
  return (
    <article className="report-preview" data-testid="report-preview">
      <p className="muted">
        {h.parent} — {h.agency} · {h.number} · {h.dateLine}
      </p>
      <h3 className="report-title">
        {h.title[0]}
        <br />
        {h.title[1]}
      </h3>
      <p className="muted">{h.dataWindow}</p>
      <p className="muted">{h.deadline}</p>
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
      <p>{report.introduction}</p>
      {report.parts.map((part) => (
        <section key={part.code} aria-label={part.title}>
          <h4>{part.title}</h4>
          {part.blocks.map((b, i) => (
            <Block key={i} block={b} />
          ))}
        </section>
      ))}
      <p>{report.closing}</p>
      <p className="muted">
        {report.signature.title.join(' / ')}: {report.signature.signer}
      </p>
      <details>
        <summary>Dữ liệu JSON đầy đủ</summary>
        <pre className="json">{JSON.stringify(report, null, 2)}</pre>
      </details>
    </article>
  );
}
