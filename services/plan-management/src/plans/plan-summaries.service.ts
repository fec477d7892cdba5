import { Injectable } from '@nestjs/common';
import type { PlanSummary } from '@cchc/contracts';
import { PlanClock } from './plan-clock';
import { PlanQueriesService } from './plan-queries.service';
import { summarise } from './plan-summary';

/** Summaries of a plan as of a day. */
@Injectable()
export class PlanSummariesService {
  constructor(
    private readonly queries: PlanQueriesService,
    private readonly clock: PlanClock,
  ) {}

  async summary(planId: string, asOf?: string): Promise<PlanSummary> {
    return summarise(await this.queries.getPlanStatuses(planId, asOf ?? this.clock.today()));
  }
}
