import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ServiceIndexQuery, ServiceIndexResult, ServiceIndicator } from '@cchc/contracts';
import { KpisService } from '../kpis/kpis.service';
import { type Db, readAll } from '../kpis/serial-read';
import { TTHC_CONNECTION } from '../tthc.constants';
import { countRow } from '../database/count-row';
import { rollupServiceIndexCounts } from './service-index-counts';
import {
  INDICATOR_DEFINITIONS,
  round2,
  scoreOf,
  SERVICE_INDEX_GROUP_DEFINITIONS,
} from './service-index.constants';

type Counts = Record<string, number>;

/** The QĐ 766 service index of architecture.md §5b, from the rollups, the feedback and the catalog. */
@Injectable()
export class ServiceIndexService {
  constructor(
    @InjectDataSource(TTHC_CONNECTION) private readonly db: DataSource,
    private readonly kpis: KpisService,
  ) {}

  /** `db`: the pool by default, or the caller's transaction (the gauges' background refresh). */
  async serviceIndex(query: ServiceIndexQuery, db: Db = this.db): Promise<ServiceIndexResult> {
    const period = this.kpis.resolvePeriod(query);
    const unit = query.unit ?? null;
    const [k, ix, f] = await readAll(
      db,
      () =>
        this.kpis.kpis(
          { from: period.from, to: period.to, window: period.window, unit: unit ?? undefined },
          db,
        ),
      () => rollupServiceIndexCounts(db, { from: period.from, to: period.to, unit }),
      () => this.feedbackCounts(db, period.from, period.to, unit),
    );
    const r = k.resolved;
    const counts = new Map<string, [number, number]>([
      [
        '2.1',
        [r.early + r.onTime + k.pending.withinTime + k.pending.awaitingSupplement, r.total + k.pending.total],
      ],
      ['3.1', [ix.online_services, ix.procedures]],
      ['3.2', [ix.online_services_used, ix.online_services]],
      ['3.3', [ix.online_33, ix.received]],
      ['3.6', [ix.fee_paid_online, ix.fee_received]],
      ['4.1', [ix.paper_resolved_e, ix.paper_resolved]],
      ['4.2', [ix.digitized_42, ix.received]],
      ['4.3', [ix.reused, ix.received]],
      ['5.2', [k.feedback.resolvedOnTime, k.feedback.resolved]],
      ['5.3', [f.on_time_not_dissatisfied, k.feedback.resolved]],
      // 1 − (late/total + R/total), floor 0: the numerator is what remains of the resolved dossiers.
      ['5.4', [Math.max(0, r.total - r.late - ix.r54), r.total]],
    ]);

    const indicators = INDICATOR_DEFINITIONS.map((def): ServiceIndicator => {
      const c = counts.get(def.code);
      if (!def.measured || c === undefined) {
        return {
          code: def.code,
          name: def.name,
          numerator: null,
          denominator: null,
          ratio: null,
          target: def.target,
          max: def.max,
          score: null,
          reason: 'not measured',
        };
      }
      const [numerator, denominator] = c;
      const ratio = denominator === 0 ? null : numerator / denominator;
      return {
        code: def.code,
        name: def.name,
        numerator,
        denominator,
        ratio,
        target: def.target,
        max: def.max,
        score: scoreOf(ratio, def.max, def.target),
      };
    });

    let total = 0;
    let maxMeasured = 0;
    const groups = SERVICE_INDEX_GROUP_DEFINITIONS.map((g) => {
      const mine = indicators.filter((i) => i.code.split('.')[0] === g.code);
      const scored = mine.filter((i): i is ServiceIndicator & { score: number } => i.score !== null);
      for (const i of scored) {
        total += i.score;
        maxMeasured += i.max;
      }
      const score = scored.length === 0 ? null : round2(scored.reduce((s, i) => s + i.score, 0));
      return { code: g.code, name: g.name, max: g.max, score, indicators: mine };
    });
    const score = round2(total);
    return {
      period: k.period,
      scope: { unit },
      groups,
      total: {
        score,
        maxMeasured,
        normalized: maxMeasured === 0 ? null : round2((100 * score) / maxMeasured),
      },
    };
  }

  private async feedbackCounts(db: Db, from: string, to: string, unit: string | null): Promise<Counts> {
    // 5.3: each PAKN once; neither resolved late nor rated dissatisfied.
    const rows: Array<Record<string, string>> = await db.query(
      `SELECT count(*) FILTER (WHERE resolved_date <= due_date
         AND satisfaction IS DISTINCT FROM 'dissatisfied') AS on_time_not_dissatisfied
       FROM tthc.feedback WHERE resolved_date BETWEEN $1 AND $2 AND ($3::text IS NULL OR unit_code = $3)`,
      [from, to, unit],
    );
    return countRow<Counts>(rows[0]);
  }
}
