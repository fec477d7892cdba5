import { useId, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson, describeError } from '../../api/client';
import type { Plan, Task } from '../../api/types';
import { NoData } from '../../components/states';
import { formatDateTime, formatNumber } from '../../format';
import { periodLabel } from '../../period';
import { useSession } from '../../session';
import { StatusBadge } from './status';

function ReviewItem({ planId, task }: { planId: string; task: Task }) {
  const { token } = useSession();
  const client = useQueryClient();
  const id = useId();
  const [comment, setComment] = useState('');
  const p = task.latestProgress!;
  const review = useMutation({
    mutationFn: (action: 'approve' | 'return') =>
      apiJson(
        token,
        `/api/v1/plans/${planId}/tasks/${encodeURIComponent(task.code)}/progress/${p.id}/${action}`,
        {
          method: 'POST',
          body: JSON.stringify(comment.trim() ? { comment: comment.trim() } : {}),
        },
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ['api', token] }),
  });
  return (
    <li className="review-item" data-testid={`review-${task.code}`}>
      <p>
        <strong>{task.code}</strong> {task.content}
      </p>
      <p>
        {periodLabel(p.period)} · <StatusBadge status={p.status} /> · {formatNumber(p.percent)}% ·{' '}
        {p.recordedBy ?? ''} {formatDateTime(p.recordedAt)}
      </p>
      {p.note && <p className="muted">{p.note}</p>}
      <label htmlFor={`${id}-comment`}>
        Ý kiến (bắt buộc khi trả lại)
        <input id={`${id}-comment`} value={comment} onChange={(e) => setComment(e.target.value)} />
      </label>
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
 * Reports waiting for the Văn phòng (contract revision 2, issue 12): the latest progress of each task
 * whose review state is `submitted`. A server without the review workflow sends no `review` at all.
 */
export function ReviewQueue({ plan }: { plan: Plan }) {
  const reviewed = plan.tasks.some((t) => t.latestProgress?.review !== undefined);
  const waiting = plan.tasks.filter(
    (t) => t.latestProgress?.review?.state === 'submitted' && t.latestProgress.id,
  );
  if (!reviewed && plan.tasks.some((t) => t.latestProgress))
    return <NoData>Chưa có dữ liệu: máy chủ chưa bật quy trình duyệt báo cáo tiến độ.</NoData>;
  if (waiting.length === 0) return <p className="nodata">Không có báo cáo nào chờ duyệt.</p>;
  return (
    <ul className="review-list">
      {waiting.map((t) => (
        <ReviewItem key={t.code} planId={plan.id} task={t} />
      ))}
    </ul>
  );
}
