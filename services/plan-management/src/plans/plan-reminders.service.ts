import { Inject, Injectable } from '@nestjs/common';
import { CalendarError, defaultCalendar, parsePeriod } from '@cchc/calendar';
import { APP_CONFIG, type AppConfig } from '@cchc/config';
import type { PlanReminders, PlanView } from '@cchc/contracts';
import { PlanClock } from './plan-clock';
import { PlanQueriesService } from './plan-queries.service';
import { planReminders } from './plan-reminders';
import { PlanError, PlanErrorCode } from './plans.errors';

/** Who still owes what: the Văn phòng's reminders list by lead unit (architecture.md §6). */
@Injectable()
export class PlanRemindersService {
  constructor(
    private readonly queries: PlanQueriesService,
    private readonly clock: PlanClock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async reminders(planId: string, asOf?: string): Promise<PlanReminders> {
    return this.of(await this.queries.getPlanStatuses(planId, asOf ?? this.clock.today()));
  }

  /** The reminders of an assembled plan view, for its `statusAsOf`. */
  of(plan: PlanView): PlanReminders {
    const window = this.config.report.window;
    try {
      return planReminders(plan, {
        window,
        reminderDays: this.config.reminderDays,
        // Working days from the shipped Vietnamese holiday data (libs/calendar).
        calendar: defaultCalendar(),
        cutoff: parsePeriod(plan.statusPeriod, window).to,
      });
    } catch (e) {
      if (e instanceof CalendarError) {
        throw new PlanError(PlanErrorCode.InvalidQuery, `asOf ${plan.statusAsOf}: ${e.message}`, [
          { path: 'asOf', message: 'is outside the years of the working calendar' },
        ]);
      }
      throw e;
    }
  }
}
