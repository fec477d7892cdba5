import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ServiceIndexQuery, ServiceIndexResult, ServiceIndicator } from '@cchc/contracts';
import { DOSSIER_BUCKETS_SQL } from '../kpis/dossier-buckets';
import { KpisService } from '../kpis/kpis.service';
import { proceduresInForceSql } from '../procedures/procedures-in-force';
import { TTHC_CONNECTION } from '../tthc.constants';
import {
  INDICATOR_DEFINITIONS,
  round2,
  scoreOf,
  SERVICE_INDEX_GROUP_DEFINITIONS,
} from './service-index.constants';

type Counts = Record<string, number>;

// An e-result counts only when dated ≤ to (§5b); a paper-result procedure needs one.
const E_RESULT_WHERE_REQUIRED = `(NOT COALESCE(p.paper_result_required, false)
  OR (j.e_result AND j.end_kind = 'resolved' AND j.end_date <= $2))`;
const RESOLVED = `j.bucket IN ('early', 'on_time', 'late')`;

/** The QĐ 766 service index of architecture.md §5b, from the projections and the catalog. */
@Injectable()
export class ServiceIndexService {
  constructor(
    @InjectDataSource(TTHC_CONNECTION) private readonly db: DataSource,
    private readonly kpis: KpisService,
  ) {}

  async serviceIndex(query: ServiceIndexQuery): Promise<ServiceIndexResult> {
    const period = this.kpis.resolvePeriod(query);
    const unit = query.unit ?? null;
    const [k, d, p, f] = await Promise.all([
      this.kpis.kpis({ from: period.from, to: period.to, window: period.window, unit: unit ?? undefined }),
      this.dossierCounts(period.from, period.to, unit),
      this.procedureCounts(period.from, period.to, unit),
      this.feedbackCounts(period.from, period.to, unit),
    ]);
    const r = k.resolved;
    const counts = new Map<string, [number, number]>([
      [
        '2.1',
        [r.early + r.onTime + k.pending.withinTime + k.pending.awaitingSupplement, r.total + k.pending.total],
      ],
      ['3.1', [p.online_services, p.procedures]],
      ['3.2', [p.online_services_used, p.online_services]],
      ['3.3', [d.online_33, d.received]],
      ['3.6', [d.fee_paid_online, d.fee_received]],
      ['4.1', [d.paper_resolved_e, d.paper_resolved]],
      ['4.2', [d.digitized_42, d.received]],
      ['4.3', [d.reused, d.received]],
      ['5.2', [k.feedback.resolvedOnTime, k.feedback.resolved]],
      ['5.3', [f.on_time_not_dissatisfied, k.feedback.resolved]],
      // 1 − (late/total + R/total), floor 0: the numerator is what remains of the resolved dossiers.
      ['5.4', [Math.max(0, r.total - r.late - d.r54), r.total]],
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

  private async dossierCounts(from: string, to: string, unit: string | null): Promise<Counts> {
    // "Dossiers received" = received in the period; "resolved" = resolved.* of §5 (buckets).
    const rows: Array<Record<string, string>> = await this.db.query(
      `WITH judged AS (${DOSSIER_BUCKETS_SQL})
       SELECT
         count(*) FILTER (WHERE j.received_date >= $1) AS received,
         count(*) FILTER (WHERE j.received_date >= $1 AND j.channel = 'online' AND ${E_RESULT_WHERE_REQUIRED}) AS online_33,
         count(*) FILTER (WHERE j.received_date >= $1 AND p.fee_bearing) AS fee_received,
         count(*) FILTER (WHERE j.received_date >= $1 AND p.fee_bearing AND j.first_online_payment_date <= $2) AS fee_paid_online,
         count(*) FILTER (WHERE ${RESOLVED} AND p.paper_result_required) AS paper_resolved,
         count(*) FILTER (WHERE ${RESOLVED} AND p.paper_result_required AND j.e_result) AS paper_resolved_e,
         count(*) FILTER (WHERE j.received_date >= $1 AND j.digitized AND ${E_RESULT_WHERE_REQUIRED}) AS digitized_42,
         count(*) FILTER (WHERE j.received_date >= $1 AND j.reused_data) AS reused,
         count(*) FILTER (WHERE ${RESOLVED} AND (j.first_dissatisfied_date <= $2 OR EXISTS (
           SELECT 1 FROM tthc.feedback f WHERE f.dossier_code = j.dossier_code AND f.received_date <= $2))) AS r54
       FROM judged j LEFT JOIN ${proceduresInForceSql(2)} AS p ON p.code = j.procedure_code`,
      [from, to, unit, null],
    );
    return numbers(rows[0]);
  }

  private async procedureCounts(from: string, to: string, unit: string | null): Promise<Counts> {
    const rows: Array<Record<string, string>> = await this.db.query(
      `SELECT count(*) AS procedures,
         count(*) FILTER (WHERE p.online_service <> 'none') AS online_services,
         count(*) FILTER (WHERE p.online_service <> 'none' AND EXISTS (
           SELECT 1 FROM tthc.dossier d WHERE d.procedure_code = p.code AND d.channel = 'online'
             AND d.received_date BETWEEN $1 AND $2 AND ($3::text IS NULL OR d.unit_code = $3))) AS online_services_used
       FROM ${proceduresInForceSql(2)} AS p
       WHERE $3::text IS NULL OR p.unit_code = $3`,
      [from, to, unit],
    );
    return numbers(rows[0]);
  }

  private async feedbackCounts(from: string, to: string, unit: string | null): Promise<Counts> {
    // 5.3: each PAKN once; neither resolved late nor rated dissatisfied.
    const rows: Array<Record<string, string>> = await this.db.query(
      `SELECT count(*) FILTER (WHERE resolved_date BETWEEN $1 AND $2 AND resolved_date <= due_date
         AND satisfaction IS DISTINCT FROM 'dissatisfied') AS on_time_not_dissatisfied
       FROM tthc.feedback WHERE $3::text IS NULL OR unit_code = $3`,
      [from, to, unit],
    );
    return numbers(rows[0]);
  }
}

function numbers(row: Record<string, string> | undefined): Counts {
  return Object.fromEntries(Object.entries(row ?? {}).map(([key, v]) => [key, Number(v)]));
}
