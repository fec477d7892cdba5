import type { PlanSummary, PlanView, TaskStatus } from '@cchc/contracts';
import { effectiveStatus } from './task-status';

function emptyByStatus(): Record<TaskStatus, number> {
  return { not_started: 0, in_progress: 0, completed: 0, overdue: 0 };
}

/** Counts by status (effective on `asOf`), section and lead unit; overdue tasks; budget. */
export function summarise(plan: PlanView, asOf: string): PlanSummary {
  const byStatus = emptyByStatus();
  const sections = new Map(
    plan.sections.map((s) => [
      s.code,
      { section: s.code, title: s.title, total: 0, byStatus: emptyByStatus() },
    ]),
  );
  const units = new Map<
    string,
    { unit: string; name: string; total: number; byStatus: Record<TaskStatus, number> }
  >();
  // Counted per unit, so named by the unit's name rather than by the wording of its first row.
  const unitName = new Map(plan.units.map((u) => [u.code, u.name]));
  const overdueTasks: PlanSummary['overdueTasks'] = [];
  const budgetBySection = new Map<string, number>(plan.sections.map((s) => [s.code, 0]));
  for (const task of plan.tasks) {
    const status = effectiveStatus(task.timeframe, task.latestProgress, asOf);
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
      };
      entry.total += 1;
      entry.byStatus[status] += 1;
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
    asOf,
    tasks: { total: plan.tasks.length, byStatus },
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
