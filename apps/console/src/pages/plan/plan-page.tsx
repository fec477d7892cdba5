import { useId } from 'react';
import { useApiQuery } from '../../api/queries';
import type { Plan, TaskStatus } from '../../api/types';
import { Panel, QueryView } from '../../components/states';
import { formatDate, formatNumber } from '../../format';
import { periodLabel } from '../../period';
import { setParam, type Location } from '../../router';
import { canReview, useSession } from '../../session';
import { PlanTree } from './plan-tree';
import { Reminders } from './reminders';
import { ReviewQueue } from './review-queue';
import { STATUS_LABELS, StatusBadge } from './status';

// An editor of one unit starts with its own tasks; "Tất cả" shows every unit's.
const ALL_UNITS = 'tat-ca';

function PlanView({ plan, location }: { plan: Plan; location: Location }) {
  const { me } = useSession();
  const id = useId();
  const status = location.params.get('tinh-trang') ?? '';
  const unit =
    location.params.get('don-vi') ??
    (me.role === 'editor' && me.units.length === 1 ? me.units[0] : ALL_UNITS);
  const text = (location.params.get('tim') ?? '').trim().toLowerCase();
  const counts = new Map<TaskStatus, number>();
  for (const t of plan.tasks) counts.set(t.status, (counts.get(t.status) ?? 0) + 1);
  const tasks = plan.tasks.filter(
    (t) =>
      (!status || t.status === status) &&
      (unit === ALL_UNITS || t.leadUnitCodes.includes(unit)) &&
      (!text || `${t.code} ${t.content}`.toLowerCase().includes(text)),
  );
  return (
    <>
      <p className="muted">
        {plan.decision.number} ngày {formatDate(plan.decision.date)} của {plan.decision.issuer};{' '}
        {plan.tasks.length} nhiệm vụ; kinh phí {formatNumber(plan.budgetTotalMillionVnd)} triệu đồng. Tình
        trạng tính đến ngày {formatDate(plan.statusAsOf)}, kỳ báo cáo {periodLabel(plan.statusPeriod)}.
      </p>
      <ul className="status-summary" aria-label="Số nhiệm vụ theo tình trạng">
        {[...counts.entries()].map(([s, n]) => (
          <li key={s}>
            <StatusBadge status={s} /> {formatNumber(n)}
          </li>
        ))}
      </ul>
      <div className="panels">
        <Panel id="tasks" title="Nhiệm vụ" wide>
          <div className="controls" role="search">
            <label htmlFor={`${id}-status`}>
              Tình trạng
              <select
                id={`${id}-status`}
                value={status}
                onChange={(e) => setParam('tinh-trang', e.target.value)}
              >
                <option value="">Tất cả</option>
                {[...counts.keys()].map((s) => (
                  <option key={s} value={s}>
                    {STATUS_LABELS[s]}
                  </option>
                ))}
              </select>
            </label>
            <label htmlFor={`${id}-unit`}>
              Đơn vị chủ trì
              <select id={`${id}-unit`} value={unit} onChange={(e) => setParam('don-vi', e.target.value)}>
                <option value={ALL_UNITS}>Tất cả</option>
                {plan.units.map((u) => (
                  <option key={u.code} value={u.code}>
                    {u.name}
                  </option>
                ))}
              </select>
            </label>
            <label htmlFor={`${id}-text`}>
              Tìm nhiệm vụ
              <input
                id={`${id}-text`}
                type="search"
                defaultValue={location.params.get('tim') ?? ''}
                onChange={(e) => setParam('tim', e.target.value)}
              />
            </label>
          </div>
          <p className="muted" role="status">
            {formatNumber(tasks.length)} nhiệm vụ
          </p>
          <PlanTree plan={plan} tasks={tasks} />
        </Panel>
        {canReview(me.role) && (
          <Panel id="review-queue" title="Báo cáo chờ duyệt">
            <ReviewQueue plan={plan} />
          </Panel>
        )}
        <Panel id="reminders" title="Nhắc việc">
          <Reminders planId={plan.id} />
        </Panel>
      </div>
    </>
  );
}

/** Kế hoạch: the plan tree with statuses, progress entry, review queue and reminders (§9). */
export function PlanPage({ location }: { location: Location }) {
  const plans = useApiQuery<Plan[]>('/api/v1/plans');
  const year = location.params.get('nam');
  return (
    <QueryView query={plans}>
      {(list) => {
        if (list.length === 0) return <p className="nodata">Chưa có kế hoạch nào được nạp.</p>;
        const sorted = [...list].sort((a, b) => b.year - a.year);
        const plan = sorted.find((p) => String(p.year) === year) ?? sorted[0];
        return (
          <>
            <div className="page-head">
              <h1>{plan.title}</h1>
              {sorted.length > 1 && (
                <label>
                  Năm
                  <select value={plan.year} onChange={(e) => setParam('nam', e.target.value)}>
                    {sorted.map((p) => (
                      <option key={p.id} value={p.year}>
                        {p.year}
                      </option>
                    ))}
                  </select>
                </label>
              )}
            </div>
            <PlanView plan={plan} location={location} />
          </>
        );
      }}
    </QueryView>
  );
}
