import { useApiQuery } from '../../api/queries';
import type { Progress, Task } from '../../api/types';
import { QueryView } from '../../components/states';
import { formatDate, formatDateTime, formatNumber } from '../../format';
import { periodLabel } from '../../period';
import { canFileProgress, useSession } from '../../session';
import { ProgressForm } from './progress-form';
import { REVIEW_LABELS, StatusBadge } from './status';

function ProgressEntry({ p }: { p: Progress }) {
  return (
    <li className="progress-entry">
      <div>
        <strong>{periodLabel(p.period)}</strong> · <StatusBadge status={p.status} /> ·{' '}
        {formatNumber(p.percent)}%
        <span className={`badge review-${p.review.state}`}>{REVIEW_LABELS[p.review.state]}</span>
      </div>
      {p.note && <p>{p.note}</p>}
      {p.review.comment && (
        <p className="muted">
          Ý kiến Văn phòng{p.review.by ? ` (${p.review.by})` : ''}: {p.review.comment}
        </p>
      )}
      {p.evidence.length > 0 && (
        <ul className="evidence-list">
          {p.evidence.map((e) => (
            <li key={`${e.docNo}-${e.date}`}>
              {e.docNo} ngày {formatDate(e.date)}: {e.title}
            </li>
          ))}
        </ul>
      )}
      <p className="muted small">
        Ghi nhận lúc {formatDateTime(p.recordedAt)}
        {p.recordedBy ? ` bởi ${p.recordedBy}` : ''}
      </p>
    </li>
  );
}

/** A task's details, its progress history and, for an editor of a lead unit, the progress form. */
export function TaskDetail({ planId, planYear, task }: { planId: string; planYear: number; task: Task }) {
  const { me } = useSession();
  const history = useApiQuery<Progress[]>(
    `/api/v1/plans/${planId}/tasks/${encodeURIComponent(task.code)}/progress`,
  );
  return (
    <div className="task-detail">
      <dl className="facts">
        <dt>Sản phẩm</dt>
        <dd>{task.products.join('; ') || '—'}</dd>
        <dt>Chủ trì</dt>
        <dd>{task.leadUnits.join(', ') || '—'}</dd>
        <dt>Phối hợp</dt>
        <dd>{task.coordinatingUnits.join(', ') || '—'}</dd>
        <dt>Thời gian</dt>
        <dd>{task.timeframe.text}</dd>
        {task.budgetMillionVnd !== null && (
          <>
            <dt>Kinh phí</dt>
            <dd>{formatNumber(task.budgetMillionVnd)} triệu đồng</dd>
          </>
        )}
      </dl>
      <h4>Lịch sử báo cáo</h4>
      <QueryView query={history}>
        {(list) =>
          list.length === 0 ? (
            <p className="nodata">Chưa có báo cáo nào.</p>
          ) : (
            <ul className="progress-list">
              {[...list].reverse().map((p) => (
                <ProgressEntry key={p.id} p={p} />
              ))}
            </ul>
          )
        }
      </QueryView>
      {canFileProgress(me, task.leadUnitCodes) && (
        <ProgressForm planId={planId} planYear={planYear} task={task} />
      )}
    </div>
  );
}
