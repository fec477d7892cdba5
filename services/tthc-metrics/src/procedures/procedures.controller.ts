import { Body, Controller, Get, Put, UseFilters } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { AuditService } from '@cchc/audit';
import { AllowRoles, CurrentPrincipal, READ_ROLES, type Principal } from '@cchc/auth';
import { Patterns } from '@cchc/contracts';
import { apiSchema, ZodValidationPipe } from '@cchc/validation';
import { DomainErrorFilter } from '@cchc/platform';
import {
  catalogSchema,
  ProceduresService,
  type ProcedureInput,
  type ProcedureView,
} from './procedures.service';

@ApiTags('tthc')
@ApiBearerAuth()
@UseFilters(DomainErrorFilter)
@Controller('api/v1/tthc')
export class ProceduresController {
  constructor(
    private readonly procedures: ProceduresService,
    private readonly audit: AuditService,
  ) {}

  @Get('procedures')
  @AllowRoles(...READ_ROLES)
  list(): Promise<ProcedureView[]> {
    return this.procedures.list();
  }

  /** Replaces the catalog (admin). */
  @Put('procedures')
  @ApiBody({ schema: apiSchema(catalogSchema) })
  async replace(
    @Body(new ZodValidationPipe(catalogSchema, 'procedure catalog')) body: ProcedureInput[],
    @CurrentPrincipal() principal: Principal,
  ): Promise<{ procedures: number }> {
    const before = await this.procedures.list();
    const procedures = await this.procedures.replace(body);
    // Audit trail (architecture.md §6, revision 2).
    await this.audit.record({
      actor: principal,
      action: 'tthc.catalog.replaced',
      entity: 'tthc.catalog',
      entityId: 'procedures',
      before,
      after: await this.procedures.list(),
    });
    return { procedures };
  }

  @Get('units')
  @AllowRoles(...READ_ROLES)
  units(): Promise<Array<{ code: string; name: string }>> {
    return this.procedures.units();
  }
}

/** Catalog and unit names over messaging (reporting names units in its tables). */
@Controller()
@UseFilters(DomainErrorFilter)
export class ProceduresHandler {
  constructor(private readonly procedures: ProceduresService) {}

  @MessagePattern(Patterns.tthc.procedures)
  async catalog(): Promise<{ procedures: ProcedureView[]; units: Array<{ code: string; name: string }> }> {
    return { procedures: await this.procedures.list(), units: await this.procedures.units() };
  }
}
