import { parsePeriod } from '@cchc/calendar';
import type { KpiWindow, ObjectiveView, PlanView, TaskView } from '@cchc/contracts';

import {
  REPORT_TASK_STATUSES,
  type ReportObjective,
  type ReportSection,
  type ReportTask,
  type ReportTaskStatus,
  type StatusCounts,
} from '../report.model';

export interface TaskWindow {
  from: string;
  to: string;
  window: KpiWindow;
}

/**
 * A task's status in the report (architecture.md §6 revision 2), first rule that applies:
 * completed (its report says so); not_applicable when the plan data says so; overdue (its
 * timeframe ended before the cut-off); not_applicable for an event-triggered task nobody ever
 * reported on (the event did not occur; never "not yet due" at year end); not_reported when no
 * report covers this period (a task with no progress is never "chưa triển khai": nobody said so);
 * else the reported not_started / in_progress.
 */
export function reportTaskStatus(
  task: Pick<TaskView, 'latestProgress' | 'timeframe'>,
  period: TaskWindow,
): ReportTaskStatus {
  const progress = task.latestProgress;
  // plan-management may carry the revision-2 words itself; TaskStatus grows with them.
  const reported = (progress?.status ?? null) as ReportTaskStatus | null;
  if (reported === 'completed' || reported === 'not_applicable') return reported;
  // ISO dates compare as strings; a deadline equal to the cut-off has not passed on that day.
  if (task.timeframe.end !== null && task.timeframe.end < period.to) return 'overdue';
  if (progress === null) return task.timeframe.kind === 'event' ? 'not_applicable' : 'not_reported';
  if (reportedBeforePeriod(progress.period, period)) return 'not_reported';
  return reported ?? 'not_reported';
}

// A progress report filed for an earlier period does not report on this one.
function reportedBeforePeriod(progressPeriod: string, period: TaskWindow): boolean {
  try {
    return parsePeriod(progressPeriod, period.window).to < period.from;
  } catch {
    return false;
  }
}

export function buildSections(plan: PlanView, period: TaskWindow): ReportSection[] {
  const known = new Set(plan.sections.map((s) => s.code));
  const sections = plan.sections.map((s) => ({ code: s.code, title: s.title }));
  // A task pointing at a section the plan does not list still belongs in the report.
  for (const task of plan.tasks) {
    if (!known.has(task.section)) {
      known.add(task.section);
      sections.push({ code: task.section, title: task.section });
    }
  }
  return sections.map(({ code, title }) => {
    const tasks = plan.tasks.filter((t) => t.section === code).map((t) => toReportTask(t, period));
    return { code, title, total: tasks.length, byStatus: countByStatus(tasks), tasks };
  });
}

function toReportTask(task: TaskView, period: TaskWindow): ReportTask {
  const latest = task.latestProgress;
  return {
    code: task.code,
    group: task.group,
    content: task.content,
    products: task.products,
    leadUnits: task.leadUnits,
    coordinatingUnits: task.coordinatingUnits,
    timeframe: task.timeframe.text,
    timeframeKind: task.timeframe.kind,
    start: task.timeframe.start,
    deadline: task.timeframe.end,
    status: reportTaskStatus(task, period),
    reportedStatus: latest?.status ?? null,
    progress: latest
      ? { period: latest.period, percent: latest.percent, note: latest.note, recordedAt: latest.recordedAt }
      : null,
    // A report cites only documents of its own window: nothing issued after the cut-off.
    evidence: (latest?.evidence ?? []).filter((e) => e.date >= period.from && e.date <= period.to),
    budgetMillionVnd: task.budgetMillionVnd,
  };
}

export function countByStatus(tasks: ReadonlyArray<{ status: ReportTaskStatus }>): StatusCounts {
  const counts = Object.fromEntries(REPORT_TASK_STATUSES.map((s) => [s, 0])) as StatusCounts;
  for (const t of tasks) counts[t.status] += 1;
  return counts;
}

export function toReportObjective(o: ObjectiveView): ReportObjective {
  const comparable = o.target !== null && o.actual !== null && o.target.unit === o.actual.unit;
  return {
    code: o.code,
    text: o.text,
    target: o.target,
    actual: o.actual,
    // Every numeric objective of the plan is a floor ("100% …", "80% trở lên").
    met: comparable ? o.actual!.value >= o.target!.value : null,
  };
}
