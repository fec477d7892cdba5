import { Controller, Get, Query, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { AllowRoles, READ_ROLES } from '@cchc/auth';
import type { KpiByUnitResult, KpiResult } from '@cchc/contracts';
import { ZodValidationPipe } from '@cchc/validation';
import { KpisService } from './kpis.service';
import { DomainErrorFilter } from '@cchc/platform';

const kpiQuery = z.strictObject({
  period: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  window: z.enum(['calendar', 'decree09']).optional(),
  unit: z
    .string()
    .regex(/^[a-z0-9-]{1,32}$/, 'unit codes are [a-z0-9-]{1,32}')
    .optional(),
  procedure: z.string().min(1).max(200).optional(),
});

@ApiTags('tthc')
@ApiBearerAuth()
@UseFilters(DomainErrorFilter)
@Controller('api/v1/tthc')
export class KpisController {
  constructor(private readonly kpis: KpisService) {}

  /** architecture.md §5, field for field. */
  @Get('kpis')
  @AllowRoles(...READ_ROLES)
  get(@Query(new ZodValidationPipe(kpiQuery, 'query')) q: z.infer<typeof kpiQuery>): Promise<KpiResult> {
    return this.kpis.kpis(q);
  }

  /** The department total and the same KPIs per unit (dashboards, Biểu II.06a). */
  @Get('kpis/by-unit')
  @AllowRoles(...READ_ROLES)
  byUnit(
    @Query(new ZodValidationPipe(kpiQuery, 'query')) q: z.infer<typeof kpiQuery>,
  ): Promise<KpiByUnitResult> {
    return this.kpis.kpisByUnit(q);
  }
}
