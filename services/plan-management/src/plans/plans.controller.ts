import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
  Res,
  StreamableFile,
  UseFilters,
} from '@nestjs/common';
import type { Request, Response } from 'express';
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
import { DomainErrorFilter } from '@cchc/platform';
import { XLSX_CONTENT_TYPE } from './plan-xlsx.constants';
import { PlanError, PlanErrorCode } from './plans.errors';
import { PlanExportService } from './plan-export.service';
import { PlanImportService } from './plan-import.service';
import { PlanObjectivesService } from './plan-objectives.service';
import { PlanProgressService } from './plan-progress.service';
import { PlanQueriesService } from './plan-queries.service';
import { PlanRemindersService } from './plan-reminders.service';
import { PlanSummariesService } from './plan-summaries.service';

@ApiTags('plans')
@ApiBearerAuth()
@UseFilters(DomainErrorFilter)
@Controller('api/v1/plans')
export class PlansController {
  constructor(
    private readonly queries: PlanQueriesService,
    private readonly importer: PlanImportService,
    private readonly progress: PlanProgressService,
    private readonly summaries: PlanSummariesService,
    private readonly objectives: PlanObjectivesService,
    private readonly reminders: PlanRemindersService,
    private readonly exporter: PlanExportService,
  ) {}

  @Get()
  @AllowRoles(...READ_ROLES)
  list(
    @Query(new ZodValidationPipe(listPlansQuerySchema, 'query')) query: { year?: number; asOf?: string },
  ): Promise<PlanView[]> {
    return this.queries.listPlans(query.year, query.asOf);
  }

  /**
   * YAML (application/yaml, text/yaml), JSON, or an XLSX workbook in the shape of the plan's own
   * table; validated; all-or-nothing, errors name the row. Admin only.
   */
  @Post('import')
  @ApiConsumes('application/yaml', 'application/json', XLSX_CONTENT_TYPE)
  @ApiBody({ schema: apiSchema(planDocumentSchema), description: 'The plan document, as YAML or JSON' })
  async import(
    @Req() req: Request,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PlanView> {
    if (req.is(XLSX_CONTENT_TYPE)) return this.importer.importXlsx(await readWorkbook(req), principal);
    return this.importer.importRaw(body, principal);
  }

  @Get(':planId')
  @AllowRoles(...READ_ROLES)
  async get(
    @Param('planId') planId: string,
    @Query(new ZodValidationPipe(planQuerySchema, 'query')) query: { asOf?: string; format: 'json' | 'xlsx' },
    @Res({ passthrough: true }) res: Response,
  ): Promise<PlanView | StreamableFile> {
    if (query.format === 'json') return this.queries.getPlan(planId, query.asOf);
    const data = await this.exporter.xlsx(planId);
    res.setHeader('Content-Disposition', `attachment; filename="ke-hoach-${planId}.xlsx"`);
    return new StreamableFile(data, { type: XLSX_CONTENT_TYPE });
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

// A plan workbook is tens of kilobytes; the 1 MB of architecture.md §3 is plenty.
const WORKBOOK_LIMIT = 1024 * 1024;

/** The raw XLSX body (no body parser takes this type), up to the limit. */
async function readWorkbook(req: Request): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > WORKBOOK_LIMIT) {
      throw new PlanError(PlanErrorCode.InvalidDocument, 'The plan workbook is larger than 1 MB', [
        { path: '', message: 'must be at most 1 MB' },
      ]);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}
