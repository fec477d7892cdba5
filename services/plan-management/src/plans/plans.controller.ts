import { Body, Controller, Get, HttpCode, Param, Post, Query, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { AllowRoles, CurrentPrincipal, READ_ROLES, type Principal } from '@cchc/auth';
import type { ObjectiveView, PlanReminders, PlanSummary, PlanView, ProgressView } from '@cchc/contracts';
import { apiSchema, ZodValidationPipe } from '@cchc/validation';
import {
  listPlansQuerySchema,
  approveSchema,
  objectiveActualSchema,
  planQuerySchema,
  progressSchema,
  remindersQuerySchema,
  returnSchema,
  summaryQuerySchema,
  type ApproveRequest,
  type ObjectiveActualRequest,
  type ProgressRequest,
  type ReturnRequest,
} from './dto/plan-requests.dto';
import { planDocumentSchema } from './plan-document';
import { PlanErrorFilter } from './plans-error.filter';
import { PlanImportService } from './plan-import.service';
import { PlanObjectivesService } from './plan-objectives.service';
import { PlanProgressService } from './plan-progress.service';
import { PlanQueriesService } from './plan-queries.service';
import { PlanRemindersService } from './plan-reminders.service';
import { PlanSummariesService } from './plan-summaries.service';

@ApiTags('plans')
@ApiBearerAuth()
@UseFilters(PlanErrorFilter)
@Controller('api/v1/plans')
export class PlansController {
  constructor(
    private readonly queries: PlanQueriesService,
    private readonly importer: PlanImportService,
    private readonly progress: PlanProgressService,
    private readonly summaries: PlanSummariesService,
    private readonly objectives: PlanObjectivesService,
    private readonly reminders: PlanRemindersService,
  ) {}

  @Get()
  @AllowRoles(...READ_ROLES)
  list(
    @Query(new ZodValidationPipe(listPlansQuerySchema, 'query')) query: { year?: number; asOf?: string },
  ): Promise<PlanView[]> {
    return this.queries.listPlans(query.year, query.asOf);
  }

  /** YAML (application/yaml, text/yaml) or JSON; validated; all-or-nothing. Admin only. */
  @Post('import')
  @ApiConsumes('application/yaml', 'application/json')
  @ApiBody({ schema: apiSchema(planDocumentSchema), description: 'The plan document, as YAML or JSON' })
  import(@Body() body: unknown, @CurrentPrincipal() principal: Principal): Promise<PlanView> {
    return this.importer.importRaw(body, principal);
  }

  @Get(':planId')
  @AllowRoles(...READ_ROLES)
  get(
    @Param('planId') planId: string,
    @Query(new ZodValidationPipe(planQuerySchema, 'query')) query: { asOf?: string },
  ): Promise<PlanView> {
    return this.queries.getPlan(planId, query.asOf);
  }

  @Get(':planId/summary')
  @AllowRoles(...READ_ROLES)
  summary(
    @Param('planId') planId: string,
    @Query(new ZodValidationPipe(summaryQuerySchema, 'query')) query: { asOf?: string },
  ): Promise<PlanSummary> {
    return this.summaries.summary(planId, query.asOf);
  }

  /** Tasks whose report is missing near the period's cut-off, or overdue, by lead unit. */
  @Get(':planId/reminders')
  @AllowRoles(...READ_ROLES)
  remindersOf(
    @Param('planId') planId: string,
    @Query(new ZodValidationPipe(remindersQuerySchema, 'query')) query: { asOf?: string },
  ): Promise<PlanReminders> {
    return this.reminders.reminders(planId, query.asOf);
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
    return this.progress.recordProgress(planId, taskCode, body, principal);
  }

  @Post(':planId/tasks/:taskCode/progress/:progressId/approve')
  @ApiBody({ schema: apiSchema(approveSchema) })
  @AllowRoles('reviewer')
  @HttpCode(200)
  approve(
    @Param('planId') planId: string,
    @Param('taskCode') taskCode: string,
    @Param('progressId') progressId: string,
    @Body(new ZodValidationPipe(approveSchema, 'review')) body: ApproveRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ProgressView> {
    const decision = { state: 'approved' as const, comment: body.comment ?? null };
    return this.progress.review(planId, taskCode, progressId, decision, principal);
  }

  @Post(':planId/tasks/:taskCode/progress/:progressId/return')
  @ApiBody({ schema: apiSchema(returnSchema) })
  @AllowRoles('reviewer')
  @HttpCode(200)
  returnForRework(
    @Param('planId') planId: string,
    @Param('taskCode') taskCode: string,
    @Param('progressId') progressId: string,
    @Body(new ZodValidationPipe(returnSchema, 'review')) body: ReturnRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ProgressView> {
    const decision = { state: 'returned' as const, comment: body.comment };
    return this.progress.review(planId, taskCode, progressId, decision, principal);
  }

  @Get(':planId/tasks/:taskCode/progress')
  @AllowRoles(...READ_ROLES)
  history(@Param('planId') planId: string, @Param('taskCode') taskCode: string): Promise<ProgressView[]> {
    return this.progress.progressHistory(planId, taskCode);
  }

  @Post(':planId/objectives/:code/actual')
  @ApiBody({ schema: apiSchema(objectiveActualSchema) })
  @HttpCode(200)
  setActual(
    @Param('planId') planId: string,
    @Param('code') code: string,
    @Body(new ZodValidationPipe(objectiveActualSchema, 'objective actual')) body: ObjectiveActualRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ObjectiveView> {
    return this.objectives.setObjectiveActual(planId, code, body, principal);
  }
}
