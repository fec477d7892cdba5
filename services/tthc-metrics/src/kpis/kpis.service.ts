import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { parsePeriod, PeriodError, periodFromRange } from '@cchc/calendar';
import type { KpiByUnitResult, KpiQuery, KpiResult, KpiWindow } from '@cchc/contracts';
import { countRow } from '../database/count-row';
import { TTHC_CONNECTION } from '../tthc.constants';
import { proceduresInForceSql } from '../procedures/procedures-in-force';
import { type Counts, rollupDossierCounts, ZERO_COUNTS } from './dossier-counts';
import { type FeedbackCounts, rollupFeedbackCounts } from './feedback-counts';
import { TthcError, TthcErrorCode } from './kpis.errors';
import { type Db, readAll } from './serial-read';

interface ProcedureCounts {
  total: number;
  level34: number;
}

export interface ResolvedPeriod {
  from: string;
  to: string;
  window: KpiWindow;
}

function ratio(n: number, d: number): number | null {
  return d === 0 ? null : n / d;
}

/**
 * Every KPI of architecture.md §5, computed in PostgreSQL. Dossier counts come from the per-day
 * rollups (src/rollups, docs/decisions/0014-kpi-rollups.md), plus a row-level fallback for the
 * dossiers no counter expresses (`kpi_irregular`: an end before the receipt, several postal return
 * dates), read through the partial index IDX_dossier_kpi_irregular (kpis/dossier-counts.ts).
 * Feedback counts come from their own per-day rollups (kpis/feedback-counts.ts); the catalog is
 * read at `to`.
 */
@Injectable()
export class KpisService {
  constructor(@InjectDataSource(TTHC_CONNECTION) private readonly db: DataSource) {}

  /** `period` (+ `window`) or `from`/`to`, validated; a bad value is a clear InvalidQuery. */
  resolvePeriod(query: KpiQuery): ResolvedPeriod {
    const window = query.window ?? 'calendar';
    if (window !== 'calendar' && window !== 'decree09') {
      throw new TthcError(
        TthcErrorCode.InvalidQuery,
        `window: expected calendar or decree09, got "${String(window)}"`,
      );
    }
    try {
      if (query.period) {
        if (query.from || query.to)
          throw new TthcError(TthcErrorCode.InvalidQuery, 'give either period or from/to, not both');
        const p = parsePeriod(query.period, window);
        return { from: p.from, to: p.to, window };
      }
      if (query.from && query.to) {
        const p = periodFromRange(query.from, query.to);
        return { from: p.from, to: p.to, window };
      }
    } catch (e) {
      if (e instanceof PeriodError) throw new TthcError(TthcErrorCode.InvalidQuery, e.message);
      throw e;
    }
    throw new TthcError(
      TthcErrorCode.InvalidQuery,
      'give period (2021-Q1, 2021-H1, 2021-9M, 2021, 2021-03) or both from and to (YYYY-MM-DD)',
    );
  }

  /** `db`: the pool by default, or the caller's transaction (the gauges' background refresh). */
  async kpis(query: KpiQuery, db: Db = this.db): Promise<KpiResult> {
    const period = this.resolvePeriod(query);
    const unit = query.unit ?? null;
    const procedure = query.procedure ?? null;
    const [d, f, p] = await this.counts(db, period, unit, procedure, false);
    return assemble(period, unit, procedure, d.get('*') ?? ZERO_COUNTS, f.get('*'), p.get('*'));
  }

  /** The department total and one row per unit that has a dossier, feedback or procedure. */
  async kpisByUnit(query: KpiQuery): Promise<KpiByUnitResult> {
    const [units, total] = await Promise.all([
      this.unitKpis(query),
      this.kpis({ ...query, unit: undefined }),
    ]);
    return { period: total.period, total, units };
  }

  /** One row per unit that has a dossier, feedback or procedure, without the department total. */
  async unitKpis(query: KpiQuery, db: Db = this.db): Promise<KpiByUnitResult['units']> {
    const period = this.resolvePeriod(query);
    const procedure = query.procedure ?? null;
    const [d, f, p] = await this.counts(db, period, null, procedure, true);
    const units = [...new Set([...d.keys(), ...f.keys(), ...p.keys()])].sort();
    return units.map((unit) => ({
      unit,
      kpis: assemble(period, unit, procedure, d.get(unit) ?? ZERO_COUNTS, f.get(unit), p.get(unit)),
    }));
  }

