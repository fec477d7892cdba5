import { Injectable } from '@nestjs/common';
import {
  Metrics,
  PLAN_REMINDER_STATUSES,
  TASK_PERIOD_STATUSES,
  type PlanReminders,
  type PlanSummary,
  type PlanView,
} from '@cchc/contracts';
import { gauge } from '@cchc/observability';

/** The plan gauges of the metric catalog, set from a plan and its summary. */
@Injectable()
export class PlansMetrics {
  private readonly tasks = gauge(Metrics.planTasks);
  private readonly leadUnitTasks = gauge(Metrics.planLeadUnitTasks);
  private readonly due = gauge(Metrics.planTasksDue);
  private readonly overdue = gauge(Metrics.planTasksOverdue);
  private readonly budget = gauge(Metrics.planBudgetPlanned);
  private readonly pendingReview = gauge(Metrics.planPendingReview);
  private readonly reminders = gauge(Metrics.planReminders);

  update(
    plan: PlanView,
    summary: PlanSummary,
    dueBySection: Map<string, number>,
    reminders: PlanReminders,
  ): void {
    // reset() first: a section or unit that no longer has tasks must not keep an old value.
    const all = [this.tasks, this.leadUnitTasks, this.due, this.overdue, this.budget, this.pendingReview];
    for (const g of [...all, this.reminders]) g.reset();
    for (const section of summary.bySection) {
      for (const status of TASK_PERIOD_STATUSES) {
        this.tasks.set({ status, section: section.section }, section.byStatus[status]);
      }
      this.due.set({ section: section.section }, dueBySection.get(section.section) ?? 0);
      this.overdue.set({ section: section.section }, section.byStatus.overdue);
    }
    for (const unit of summary.byLeadUnit) {
      for (const status of TASK_PERIOD_STATUSES)
        this.leadUnitTasks.set({ unit: unit.unit, status }, unit.byStatus[status]);
      this.pendingReview.set({ unit: unit.unit }, unit.pendingReview);
      // Every lead unit has both series (0 when it owes nothing), so the alerts can resolve.
      const owed = reminders.byLeadUnit.find((u) => u.unit === unit.unit)?.tasks ?? [];
      for (const status of PLAN_REMINDER_STATUSES)
        this.reminders.set({ unit: unit.unit, status }, owed.filter((t) => t.status === status).length);
    }
    for (const section of plan.sections) {
      const planned =
        summary.budget.bySection.find((b) => b.section === section.code)?.plannedMillionVnd ?? 0;
      this.budget.set({ section: section.code }, planned * 1_000_000);
    }
  }
}
