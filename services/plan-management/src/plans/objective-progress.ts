import type { ObjectiveView, TaskView } from '@cchc/contracts';

/**
 * An objective's live actual from approved progress (architecture.md §6, revision 2): for an
 * objective linked to tasks and measured by no dossier KPI, the share (in %) of its tasks whose
 * status for the period is `completed` by the one status rule (`taskPeriodStatus`, approved
 * progress only). Precedence: a `kpi` wins (its actual comes from tthc-metrics); then linked
 * tasks; an objective with neither keeps its manually recorded actual.
 */
export function withProgressActual(
  objective: ObjectiveView,
  tasks: readonly TaskView[],
  asOf: string,
  period: string,
): ObjectiveView {
  const codes = objective.tasks ?? [];
  if (objective.kpi || codes.length === 0) return objective;
  const statusOf = new Map(tasks.map((t) => [t.code, t.status]));
  // The document check keeps every link on a task of the plan; count only those found all the same.
  const linked = codes.filter((c) => statusOf.has(c));
  if (linked.length === 0) return { ...objective, actual: null };
  const completed = linked.filter((c) => statusOf.get(c) === 'completed').length;
  return {
    ...objective,
    actual: {
      // Two decimals of a percent, as reports print them.
      value: Math.round((completed / linked.length) * 10_000) / 100,
      unit: '%',
      asOf,
      note: `Theo tiến độ đã duyệt kỳ ${period}: ${completed}/${linked.length} nhiệm vụ hoàn thành`,
      source: 'progress',
      completed,
      total: linked.length,
    },
  };
}
