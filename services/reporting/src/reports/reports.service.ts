import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@cchc/config';
import { Patterns, type KpiWindow } from '@cchc/contracts';
import { markIssued } from './report-builder';
import { ReportDrafts } from './report-drafts';
import { MEDIA_TYPES, renderFile, reportFileName, type ReportFormat, type ReportKey } from './report-files';
import { type ReportIssuedEvent } from './report-issued.event';
import { resolveReportPeriod } from './report-periods';
import { ReportSnapshot } from './report-snapshot.entity';
import { ReportSources } from './report-sources';
import { type ReportModel } from './report.model';
import { ReportError, ReportErrorCode } from './reports.errors';
import { ReportsMetrics } from './reports.metrics';

export { MEDIA_TYPES, reportFileName, type ReportFormat, type ReportKey } from './report-files';
export { resolveReportPeriod } from './report-periods';

export const REPORTING_CONNECTION = 'reporting';

export interface ReportRequest extends Omit<ReportKey, 'window'> {
  /** Default: REPORT_WINDOW. */
  window?: KpiWindow;
  format: ReportFormat;
  /** Build from live data even when a version has been issued. */
  draft?: boolean;
  /** A given issued version instead of the latest. */
  version?: number;
}

export interface RenderedReport {
  format: ReportFormat;
  model: ReportModel;
  mediaType: string;
  /** `bao-cao-cchc-2021-Q1-nd09-vp.docx` */
  fileName: string;
  /**
   * The file; null for a draft's JSON (the model is the document). An issued version's file is
   * the one stored at issue, byte for byte.
   */
  file: Buffer | null;
}

export interface IssuedReportInfo {
  period: string;
  window: KpiWindow;
  unit: string | null;
  version: number;
  contentHash: string;
  issuedAt: string;
  issuedBy: string | null;
  documentNumber: string | null;
}

const FILE_COLUMNS: Record<ReportFormat, 'jsonFile' | 'docxFile' | 'xlsxFile'> = {
  json: 'jsonFile',
  docx: 'docxFile',
  xlsx: 'xlsxFile',
};

