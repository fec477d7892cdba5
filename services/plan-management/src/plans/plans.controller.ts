import { Body, Controller, Get, HttpCode, Param, Post, Query, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { AllowRoles, CurrentPrincipal, READ_ROLES, type Principal } from '@cchc/auth';
import type { ObjectiveView, PlanSummary, PlanView, ProgressView } from '@cchc/contracts';
import { apiSchema, ZodValidationPipe } from '@cchc/validation';
import {
  listPlansQuerySchema,
  objectiveActualSchema,
  planQuerySchema,
  progressSchema,
  summaryQuerySchema,
  type ObjectiveActualRequest,
  type ProgressRequest,
} from './dto/plan-requests.dto';
import { planDocumentSchema } from './plan-document';
import { DomainErrorFilter } from '@cchc/platform';
import { PlansService } from './plans.service';

@ApiTags('plans')
@ApiBearerAuth()
@UseFilters(DomainErrorFilter)
@Controller('api/v1/plans')
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @Get()
  @AllowRoles(...READ_ROLES)
  list(
    @Query(new ZodValidationPipe(listPlansQuerySchema, 'query')) query: { year?: number },
  ): Promise<PlanView[]> {
    return this.plans.listPlans(query.year);
  }

  /** YAML (application/yaml, text/yaml) or JSON; validated; all-or-nothing. Admin only. */
  @Post('import')
  @ApiConsumes('application/yaml', 'application/json')
  @ApiBody({ schema: apiSchema(planDocumentSchema), description: 'The plan document, as YAML or JSON' })
  import(@Body() body: unknown): Promise<PlanView> {
    return this.plans.importRaw(body);
  }

  @Get(':planId')
  @AllowRoles(...READ_ROLES)
  get(
    @Param('planId') planId: string,
    @Query(new ZodValidationPipe(planQuerySchema, 'query')) query: { asOf?: string },
  ): Promise<PlanView> {
    return this.plans.getPlan(planId, query.asOf);
  }

  @Get(':planId/summary')
  @AllowRoles(...READ_ROLES)
  summary(
    @Param('planId') planId: string,
    @Query(new ZodValidationPipe(summaryQuerySchema, 'query')) query: { asOf?: string },
  ): Promise<PlanSummary> {
    return this.plans.summary(planId, query.asOf);
  }

  @Post(':planId/tasks/:taskCode/progress')
  @ApiBody({ schema: apiSchema(progressSchema) })
  @AllowRoles('editor')
  recordProgress(
    @Param('planId') planId: string,
    @Param('taskCode') taskCode: string,
    @Body(new ZodValidationPipe(progressSchema, 'progress report')) body: ProgressRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ProgressView> {
    return this.plans.recordProgress(planId, taskCode, body, principal);
  }

  @Get(':planId/tasks/:taskCode/progress')
  @AllowRoles(...READ_ROLES)
  history(@Param('planId') planId: string, @Param('taskCode') taskCode: string): Promise<ProgressView[]> {
    return this.plans.progressHistory(planId, taskCode);
  }

  @Post(':planId/objectives/:code/actual')
  @ApiBody({ schema: apiSchema(objectiveActualSchema) })
  @HttpCode(200)
  setActual(
    @Param('planId') planId: string,
    @Param('code') code: string,
    @Body(new ZodValidationPipe(objectiveActualSchema, 'objective actual')) body: ObjectiveActualRequest,
  ): Promise<ObjectiveView> {
    return this.plans.setObjectiveActual(planId, code, body);
  }
}
