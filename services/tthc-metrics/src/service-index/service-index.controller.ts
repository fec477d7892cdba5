import { Controller, Get, Query, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { AllowRoles, READ_ROLES } from '@cchc/auth';
import type { ServiceIndexResult } from '@cchc/contracts';
import { ZodValidationPipe } from '@cchc/validation';
import { DomainErrorFilter } from '@cchc/platform';
import { ServiceIndexService } from './service-index.service';

const serviceIndexQuery = z.strictObject({
  period: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  window: z.enum(['calendar', 'decree09']).optional(),
  unit: z
    .string()
    .regex(/^[a-z0-9-]{1,32}$/, 'unit codes are [a-z0-9-]{1,32}')
    .optional(),
});

@ApiTags('tthc')
@ApiBearerAuth()
@UseFilters(DomainErrorFilter)
@Controller('api/v1/tthc')
export class ServiceIndexController {
  constructor(private readonly serviceIndex: ServiceIndexService) {}

  /** architecture.md §5b: the QĐ 766 service index of the period (viewer or better). */
  @Get('service-index')
  @AllowRoles(...READ_ROLES)
  get(
    @Query(new ZodValidationPipe(serviceIndexQuery, 'query')) q: z.infer<typeof serviceIndexQuery>,
  ): Promise<ServiceIndexResult> {
    return this.serviceIndex.serviceIndex(q);
  }
}
