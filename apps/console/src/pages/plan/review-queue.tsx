import { useId, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson, describeError } from '../../api/client';
import type { Plan, Progress, Task } from '../../api/types';
import { formatDate, formatDateTime, formatNumber } from '../../format';
import { periodLabel } from '../../period';
import { useSession } from '../../session';
import { StatusBadge } from './status';

type Decision = 'approve' | 'return';

function ReviewItem({ planId, task, progress }: { planId: string; task: Task; progress: Progress }) {
  const { token } = useSession();
  const client = useQueryClient();
  const id = useId();
  const [comment, setComment] = useState('');
  const review = useMutation({
    // POST …/progress/{id}/approve ({comment} optional) or …/return ({comment} required).
    mutationFn: (action: Decision) =>
      apiJson<Progress>(
        token,
        `/api/v1/plans/${planId}/tasks/${encodeURIComponent(task.code)}/progress/${progress.id}/${action}`,
        { method: 'POST', body: JSON.stringify(comment.trim() ? { comment: comment.trim() } : {}) },
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ['api', token] }),
  });
  return (
    <li className="review-item" data-testid={`review-${task.code}`}>
      <p>
        <strong>{task.code}</strong> {task.content}
      </p>
      <p className="muted">{task.leadUnits.join(', ')}</p>
      <p>
        {periodLabel(progress.period)} · <StatusBadge status={progress.status} /> ·{' '}
        {formatNumber(progress.percent)}% · {progress.recordedBy ?? ''} {formatDateTime(progress.recordedAt)}
      </p>
      {progress.note && <p>{progress.note}</p>}
      {progress.evidence.length > 0 && (
        <ul className="evidence-list">
          {progress.evidence.map((e) => (
            <li key={`${e.docNo}-${e.date}`}>
              {e.docNo} ngày {formatDate(e.date)}: {e.title}
            </li>
          ))}
        </ul>
      )}
      <label htmlFor={`${id}-comment`}>
        Ý kiến (bắt buộc khi trả lại)
        <input
          id={`${id}-comment`}
          value={comment}
          aria-describedby={`${id}-hint`}
          onChange={(e) => setComment(e.target.value)}
        />
      </label>
      <p id={`${id}-hint`} className="muted small">
        Trả lại để đơn vị sửa và gửi lại; ý kiến được gửi kèm cho đơn vị.
      </p>
      <div className="form-actions">
        <button type="button" disabled={review.isPending} onClick={() => review.mutate('approve')}>
          Duyệt
        </button>
        <button
          type="button"
          className="secondary"
          disabled={review.isPending || comment.trim() === ''}
          onClick={() => review.mutate('return')}
        >
          Trả lại
        </button>
        {review.isError && (
          <span className="error" role="alert">
            {describeError(review.error)}
          </span>
        )}
      </div>
    </li>
  );
}

/**
 * Reports waiting for the Văn phòng (architecture.md §6 revision 2): each task's `awaitingReview`
 * (its newest submitted report) from the plan itself, grouped by lead unit, to approve or return.
 */
export function ReviewQueue({ plan }: { plan: Plan }) {
  const waiting = plan.tasks.filter(
    (t): t is Task & { awaitingReview: Progress } => t.awaitingReview !== null,
  );
  if (waiting.length === 0) return <p className="nodata">Không có báo cáo nào chờ duyệt.</p>;
  return (
    <>
      <p className="muted" role="status">
        {formatNumber(waiting.length)} báo cáo chờ duyệt.
      </p>
      <ul className="review-list">
        {waiting.map((task) => (
          <ReviewItem
            key={task.awaitingReview.id}
            planId={plan.id}
            task={task}
            progress={task.awaitingReview}
          />
        ))}
      </ul>
    </>
  );
}