/** Builds, renders, issues and lists reports; a report is never built with a source missing. */
@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource(REPORTING_CONNECTION) private readonly db: DataSource,
    @InjectRepository(ReportSnapshot, REPORTING_CONNECTION)
    private readonly snapshots: Repository<ReportSnapshot>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly drafts: ReportDrafts,
    private readonly sources: ReportSources,
    private readonly metrics: ReportsMetrics,
  ) {}

  /** The latest issued version (or the one asked for) unless a draft is asked for; else a draft. */
  async getReport(request: ReportRequest): Promise<RenderedReport> {
    const key = this.keyOf(request);
    const period = resolveReportPeriod(key.period, key.window);
    return this.metrics.measure(request.format, async () => {
      let snapshot: ReportSnapshot | null = null;
      if (request.version !== undefined) {
        snapshot = await this.findIssued(key, request.version);
        if (!snapshot) {
          throw new ReportError(
            ReportErrorCode.VersionNotFound,
            `No issued version ${request.version} of the ${describeKey(key)} report`,
          );
        }
      } else if (!request.draft) {
        snapshot = await this.findIssued(key);
      }
      const base = {
        format: request.format,
        mediaType: MEDIA_TYPES[request.format],
        fileName: reportFileName(key, request.format),
      };
      if (snapshot !== null) {
        // Versions issued before files were stored are rendered from their frozen model.
        const stored = snapshot[FILE_COLUMNS[request.format]];
        return {
          ...base,
          model: snapshot.model,
          file: stored ?? (await renderFile(snapshot.model, request.format)),
        };
      }
      const model = await this.drafts.build(period, key.unit);
      return {
        ...base,
        model,
        file: request.format === 'json' ? null : await renderFile(model, request.format),
      };
    });
  }

  /**
   * Freezes a fresh build as the next version (1, 2, …; never overwrites), with its JSON, DOCX
   * and XLSX rendered once and stored, and announces it.
   */
  async issue(
    request: Omit<ReportKey, 'window'> & { window?: KpiWindow },
    options: { issuedBy: string | null; documentNumber?: string },
  ): Promise<IssuedReportInfo> {
    const key = this.keyOf(request);
    const period = resolveReportPeriod(key.period, key.window);
    const draft = await this.metrics.measure('json', () => this.drafts.build(period, key.unit));
    const unit = key.unit ?? '';
    const snapshot = await this.db.transaction(async (em) => {
      // Serialises concurrent issues of one report, so that each gets its own version number.
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
        `cchc-report:${key.period}:${key.window}:${unit}`,
      ]);
      const row = await em
        .createQueryBuilder(ReportSnapshot, 's')
        .select('MAX(s.version)', 'max')
        .where({ period: key.period, window: key.window, unit })
        .getRawOne<{ max: number | null }>();
      const version = (row?.max ?? 0) + 1;
      const issuedAt = new Date();
      const model = markIssued(draft, {
        version,
        issuedAt: issuedAt.toISOString(),
        documentNumber: options.documentNumber,
      });
      const [jsonFile, docxFile, xlsxFile] = await Promise.all([
        renderFile(model, 'json'),
        renderFile(model, 'docx'),
        renderFile(model, 'xlsx'),
      ]);
      const entity = em.create(ReportSnapshot, {
        period: key.period,
        window: key.window,
        unit,
        version,
        contentHash: model.version.contentHash!,
        model,
        issuedAt,
        issuedBy: options.issuedBy,
        jsonFile,
        docxFile,
        xlsxFile,
      });
      await em.insert(ReportSnapshot, entity);
      return entity;
    });
    const info = toInfo(snapshot);
    const event: ReportIssuedEvent = {
      period: info.period,
      window: info.window,
      unit: info.unit,
      version: info.version,
      contentHash: info.contentHash,
      issuedAt: info.issuedAt,
    };
    // The stored snapshot is the record; the event is a notification and must not undo the issue.
    await this.sources.emit(Patterns.reports.issued, event);
    return info;
  }

  /** Issued versions, newest first, optionally narrowed to a period, window or unit. */
  async listIssued(
    filter: { period?: string; window?: KpiWindow; unit?: string } = {},
  ): Promise<IssuedReportInfo[]> {
    const where: Partial<Pick<ReportSnapshot, 'period' | 'window' | 'unit'>> = {};
    if (filter.period !== undefined) where.period = filter.period;
    if (filter.window !== undefined) where.window = filter.window;
    if (filter.unit !== undefined) where.unit = filter.unit;
    // The model and files stay in the database: a listing needs only the version columns.
    const rows = await this.snapshots
      .createQueryBuilder('s')
      .select('s.period', 'period')
      .addSelect('s.window', 'window')
      .addSelect('s.unit', 'unit')
      .addSelect('s.version', 'version')
      .addSelect('s.contentHash', 'contentHash')
      .addSelect('s.issuedAt', 'issuedAt')
      .addSelect('s.issuedBy', 'issuedBy')
      .addSelect(`s.model -> 'version' ->> 'documentNumber'`, 'documentNumber')
      .where(where)
      .orderBy('s.issuedAt', 'DESC')
      .addOrderBy('s.id', 'DESC')
      .getRawMany<
        Pick<
          ReportSnapshot,
          'period' | 'window' | 'unit' | 'version' | 'contentHash' | 'issuedAt' | 'issuedBy'
        > & {
          documentNumber: string | null;
        }
      >();
    return rows.map((r) => ({
      period: r.period,
      window: r.window,
      unit: r.unit === '' ? null : r.unit,
      version: r.version,
      contentHash: r.contentHash,
      issuedAt: new Date(r.issuedAt).toISOString(),
      issuedBy: r.issuedBy,
      documentNumber: r.documentNumber,
    }));
  }

  private keyOf(request: Omit<ReportKey, 'window'> & { window?: KpiWindow }): ReportKey {
    return {
      period: request.period,
      window: request.window ?? this.config.report.window,
      unit: request.unit,
    };
  }

  private findIssued(key: ReportKey, version?: number): Promise<ReportSnapshot | null> {
    const where = { period: key.period, window: key.window, unit: key.unit ?? '' };
    return version === undefined
      ? this.snapshots.findOne({ where, order: { version: 'DESC' } })
      : this.snapshots.findOne({ where: { ...where, version } });
  }
}

function describeKey(key: ReportKey): string {
  return [key.period, key.window, key.unit].filter(Boolean).join(' ');
}

function toInfo(s: ReportSnapshot): IssuedReportInfo {
  return {
    period: s.period,
    window: s.window,
    unit: s.unit === '' ? null : s.unit,
    version: s.version,
    contentHash: s.contentHash,
    issuedAt: s.issuedAt.toISOString(),
    issuedBy: s.issuedBy,
    documentNumber: s.model.version.documentNumber,
  };
}
