import { Body, Controller, Get, Param, Post, Query, Res, StreamableFile, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuditService } from '@cchc/audit';
import { AllowRoles, CurrentPrincipal, READ_ROLES, type Principal } from '@cchc/auth';
import { ZodValidationPipe } from '@cchc/validation';
import {
  issueBodySchema,
  issueQuerySchema,
  listQuerySchema,
  reportQuerySchema,
  type IssueBody,
  type IssueQuery,
  type ListQuery,
  type ReportQuery,
} from './dto/report-requests.dto';
import { type ReportModel } from './report.model';
import { DomainErrorFilter } from '@cchc/platform';
import { MEDIA_TYPES, ReportsService, type IssuedReportInfo } from './reports.service';

@ApiTags('reports')
@ApiBearerAuth()
@UseFilters(DomainErrorFilter)
@Controller('api/v1/reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly audit: AuditService,
  ) {}

  /** Issued report versions, newest first. */
  @Get()
  @AllowRoles(...READ_ROLES)
  list(
    @Query(new ZodValidationPipe(listQuerySchema, 'query')) query: ListQuery,
  ): Promise<IssuedReportInfo[]> {
    return this.reports.listIssued(query);
  }

  /**
   * The report of a period as JSON, XLSX or DOCX: the latest issued version when there is one,
   * unless `draft=true`; a given issued `version`; otherwise a draft from live data.
   */
  @Get(':period')
  @AllowRoles(...READ_ROLES)
  @ApiProduces(MEDIA_TYPES.json, MEDIA_TYPES.xlsx, MEDIA_TYPES.docx)
  async get(
    @Param('period') period: string,
    @Query(new ZodValidationPipe(reportQuerySchema, 'query')) query: ReportQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ReportModel | StreamableFile> {
    const report = await this.reports.getReport({ period, ...query });
    const { version } = report.model;
    if (version.status === 'issued') {
      res.setHeader('X-Report-Version', String(version.version));
      res.setHeader('X-Report-Content-Hash', version.contentHash ?? '');
      res.setHeader('ETag', `"${version.contentHash}"`);
    }
    // A draft changes with every event; "the latest issued" changes with a re-issue, so even an
    // issued answer is revalidated (by its content hash) rather than cached blindly.
    res.setHeader('Cache-Control', version.status === 'issued' ? 'private, no-cache' : 'no-store');
    if (report.file === null) return report.model;
    // An issued version's JSON is its stored bytes too, served inline like any JSON answer.
    return new StreamableFile(report.file, {
      type: report.format === 'json' ? `${report.mediaType}; charset=utf-8` : report.mediaType,
      disposition: report.format === 'json' ? undefined : `attachment; filename="${report.fileName}"`,
      length: report.file.length,
    });
  }

  /** Freezes the report as its next version and publishes `cchc.report.report.issued.v1`. Admin. */
  @Post(':period/issue')
  async issue(
    @Param('period') period: string,
    @Query(new ZodValidationPipe(issueQuerySchema, 'query')) query: IssueQuery,
    @Body(new ZodValidationPipe(issueBodySchema, 'issue request')) body: IssueBody,
    @CurrentPrincipal() principal: Principal,
  ): Promise<IssuedReportInfo> {
    const issued = await this.reports.issue(
      { period, ...query },
      { issuedBy: principal.name, documentNumber: body.documentNumber },
    );
    // Audit trail (architecture.md §6, revision 2).
    await this.audit.record({
      actor: principal,
      action: 'report.report.issued',
      entity: 'report.report',
      entityId: `${period}/v${issued.version}`,
      after: issued,
    });
    return issued;
  }
}
