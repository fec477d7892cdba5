import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { PlanClock } from './plan-clock';
import { PlanQueriesService } from './plan-queries.service';
import { summarise } from './plan-summary';
import { PlansMetrics } from './plans.metrics';
import { isDueBy } from './task-status';

/** Sets the plan gauges from the current year's plan (or the latest one). */
@Injectable()
export class PlanGaugesService implements OnApplicationBootstrap {
  constructor(
    private readonly queries: PlanQueriesService,
    private readonly clock: PlanClock,
    private readonly metrics: PlansMetrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.refresh();
  }

  async refresh(): Promise<void> {
    const plan = await this.queries.findCurrentPlan();
    if (!plan) return;
    const view = await this.queries.assemble(plan);
    const asOf = this.clock.today();
    const dueBySection = new Map<string, number>();
    for (const t of view.tasks)
      if (isDueBy(t.timeframe, asOf)) dueBySection.set(t.section, (dueBySection.get(t.section) ?? 0) + 1);
    this.metrics.update(view, summarise(view), dueBySection);
  }
}
