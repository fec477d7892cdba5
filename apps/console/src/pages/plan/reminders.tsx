import { useApiQuery } from '../../api/queries';
import { QueryView } from '../../components/states';

interface ReminderTask {
  code: string;
  content?: string;
  leadUnits?: string[];
  reason?: string;
  state?: string;
}

// The reminders answer (contract revision 2, issue 12) lists tasks by lead unit; read it tolerantly:
// a list of tasks, or groups of them under each unit.
function tasksOf(data: unknown): Array<{ unit: string | null; task: ReminderTask }> {
  const out: Array<{ unit: string | null; task: ReminderTask }> = [];
  const visit = (value: unknown, unit: string | null) => {
    if (Array.isArray(value)) value.forEach((v) => visit(v, unit));
    else if (value && typeof value === 'object') {
      const o = value as Record<string, unknown>;
      if (typeof o.code === 'string' && (typeof o.content === 'string' || !('tasks' in o)))
        out.push({ unit, task: o as unknown as ReminderTask });
      else {
        const name = typeof o.name === 'string' ? o.name : typeof o.unit === 'string' ? o.unit : unit;
        for (const key of ['tasks', 'byUnit', 'units', 'reminders', 'missing', 'overdue'])
          if (key in o) visit(o[key], name);
      }
    }
  };
  visit(data, null);
  return out;
}

/** Tasks whose report for the current period is missing near the cut-off, or overdue. */
export function Reminders({ planId }: { planId: string }) {
  const query = useApiQuery<unknown>(`/api/v1/plans/${planId}/reminders`);
  return (
    <QueryView query={query} missing="Chưa có dữ liệu: máy chủ chưa cung cấp danh sách nhắc việc.">
      {(data) => {
        const items = tasksOf(data);
        if (items.length === 0) return <p className="nodata">Không có nhiệm vụ nào cần nhắc.</p>;
        return (
          <ul className="reminder-list" data-testid="reminders">
            {items.map(({ unit, task }, i) => (
              <li key={`${unit ?? ''}-${task.code}-${i}`}>
                <strong>{task.code}</strong> {task.content ?? ''}
                {unit ? <span className="muted"> — {unit}</span> : null}
                {task.reason || task.state ? (
                  <span className="badge">{task.reason ?? task.state}</span>
                ) : null}
              </li>
            ))}
          </ul>
        );
      }}
    </QueryView>
  );
}
