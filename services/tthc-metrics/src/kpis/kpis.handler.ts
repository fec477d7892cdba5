import { Controller, UseFilters } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Patterns, type KpiByUnitResult, type KpiQuery, type KpiResult } from '@cchc/contracts';
import { KpisService } from './kpis.service';
import { DomainErrorFilter } from '@cchc/platform';

/** KPI queries over messaging, used by reporting. */
@Controller()
@UseFilters(DomainErrorFilter)
export class KpisHandler {
  constructor(private readonly kpis: KpisService) {}

  @MessagePattern(Patterns.tthc.kpis)
  get(@Payload() query: KpiQuery): Promise<KpiResult> {
    return this.kpis.kpis(query);
  }

  @MessagePattern(Patterns.tthc.kpisByUnit)
  byUnit(@Payload() query: KpiQuery): Promise<KpiByUnitResult> {
    return this.kpis.kpisByUnit(query);
  }
}
