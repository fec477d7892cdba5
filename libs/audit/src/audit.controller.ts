import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { AuditPage } from '@cchc/contracts';
import { ZodValidationPipe } from '@cchc/validation';
import { AuditService } from './audit.service';

const auditQuerySchema = z.object({
  entity: z
    .string()
    .regex(/^[a-z][a-z0-9_.-]{0,63}$/, 'must be an entity name such as plan.progress or auth.token')
    .optional(),
  after: z
    .union([z.string().regex(/^\d{1,18}$/), z.iso.datetime({ offset: true }), z.iso.date()], {
      error: 'must be an entry id or an ISO 8601 date or date-time',
    })
    .optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

/** The audit trail (admin only: no AllowRoles). */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  list(
    @Query(new ZodValidationPipe(auditQuerySchema, 'query')) query: z.infer<typeof auditQuerySchema>,
  ): Promise<AuditPage> {
    return this.audit.list(query);
  }
}
