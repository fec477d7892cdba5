import type { TaskStatus } from '../../api/types';

/** Task statuses as the plan's reports name them (the last two come with contract revision 2). */
export const STATUS_LABELS: Record<TaskStatus, string> = {
  not_started: 'Chưa triển khai',
  in_progress: 'Đang thực hiện',
  completed: 'Đã hoàn thành',
  overdue: 'Chậm tiến độ',
  not_reported: 'Chưa báo cáo',
  not_applicable: 'Không phát sinh',
};

/** Statuses a unit may report (the others are derived by the server). */
export const REPORTABLE: TaskStatus[] = ['not_started', 'in_progress', 'completed', 'overdue'];

export function StatusBadge({ status }: { status: TaskStatus }) {
  return <span className={`badge status-${status}`}>{STATUS_LABELS[status] ?? status}</span>;
}

export const REVIEW_LABELS = { submitted: 'Chờ duyệt', approved: 'Đã duyệt', returned: 'Trả lại' } as const;