  /** The dossier, feedback and catalog counts of the scope, per unit or as one ('*'). */
  private counts(
    db: Db,
    period: ResolvedPeriod,
    unit: string | null,
    procedure: string | null,
    byUnit: boolean,
  ): Promise<[Map<string, Counts>, Map<string, FeedbackCounts>, Map<string, ProcedureCounts>]> {
    return readAll(
      db,
      () => this.dossierCounts(db, period, unit, procedure, byUnit),
      () => this.feedbackCounts(db, period, unit, procedure, byUnit),
      () => this.procedureCounts(db, period, unit, procedure, byUnit),
    );
  }

  /** From the KPI rollups (src/rollups), plus the few irregular dossiers row by row. */
  private dossierCounts(
    db: Db,
    period: ResolvedPeriod,
    unit: string | null,
    procedure: string | null,
    byUnit: boolean,
  ): Promise<Map<string, Counts>> {
    return rollupDossierCounts(db, { from: period.from, to: period.to, unit, procedure, byUnit });
  }

  /** From the PAKN rollups (src/rollups/feedback-rollup-ddl.ts). */
  private feedbackCounts(
    db: Db,
    period: ResolvedPeriod,
    unit: string | null,
    procedure: string | null,
    byUnit: boolean,
  ): Promise<Map<string, FeedbackCounts>> {
    return rollupFeedbackCounts(db, { from: period.from, to: period.to, unit, procedure, byUnit });
  }

  private async procedureCounts(
    db: Db,
    period: ResolvedPeriod,
    unit: string | null,
    procedure: string | null,
    byUnit: boolean,
  ): Promise<Map<string, ProcedureCounts>> {
    // The catalog version in force at `to`, plus procedures only announced by events (§5, §5b).
    const rows: Array<Record<string, string>> = await db.query(
      `SELECT ${byUnit ? 'unit_code' : "'*'"} AS k, count(*) AS total, count(*) FILTER (WHERE level IN (3, 4)) AS level34
       FROM ${proceduresInForceSql(1)} AS c
       WHERE ($2::text IS NULL OR unit_code = $2) AND ($3::text IS NULL OR code = $3)
       ${byUnit ? 'GROUP BY unit_code' : ''}`,
      [period.to, unit, procedure],
    );
    return new Map(rows.map((r) => [r.k, countRow<ProcedureCounts>(r, ['k'])]));
  }
}

function assemble(
  period: ResolvedPeriod,
  unit: string | null,
  procedure: string | null,
  d: Counts,
  f: FeedbackCounts | undefined,
  p: ProcedureCounts | undefined,
): KpiResult {
  const receivedTotal = d.online + d.direct + d.postal + d.carried_over;
  const resolvedTotal = d.early + d.on_time + d.late;
  const lateDossiers = d.late + d.overdue;
  const fb = f ?? { received: 0, resolved: 0, resolved_on_time: 0, pending: 0, overdue: 0 };
  const procs = p ?? { total: 0, level34: 0 };
  return {
    period: { from: period.from, to: period.to, window: period.window },
    scope: { unit, procedure },
    received: {
      total: receivedTotal,
      online: d.online,
      direct: d.direct,
      postal: d.postal,
      carriedOver: d.carried_over,
    },
    resolved: { total: resolvedTotal, early: d.early, onTime: d.on_time, late: d.late },
    pending: {
      total: d.within_time + d.awaiting + d.overdue,
      withinTime: d.within_time,
      awaitingSupplement: d.awaiting,
      overdue: d.overdue,
    },
    withdrawn: d.withdrawn,
    onTimeRate: ratio(d.early + d.on_time, resolvedTotal),
    apology: {
      lateDossiers,
      withApology: d.late_with_apology,
      withoutApology: lateDossiers - d.late_with_apology,
      coverage: ratio(d.late_with_apology, lateDossiers),
      inTime: d.late_apology_in_time,
      inTimeRate: ratio(d.late_apology_in_time, lateDossiers),
    },
    online: {
      dossierRate: ratio(d.online, receivedTotal - d.carried_over),
      proceduresLevel3or4: procs.level34,
      proceduresTotal: procs.total,
      procedureRate: ratio(procs.level34, procs.total),
    },
    postal: { received: d.postal, returned: d.postal_returned },
    feedback: {
      received: fb.received,
      resolved: fb.resolved,
      resolvedOnTime: fb.resolved_on_time,
      pending: fb.pending,
      overdue: fb.overdue,
      onTimeRate: ratio(fb.resolved_on_time, fb.resolved),
    },
    dataQuality: { anomalies: d.anomalies },
  };
}
