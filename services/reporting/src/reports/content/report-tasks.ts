import { parsePeriod } from '@cchc/calendar';
import {
  taskPeriodStatus,
  type ApprovedReport,
  type KpiWindow,
  type ObjectiveView,
  type PlanView,
  type ProgressView,
  type TaskView,
} from '@cchc/contracts';

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
 * A task's status in the report: the §6 rule of plan-management itself (`taskPeriodStatus` in
 * `@cchc/contracts`, one implementation for plans, summaries, gauges and reports), applied to the
 * report's own period in its window, as of the period's end, with the task's latest **approved**
 * progress (what plan-management's `latestProgress` carries; anything else is ignored here too).
 */
export function reportTaskStatus(
  task: Pick<TaskView, 'latestProgress' | 'timeframe'>,
  period: TaskWindow,
): ReportTaskStatus {
  const progress = approvedProgress(task);
  const approved: ApprovedReport[] = [];
  if (progress !== null) {
    const range = progressRange(progress.period);
    if (range !== null) approved.push({ period: range, status: progress.status });
  }
  return taskPeriodStatus({
    timeframe: task.timeframe,
    approved,
    period: { from: period.from, to: period.to },
    asOf: period.to,
  });
}

/** The latest approved progress of a task; a report nobody approved never reaches a report. */
export function approvedProgress(task: Pick<TaskView, 'latestProgress'>): ProgressView | null {
  const latest = task.latestProgress;
  return latest !== null && latest.review.state === 'approved' ? latest : null;
}

// Progress periods are calendar periods (as plan-management resolves them); validated on entry.
function progressRange(progressPeriod: string): ApprovedReport['period'] | null {
  try {
    const { from, to } = parsePeriod(progressPeriod);
    return { from, to };
  } catch {
    return null;
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
  const latest = approvedProgress(task);
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
