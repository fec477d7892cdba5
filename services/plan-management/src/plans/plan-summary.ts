import {
  TASK_PERIOD_STATUSES,
  type PlanSummary,
  type PlanView,
  type TaskPeriodStatus,
} from '@cchc/contracts';

function emptyByStatus(): Record<TaskPeriodStatus, number> {
  return Object.fromEntries(TASK_PERIOD_STATUSES.map((s) => [s, 0])) as Record<TaskPeriodStatus, number>;
}

/**
 * Counts by status (the plan view's, for its `statusAsOf`), section and lead unit; reports waiting
 * for review; overdue tasks; budget.
 */
export function summarise(plan: PlanView): PlanSummary {
  const byStatus = emptyByStatus();
  const sections = new Map(
    plan.sections.map((s) => [
      s.code,
      { section: s.code, title: s.title, total: 0, byStatus: emptyByStatus() },
    ]),
  );
  const units = new Map<string, PlanSummary['byLeadUnit'][number]>();
  // Counted per unit, so named by the unit's name rather than by the wording of its first row.
  const unitName = new Map(plan.units.map((u) => [u.code, u.name]));
  const overdueTasks: PlanSummary['overdueTasks'] = [];
  const budgetBySection = new Map<string, number>(plan.sections.map((s) => [s.code, 0]));
  let pendingReview = 0;
  for (const task of plan.tasks) {
    const status = task.status;
    const waiting = task.awaitingReview ? 1 : 0;
    pendingReview += waiting;
    byStatus[status] += 1;
    const section = sections.get(task.section);
    if (section) {
      section.total += 1;
      section.byStatus[status] += 1;
    }
    task.leadUnitCodes.forEach((code, i) => {
      const entry = units.get(code) ?? {
        unit: code,
        name: unitName.get(code) ?? task.leadUnits[i] ?? code,
        total: 0,
        byStatus: emptyByStatus(),
        pendingReview: 0,
      };
      entry.total += 1;
      entry.byStatus[status] += 1;
      entry.pendingReview += waiting;
      units.set(code, entry);
    });
    if (status === 'overdue') {
      overdueTasks.push({
        code: task.code,
        content: task.content,
        timeframe: task.timeframe,
        leadUnits: task.leadUnits,
      });
    }
    budgetBySection.set(
      task.section,
      (budgetBySection.get(task.section) ?? 0) + (task.budgetMillionVnd ?? 0),
    );
  }
  return {
    planId: plan.id,
    asOf: plan.statusAsOf,
    period: plan.statusPeriod,
    tasks: { total: plan.tasks.length, byStatus },
    pendingReview,
    bySection: [...sections.values()],
    byLeadUnit: [...units.values()].sort((a, b) => a.unit.localeCompare(b.unit)),
    overdueTasks,
    budget: {
      plannedMillionVnd: [...budgetBySection.values()].reduce((a, b) => a + b, 0),
      bySection: [...budgetBySection.entries()].map(([section, plannedMillionVnd]) => ({
        section,
        plannedMillionVnd,
      })),
    },
  };
}
