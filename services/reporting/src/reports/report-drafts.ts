import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@cchc/config';
import {
  Patterns,
  type KpiByUnitResult,
  type KpiResult,
  type PlanSummary,
  type PlanView,
} from '@cchc/contracts';
import type { ProcedureFigures } from './content/annex';
import { buildReport } from './report-builder';
import type { ReportModel, ReportServiceIndex } from './report.model';
import type { ResolvedPeriod } from './report-periods';
import { ReportSources, type CatalogProcedure } from './report-sources';
import { ReportError, ReportErrorCode } from './reports.errors';

// Per-procedure queries for the annex run a few at a time, not one burst per catalog entry.
const PROCEDURE_QUERY_CONCURRENCY = 4;

/** Builds a fresh draft from the sources' current data; never with a required source missing. */
@Injectable()
export class ReportDrafts {
  constructor(
    private readonly sources: ReportSources,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async build(period: ResolvedPeriod, unit?: string): Promise<ReportModel> {
    const kpiQuery = { period: period.code, window: period.window };
    const [plans, catalog, kpis] = await this.sources.all([
      // Progress as it stood at the period's end, not as of today.
      this.sources.ask<PlanView[]>('plan-management', Patterns.plans.list, {
        year: period.year,
        asOf: period.to,
      }),
      this.sources.catalog(),
      unit
        ? this.sources
            .ask<KpiResult>('tthc-metrics', Patterns.tthc.kpis, { ...kpiQuery, unit })
            .then((k): KpiByUnitResult => ({ period: k.period, total: k, units: [] }))
        : this.sources.ask<KpiByUnitResult>('tthc-metrics', Patterns.tthc.kpisByUnit, kpiQuery),
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
    const [summary, byProcedure, serviceIndex] = await Promise.all([
      this.sources.ask<PlanSummary>('plan-management', Patterns.plans.summary, {
        planId: plan.id,
        asOf: period.to,
      }),
      this.byProcedure(period, catalog.procedures, unit),
      this.serviceIndex(period, unit),
    ]);
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
      deadlineWorkingDays: this.config.report.deadlineWorkingDays,
      signerTitle: this.config.report.signerTitle,
      signerName: this.config.report.signerName,
      byProcedure,
      serviceIndex,
    });
  }

  /**
   * Each procedure's figures per unit, for the annex rows by lĩnh vực; null when any query fails
   * (the annex then stops at the units rather than print rows that do not add up).
   */
  private async byProcedure(
    period: ResolvedPeriod,
    procedures: CatalogProcedure[],
    unit: string | undefined,
  ): Promise<ProcedureFigures[] | null> {
    const query = { period: period.code, window: period.window };
    const wanted = procedures.filter((p) => unit === undefined || p.unitCode === unit);
    const out: ProcedureFigures[] = [];
    try {
      for (let i = 0; i < wanted.length; i += PROCEDURE_QUERY_CONCURRENCY) {
        const batch = wanted.slice(i, i + PROCEDURE_QUERY_CONCURRENCY);
        const answers = await Promise.all(
          batch.map((p) =>
            this.sources.ask<KpiByUnitResult>('tthc-metrics', Patterns.tthc.kpisByUnit, {
              ...query,
              procedure: p.code,
            }),
          ),
        );
        batch.forEach((p, j) =>
          out.push({ procedure: p.code, field: p.field ?? null, units: answers[j].units }),
        );
      }
    } catch {
      return null;
    }
    return out;
  }

  private async serviceIndex(
    period: ResolvedPeriod,
    unit: string | undefined,
  ): Promise<ReportServiceIndex | null> {
    const answer = await this.sources.askOptional<ReportServiceIndex>(
      'tthc-metrics',
      Patterns.tthc.serviceIndex,
      {
        period: period.code,
        window: period.window,
        ...(unit ? { unit } : {}),
      },
    );
    return answer === undefined ? null : { groups: answer.groups, total: answer.total };
  }
}

// Units in the order tthc-metrics lists them (the Department's own order), unknown ones after.
function inUnitOrder<U extends { unit: string }>(rows: U[], units: Array<{ code: string }>): U[] {
  const rank = new Map(units.map((u, i) => [u.code, i]));
  return [...rows].sort(
    (a, b) => (rank.get(a.unit) ?? Infinity) - (rank.get(b.unit) ?? Infinity) || a.unit.localeCompare(b.unit),
  );
}
