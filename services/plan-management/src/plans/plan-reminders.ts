import type { WorkingCalendar } from '@cchc/calendar';
import { reportOwed, type PlanReminders, type PlanView, type ReminderTask } from '@cchc/contracts';

export interface ReminderSettings {
  window: 'calendar' | 'decree09';
  reminderDays: number;
  calendar: WorkingCalendar;
  /** Last day of the reporting period in force on the plan view's `statusAsOf`. */
  cutoff: string;
}

/**
 * The reminders of a plan view (statuses for its `statusAsOf`): overdue tasks always; tasks whose
 * report for the period is missing (not reported, nothing waiting for review) once the day is
 * within `reminderDays` working days of the period's cut-off. By lead unit, each unit's tasks.
 */
export function planReminders(plan: PlanView, settings: ReminderSettings): PlanReminders {
  const asOf = plan.statusAsOf;
  const remindFrom = settings.calendar.addWorkingDays(settings.cutoff, -settings.reminderDays);
  const remindingMissing = remindFrom <= asOf && asOf <= settings.cutoff;
  const unitName = new Map(plan.units.map((u) => [u.code, u.name]));
  const byUnit = new Map<string, ReminderTask[]>();
  let total = 0;
  for (const task of plan.tasks) {
    let status: ReminderTask['status'] | null = null;
    if (task.status === 'overdue') status = 'overdue';
    else if (
      task.status === 'not_reported' &&
      remindingMissing &&
      task.awaitingReview === null &&
      // A task whose timeframe begins after the period owes no report for it.
      reportOwed(task.timeframe, { from: asOf, to: settings.cutoff })
    )
      status = 'not_reported';
    if (status === null) continue;
    total += 1;
    const item: ReminderTask = { code: task.code, content: task.content, timeframe: task.timeframe, status };
    for (const unit of task.leadUnitCodes) byUnit.set(unit, [...(byUnit.get(unit) ?? []), item]);
  }
  return {
    planId: plan.id,
    asOf,
    period: plan.statusPeriod,
    window: settings.window,
    cutoff: settings.cutoff,
    remindFrom,
    reminderDays: settings.reminderDays,
    remindingMissing,
    total,
    byLeadUnit: [...byUnit.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([unit, tasks]) => ({ unit, name: unitName.get(unit) ?? unit, tasks })),
  };
}
