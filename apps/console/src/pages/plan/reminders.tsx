import { useApiQuery } from '../../api/queries';
import type { PlanReminders } from '../../api/types';
import { QueryView } from '../../components/states';
import { formatDate, formatNumber } from '../../format';
import { periodLabel } from '../../period';
import { StatusBadge } from './status';

const WINDOW_LABELS = { calendar: 'theo quý dương lịch', decree09: 'theo Nghị định 09/2019' } as const;

/**
 * `GET /api/v1/plans/{planId}/reminders` (architecture.md §6 revision 2): by lead unit, the tasks
 * whose report for the current period is missing near its cut-off, and the overdue ones.
 */
export function Reminders({ planId }: { planId: string }) {
  const query = useApiQuery<PlanReminders>(`/api/v1/plans/${planId}/reminders`);
  return (
    <QueryView query={query}>
      {(r) => (
        <div data-testid="reminders-list">
          <p className="muted">
            {periodLabel(r.period)} ({WINDOW_LABELS[r.window]}), số liệu chốt ngày {formatDate(r.cutoff)}.{' '}
            {r.remindingMissing
              ? `Đang nhắc báo cáo còn thiếu (từ ngày ${formatDate(r.remindFrom)}).`
              : `Báo cáo còn thiếu được nhắc từ ngày ${formatDate(r.remindFrom)}, ${formatNumber(r.reminderDays)} ngày làm việc trước ngày chốt.`}
          </p>
          {r.total === 0 ? (
            <p className="nodata">Không có nhiệm vụ nào cần nhắc.</p>
          ) : (
            r.byLeadUnit.map((u) => (
              <section
                key={u.unit}
                className="reminder-unit"
                aria-label={u.name}
                data-testid={`reminders-${u.unit}`}
              >
                <h4>
                  {u.name} <span className="muted">({formatNumber(u.tasks.length)})</span>
                </h4>
                <ul className="reminder-list">
                  {u.tasks.map((t) => (
                    <li key={t.code}>
                      <strong>{t.code}</strong> {t.content}{' '}
                      <span className="muted">({t.timeframe.text})</span> <StatusBadge status={t.status} />
                    </li>
                  ))}
                </ul>
              </section>
            ))
          )}
        </div>
      )}
    </QueryView>
  );
}
