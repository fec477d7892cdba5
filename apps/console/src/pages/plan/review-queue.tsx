import { useId, useState } from 'react';
import { useMutation, useQueries, useQueryClient } from '@tanstack/react-query';
import { apiJson, describeError } from '../../api/client';
import { useApiQuery } from '../../api/queries';
import type { Plan, PlanSummary, Progress, Task } from '../../api/types';
import { ErrorNote, Loading, NoData, QueryView } from '../../components/states';
import { formatDateTime, formatNumber } from '../../format';
import { periodLabel } from '../../period';
import { useSession } from '../../session';
import { StatusBadge } from './status';

function ReviewItem({ planId, task, progress }: { planId: string; task: Task; progress: Progress }) {
  const { token } = useSession();
  const client = useQueryClient();
  const id = useId();
  const [comment, setComment] = useState('');
  const review = useMutation({
    mutationFn: (action: 'approve' | 'return') =>
      apiJson(
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
      <p>
        {periodLabel(progress.period)} · <StatusBadge status={progress.status} /> ·{' '}
        {formatNumber(progress.percent)}% · {progress.recordedBy ?? ''} {formatDateTime(progress.recordedAt)}
      </p>
      {progress.note && <p className="muted">{progress.note}</p>}
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

/** The submitted reports themselves: read from each task's progress history (only when some wait). */
function Waiting({ plan }: { plan: Plan }) {
  const { token } = useSession();
  const histories = useQueries({
    queries: plan.tasks.map((t) => {
      const path = `/api/v1/plans/${plan.id}/tasks/${encodeURIComponent(t.code)}/progress`;
      return { queryKey: ['api', token, path], queryFn: () => apiJson<Progress[]>(token, path) };
    }),
  });
  const failed = histories.find((h) => h.isError);
  if (failed) return <ErrorNote error={failed.error} />;
  if (histories.some((h) => h.isPending)) return <Loading />;
  const items = plan.tasks.flatMap((task, i) =>
    (histories[i].data ?? [])
      .filter((p) => p.review?.state === 'submitted' && p.id)
      .map((progress) => ({ task, progress })),
  );
  if (items.length === 0) return <p className="nodata">Không có báo cáo nào chờ duyệt.</p>;
  return (
    <ul className="review-list">
      {items.map(({ task, progress }) => (
        <ReviewItem key={progress.id} planId={plan.id} task={task} progress={progress} />
      ))}
    </ul>
  );
}

/**
 * Reports waiting for the Văn phòng (contract revision 2, issue 12). The plan's summary carries
 * `pendingReview`; a server without the review workflow has no such count, and the panel says so.
 */
export function ReviewQueue({ plan }: { plan: Plan }) {
  const summary = useApiQuery<PlanSummary>(`/api/v1/plans/${plan.id}/summary`);
  return (
    <QueryView query={summary}>
      {(s) =>
        s.pendingReview === undefined ? (
          <NoData>Chưa có dữ liệu: máy chủ chưa bật quy trình duyệt báo cáo tiến độ.</NoData>
        ) : s.pendingReview === 0 ? (
          <p className="nodata">Không có báo cáo nào chờ duyệt.</p>
        ) : (
          <>
            <p className="muted">{formatNumber(s.pendingReview)} báo cáo chờ duyệt.</p>
            <Waiting plan={plan} />
          </>
        )
      }
    </QueryView>
  );
}
