import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@cchc/config';
import { PeriodicRefresh } from '@cchc/observability';
import { PlanClock } from './plan-clock';
import { PlanQueriesService } from './plan-queries.service';
import { PlanRemindersService } from './plan-reminders.service';
import { summarise } from './plan-summary';
import { PlansMetrics } from './plans.metrics';
import { isDueBy } from './task-status';

/**
 * Sets the plan gauges from the current year's plan (or the latest one): after every write, and on
 * a clock (PLAN_GAUGE_REFRESH_SECONDS, at most a minute), so that statuses age past due dates and
 * cut-offs without a write and the overdue and missing-report alerts fire on their own.
 */
@Injectable()
export class PlanGaugesService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PlanGaugesService.name);
  private readonly refresher = new PeriodicRefresh('Plan gauges', () => this.refresh(), this.logger);

  constructor(
    private readonly queries: PlanQueriesService,
    private readonly reminders: PlanRemindersService,
    private readonly clock: PlanClock,
    private readonly metrics: PlansMetrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.refresh();
    this.refresher.start(this.config.planGaugeRefreshSeconds, { now: false });
  }

  onApplicationShutdown(): Promise<void> {
    return this.refresher.stop();
  }

  async refresh(): Promise<void> {
    const plan = await this.queries.findCurrentPlan();
    if (!plan) return;
    const asOf = this.clock.today();
    const view = await this.queries.assemble(plan, asOf);
    const dueBySection = new Map<string, number>();
    for (const t of view.tasks)
      if (isDueBy(t.timeframe, asOf)) dueBySection.set(t.section, (dueBySection.get(t.section) ?? 0) + 1);
    this.metrics.update(view, summarise(view), dueBySection, this.reminders.of(view));
  }
}
