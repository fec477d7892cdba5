import { Controller, UseFilters } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Patterns, type PlanSummary, type PlanView } from '@cchc/contracts';
import { DomainErrorFilter } from '@cchc/platform';
import { PlanQueriesService } from './plan-queries.service';
import { PlanSummariesService } from './plan-summaries.service';

/** Plan queries over messaging (NATS request-reply or in-process), used by reporting. */
@Controller()
@UseFilters(DomainErrorFilter)
export class PlansHandler {
  constructor(
    private readonly queries: PlanQueriesService,
    private readonly summaries: PlanSummariesService,
  ) {}

  @MessagePattern(Patterns.plans.list)
  list(@Payload() query: { year?: number; asOf?: string } | null): Promise<PlanView[]> {
    return this.queries.listPlans(query?.year, query?.asOf);
  }

  @MessagePattern(Patterns.plans.get)
  get(@Payload() query: { planId: string; asOf?: string }): Promise<PlanView> {
    return this.queries.getPlan(query.planId, query.asOf);
  }

  @MessagePattern(Patterns.plans.summary)
  summary(@Payload() query: { planId: string; asOf?: string }): Promise<PlanSummary> {
    return this.summaries.summary(query.planId, query.asOf);
  }
}
