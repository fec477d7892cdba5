import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ClientProxy } from '@nestjs/microservices';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { firstValueFrom, timeout, TimeoutError } from 'rxjs';
import { DataSource, Repository } from 'typeorm';
import { parsePeriod, PeriodError } from '@cchc/calendar';
import { APP_CONFIG, type AppConfig } from '@cchc/config';
import {
  Patterns,
  type KpiByUnitResult,
  type KpiResult,
  type KpiWindow,
  type PlanSummary,
  type PlanView,
  type REPORT_FORMATS,
} from '@cchc/contracts';
import { MESSAGE_CLIENT } from '@cchc/messaging';
import { buildReport, markIssued } from './report-builder';
import { renderDocx } from './report-docx';
import { type ReportIssuedEvent } from './report-issued.event';
import { ReportSnapshot } from './report-snapshot.entity';
import { renderXlsx } from './report-xlsx';
import { type ReportModel } from './report.model';
import { ReportError, ReportErrorCode } from './reports.errors';
import { ReportsMetrics } from './reports.metrics';

export const REPORTING_CONNECTION = 'reporting';

export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const MEDIA_TYPES: Record<ReportFormat, string> = {
  json: 'application/json',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** Which report: a period, its window, and optionally one unit for the TTHC figures. */
export interface ReportKey {
  period: string;
  window: KpiWindow;
  unit?: string;
}

export interface ReportRequest extends ReportKey {
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
  /** The rendered file; null for json (the model is the document). */
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

type Source = 'plan-management' | 'tthc-metrics';

interface ResolvedPeriod {
  code: string;
  from: string;
  to: string;
  window: KpiWindow;
  label: string;
  year: number;
}

// architecture.md §7: reports cover quarters, halves, nine months and years; months are KPI-only.
const REPORT_PERIOD = /^(\d{4})(-(Q[1-4]|H[12]|9M))?$/;
const REPORT_PERIOD_FORMS =
  'YYYY-Qn (n 1–4), YYYY-Hn (n 1–2), YYYY-9M or YYYY, e.g. 2021-Q1, 2021-H1, 2021-9M, 2021';

/** Validates a report period and resolves it to its days under the window. */
export function resolveReportPeriod(period: string, window: KpiWindow): ResolvedPeriod {
  const match = REPORT_PERIOD.exec(period);
  if (match === null) {
    throw new ReportError(
      ReportErrorCode.InvalidPeriod,
      `Invalid period ${JSON.stringify(period)}: a report covers ${REPORT_PERIOD_FORMS}`,
    );
  }
  try {
    const p = parsePeriod(period, window);
    return { code: period, from: p.from, to: p.to, window: p.window, label: p.label, year: Number(match[1]) };
  } catch (e) {
    if (e instanceof PeriodError) throw new ReportError(ReportErrorCode.InvalidPeriod, e.message);
    throw e;
  }
}

/** `bao-cao-cchc-2021-Q1.docx`; `-nd09` for the Decree 09 window, `-<unit>` for a unit's report. */
export function reportFileName(key: ReportKey, format: ReportFormat): string {
  const window = key.window === 'decree09' ? '-nd09' : '';
  const unit = key.unit ? `-${key.unit}` : '';
  return `bao-cao-cchc-${key.period}${window}${unit}.${format}`;
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

// Nothing subscribes to the pattern: NATS (EmptyResponseException) or the in-process bus says so
// at once instead of letting the request time out.
function isNoResponder(error: unknown): boolean {
  const text = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  return /no subscribers listening|no handler for the message pattern/i.test(text);
}

function describeFailure(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  if (error !== null && typeof error === 'object' && 'message' in error) return String(error.message);
  return JSON.stringify(error);
}

/**
 * Builds, renders, issues and lists reports. Data comes from plan-management and tthc-metrics over
 * messaging only (NATS request-reply, or in-process in the all-in-one); a report is never built
 * with a source missing.
 */
@Injectable()
export class ReportsService {
  private readonly logger = new Logger(ReportsService.name);

  constructor(
    @InjectDataSource(REPORTING_CONNECTION) private readonly db: DataSource,
    @InjectRepository(ReportSnapshot, REPORTING_CONNECTION)
    private readonly snapshots: Repository<ReportSnapshot>,
    @Inject(MESSAGE_CLIENT) private readonly bus: ClientProxy,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: ReportsMetrics,
  ) {}

  /** The latest issued version (or the one asked for) unless a draft is asked for; else a draft. */
  async getReport(request: ReportRequest): Promise<RenderedReport> {
    const period = resolveReportPeriod(request.period, request.window);
    return this.metrics.measure(request.format, async () => {
      let model: ReportModel | undefined;
      if (request.version !== undefined) {
        const snapshot = await this.findIssued(request, request.version);
        if (!snapshot) {
          throw new ReportError(
            ReportErrorCode.VersionNotFound,
            `No issued version ${request.version} of the ${describeKey(request)} report`,
          );
        }
        model = snapshot.model;
      } else if (!request.draft) {
        model = (await this.findIssued(request))?.model;
      }
      model ??= await this.buildDraft(period, request.unit);
      return this.render(model, request, request.format);
    });
  }

  /** Freezes a fresh build as the next version (1, 2, …; never overwrites) and announces it. */
  async issue(
    key: ReportKey,
    options: { issuedBy: string | null; documentNumber?: string },
  ): Promise<IssuedReportInfo> {
    const period = resolveReportPeriod(key.period, key.window);
    const draft = await this.metrics.measure('json', () => this.buildDraft(period, key.unit));
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
      const entity = em.create(ReportSnapshot, {
        period: key.period,
        window: key.window,
        unit,
        version,
        contentHash: model.version.contentHash!,
        model,
        issuedAt,
        issuedBy: options.issuedBy,
      });
      await em.insert(ReportSnapshot, entity);
      return entity;
    });
    const info = toInfo(snapshot);
    await this.announce(info);
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
    // The model stays in the database: a listing needs only the version columns.
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
      .getRawMany<Omit<ReportSnapshot, 'id' | 'model'> & { documentNumber: string | null }>();
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

  /** A fresh draft from the sources' current data. */
  async buildDraft(period: ResolvedPeriod, unit?: string): Promise<ReportModel> {
    const kpiQuery = { period: period.code, window: period.window };
    const [plans, catalog, kpis] = await this.all([
      // Progress as it stood at the period's end, not as of today.
      this.ask<PlanView[]>('plan-management', Patterns.plans.list, { year: period.year, asOf: period.to }),
      this.ask<{ units: Array<{ code: string; name: string }> }>(
        'tthc-metrics',
        Patterns.tthc.procedures,
        {},
      ),
      unit
        ? this.ask<KpiResult>('tthc-metrics', Patterns.tthc.kpis, { ...kpiQuery, unit }).then(
            (k): KpiByUnitResult => ({ period: k.period, total: k, units: [] }),
          )
        : this.ask<KpiByUnitResult>('tthc-metrics', Patterns.tthc.kpisByUnit, kpiQuery),
    ] as const);
    // A year may have an amended plan imported later: the newest import is the one in force.
    const plan = plans.at(-1);
    if (!plan) {
      throw new ReportError(
        ReportErrorCode.PlanNotFound,
        `No plan for ${period.year}: import the year's CCHC plan (POST /api/v1/plans/import) before reporting on ${period.code}`,
      );
    }
    const unitNames = new Map(catalog.units.map((u) => [u.code, u.name]));
    if (unit && !unitNames.has(unit)) {
      throw new ReportError(
        ReportErrorCode.UnitNotFound,
        `Unknown unit "${unit}": tthc-metrics knows ${[...unitNames.keys()].join(', ') || 'no unit'}`,
      );
    }
    const summary = await this.ask<PlanSummary>('plan-management', Patterns.plans.summary, {
      planId: plan.id,
      asOf: period.to,
    });
    return buildReport({
      periodCode: period.code,
      from: period.from,
      to: period.to,
      window: period.window,
      label: period.label,
      plan,
      summary,
      kpis: { ...kpis, units: inUnitOrder(kpis.units, catalog.units) },
      unitNames: Object.fromEntries(unitNames),
      generatedAt: new Date().toISOString(),
      scopeUnit: unit ?? null,
    });
  }

  private async render(model: ReportModel, key: ReportKey, format: ReportFormat): Promise<RenderedReport> {
    const base = { format, model, mediaType: MEDIA_TYPES[format], fileName: reportFileName(key, format) };
    switch (format) {
      case 'json':
        return { ...base, file: null };
      case 'xlsx':
        return { ...base, file: await renderXlsx(model) };
      case 'docx':
        return { ...base, file: await renderDocx(model) };
    }
  }

  private findIssued(key: ReportKey, version?: number): Promise<ReportSnapshot | null> {
    const where = { period: key.period, window: key.window, unit: key.unit ?? '' };
    return version === undefined
      ? this.snapshots.findOne({ where, order: { version: 'DESC' } })
      : this.snapshots.findOne({ where: { ...where, version } });
  }

  /** One query to a source, bounded by SOURCE_TIMEOUT_MS; transport failures name the source. */
  private async ask<T>(source: Source, pattern: string, payload: object): Promise<T> {
    const limit = this.config.sourceTimeoutMs;
    const unavailable = (reason: string, detail: string) => {
      this.logger.warn(`${source} did not answer ${pattern}: ${detail}`);
      return new ReportError(ReportErrorCode.SourceUnavailable, `${source} ${reason}`, source);
    };
    try {
      return await firstValueFrom(this.bus.send<T>(pattern, payload).pipe(timeout(limit)));
    } catch (e) {
      if (e instanceof TimeoutError)
        throw unavailable(`did not answer within ${seconds(limit)}`, 'timed out');
      if (isNoResponder(e))
        throw unavailable('did not answer: no instance of it is running', describeFailure(e));
      // Other transport failures are Errors; a source's own refusal arrives as a plain object.
      if (e instanceof Error) throw unavailable(`could not be reached: ${e.message}`, e.message);
      throw new ReportError(
        ReportErrorCode.SourceFailed,
        `${source} failed to answer ${pattern}: ${describeFailure(e)}`,
        source,
      );
    }
  }

  /**
   * Like Promise.all, but waits for every query so that an outage names every missing source
   * ("plan-management …; tthc-metrics …"), not just the first to fail.
   */
  private async all<T extends readonly unknown[]>(queries: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
    const settled = await Promise.allSettled(queries);
    const failures = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []));
    if (failures.length === 0)
      return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as unknown as T;
    const bySource = new Map<string, string>();
    for (const f of failures) {
      if (
        f instanceof ReportError &&
        f.code === ReportErrorCode.SourceUnavailable &&
        !bySource.has(f.source!)
      ) {
        bySource.set(f.source!, f.message);
      }
    }
    if (bySource.size > 0)
      throw new ReportError(ReportErrorCode.SourceUnavailable, [...bySource.values()].join('; '));
    throw failures[0];
  }

  private async announce(info: IssuedReportInfo): Promise<void> {
    const event: ReportIssuedEvent = {
      period: info.period,
      window: info.window,
      unit: info.unit,
      version: info.version,
      contentHash: info.contentHash,
      issuedAt: info.issuedAt,
    };
    try {
      await firstValueFrom(
        this.bus.emit(Patterns.reports.issued, event).pipe(timeout(this.config.sourceTimeoutMs)),
        {
          defaultValue: undefined,
        },
      );
    } catch (e) {
      // The stored snapshot is the record; the event is a notification and must not undo the issue.
      this.logger.warn(
        `Could not publish ${Patterns.reports.issued} for ${info.period} v${info.version}: ${describeFailure(e)}`,
      );
    }
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

// Units in the order tthc-metrics lists them (the Department's own order), unknown ones after.
function inUnitOrder<U extends { unit: string }>(rows: U[], units: Array<{ code: string }>): U[] {
  const rank = new Map(units.map((u, i) => [u.code, i]));
  return [...rows].sort(
    (a, b) => (rank.get(a.unit) ?? Infinity) - (rank.get(b.unit) ?? Infinity) || a.unit.localeCompare(b.unit),
  );
}
