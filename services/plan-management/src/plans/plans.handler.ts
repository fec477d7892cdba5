import { Controller, UseFilters } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Patterns, type PlanSummary, type PlanView } from '@cchc/contracts';
import { DomainErrorFilter } from '@cchc/platform';
import { PlansService } from './plans.service';

/** Plan queries over messaging (NATS request-reply or in-process), used by reporting. */
@Controller()
@UseFilters(DomainErrorFilter)
export class PlansHandler {
  constructor(private readonly plans: PlansService) {}

  @MessagePattern(Patterns.plans.list)
  list(@Payload() query: { year?: number; asOf?: string } | null): Promise<PlanView[]> {
    return this.plans.listPlans(query?.year, query?.asOf);
  }

  @MessagePattern(Patterns.plans.get)
  get(@Payload() query: { planId: string; asOf?: string }): Promise<PlanView> {
    return this.plans.getPlan(query.planId, query.asOf);
  }

  @MessagePattern(Patterns.plans.summary)
  summary(@Payload() query: { planId: string; asOf?: string }): Promise<PlanSummary> {
    return this.plans.summary(query.planId, query.asOf);
  }
}
