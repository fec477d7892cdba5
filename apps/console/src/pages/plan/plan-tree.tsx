import { useState } from 'react';
import type { Plan, Task } from '../../api/types';
import { REVIEW_LABELS, StatusBadge } from './status';
import { TaskDetail } from './task-detail';

function TaskRow({ plan, task }: { plan: Plan; task: Task }) {
  const [open, setOpen] = useState(false);
  const detailId = `task-${task.code.replace(/\W/g, '-')}`;
  return (
    <li className="task" data-testid={`task-${task.code}`}>
      <button
        type="button"
        className="task-toggle"
        aria-expanded={open}
        aria-controls={detailId}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="task-code">{task.code}</span>
        <span className="task-content">{task.content}</span>
        <span className="task-meta">
          <StatusBadge status={task.status} />
          {task.latestProgress && <span className="muted"> {task.latestProgress.percent}%</span>}
          {task.awaitingReview && <span className="badge review-submitted">{REVIEW_LABELS.submitted}</span>}
          <span className="muted task-units">{task.leadUnits.join(', ')}</span>
          <span className="muted">{task.timeframe.text}</span>
        </span>
      </button>
      {open && (
        <div id={detailId}>
          <TaskDetail planId={plan.id} planYear={plan.year} task={task} />
        </div>
      )}
    </li>
  );
}

/** Sections → groups → tasks, as the plan's own table is laid out. */
export function PlanTree({ plan, tasks }: { plan: Plan; tasks: Task[] }) {
  return (
    <div className="plan-tree">
      {plan.sections.map((section) => {
        const inSection = tasks.filter((t) => t.section === section.code);
        if (inSection.length === 0) return null;
        const ungrouped = inSection.filter((t) => !t.group);
        return (
          <details key={section.code} open className="section">
            <summary>
              <span>
                {section.code}. {section.title}
              </span>
              <span className="muted"> ({inSection.length} nhiệm vụ)</span>
            </summary>
            {ungrouped.length > 0 && (
              <ul className="task-list">
                {ungrouped.map((t) => (
                  <TaskRow key={t.code} plan={plan} task={t} />
                ))}
              </ul>
            )}
            {section.groups.map((g) => {
              const inGroup = inSection.filter((t) => t.group?.code === g.code);
              if (inGroup.length === 0) return null;
              return (
                <div key={g.code} className="group">
                  <h3>
                    {g.code}. {g.title}
                  </h3>
                  <ul className="task-list">
                    {inGroup.map((t) => (
                      <TaskRow key={t.code} plan={plan} task={t} />
                    ))}
                  </ul>
                </div>
              );
            })}
          </details>
        );
      })}
    </div>
  );
}
