import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@cchc/config';
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
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly queries: PlanQueriesService,
    private readonly reminders: PlanRemindersService,
    private readonly clock: PlanClock,
    private readonly metrics: PlansMetrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => {
      // One refresh at a time: a slow database must not pile them up.
      this.running ??= this.refresh()
        .catch((e: unknown) => this.logger.warn(`Could not refresh the plan gauges: ${String(e)}`))
        .finally(() => (this.running = undefined));
    }, this.config.planGaugeRefreshSeconds * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
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
