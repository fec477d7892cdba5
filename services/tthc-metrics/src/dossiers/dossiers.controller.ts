import { Controller, Get, Param, Query, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { AllowRoles, READ_ROLES } from '@cchc/auth';
import { ZodValidationPipe } from '@cchc/validation';
import { DomainErrorFilter } from '@cchc/platform';
import { DOSSIER_ANOMALIES } from './dossier-projection';
import { DossiersService } from './dossiers.service';

const unitQuery = z.object({
  unit: z
    .string()
    .regex(/^[a-z0-9-]{1,32}$/, 'unit codes are [a-z0-9-]{1,32}')
    .optional(),
});
const anomalyQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  after: z.string().min(1).optional(),
  anomaly: z.enum(DOSSIER_ANOMALIES).optional(),
});

@ApiTags('tthc')
@ApiBearerAuth()
@UseFilters(DomainErrorFilter)
@Controller('api/v1/tthc/dossiers')
export class DossiersController {
  constructor(private readonly dossiers: DossiersService) {}

  @Get('at-risk')
  @AllowRoles(...READ_ROLES)
  atRisk(@Query(new ZodValidationPipe(unitQuery, 'query')) q: z.infer<typeof unitQuery>) {
    return this.dossiers.atRisk(q.unit);
  }

  @Get('anomalies')
  @AllowRoles(...READ_ROLES)
  anomalies(@Query(new ZodValidationPipe(anomalyQuery, 'query')) q: z.infer<typeof anomalyQuery>) {
    return this.dossiers.anomalies(q.limit, q.after, q.anomaly);
  }

  @Get(':code')
  @AllowRoles(...READ_ROLES)
  get(@Param('code') code: string) {
    return this.dossiers.get(code);
  }
}
