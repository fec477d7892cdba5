import { Controller, UseFilters } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Patterns, type ServiceIndexQuery, type ServiceIndexResult } from '@cchc/contracts';
import { DomainErrorFilter } from '@cchc/platform';
import { ServiceIndexService } from './service-index.service';

/** The service index over messaging, for the reporting service (architecture.md §5b). */
@Controller()
@UseFilters(DomainErrorFilter)
export class ServiceIndexHandler {
  constructor(private readonly serviceIndex: ServiceIndexService) {}

  @MessagePattern(Patterns.tthc.serviceIndex)
  get(@Payload() query: ServiceIndexQuery): Promise<ServiceIndexResult> {
    return this.serviceIndex.serviceIndex(query);
  }
}
