import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ClientProxy } from '@nestjs/microservices';
import { parsePeriod } from '@cchc/calendar';
import { APP_CONFIG, type AppConfig } from '@cchc/config';
import { Patterns, type KpiQuery, type KpiResult, type ObjectiveKpi, type PlanView } from '@cchc/contracts';
import { MESSAGE_CLIENT, query as ask } from '@cchc/messaging';

/** A KPI as a percentage, or null where the period has nothing to measure (the `null` rule of §5). */
function percent(kpi: ObjectiveKpi, k: KpiResult): number | null {
  const ratio = ((): number | null => {
    switch (kpi) {
      case 'on_time':
        return k.onTimeRate;
      case 'apology':
        return k.apology.coverage;
      case 'online':
        return k.online.dossierRate;
      case 'postal':
        return k.received.total === 0 ? null : k.received.postal / k.received.total;
      case 'feedback':
        return k.feedback.onTimeRate;
    }
  })();
  // Two decimals of a percent, as reports print them.
  return ratio === null ? null : Math.round(ratio * 10_000) / 100;
}

/**
 * Live actuals of the objectives measured by a dossier KPI (architecture.md §6, revision 2): the
 * department's KPIs of the plan view's reporting period, asked of tthc-metrics over request-reply.
 * The other objectives keep the actual recorded for them.
 */
@Injectable()
export class ObjectiveKpisService {
  private readonly logger = new Logger(ObjectiveKpisService.name);

  constructor(
    @Inject(MESSAGE_CLIENT) private readonly bus: ClientProxy,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async withLiveActuals(plan: PlanView): Promise<PlanView> {
    if (!plan.objectives.some((o) => o.kpi)) return plan;
    const window = this.config.report.window;
    const { label } = parsePeriod(plan.statusPeriod, window);
    const query: KpiQuery = { period: plan.statusPeriod, window };
    let kpis: KpiResult;
    try {
      // Request and reply checked against the pattern's schemas (a skewed peer: a coded error).
      kpis = await ask(this.bus, Patterns.tthc.kpis, query, this.config.sourceTimeoutMs);
    } catch (e) {
      // The plan is still worth showing without tthc-metrics: those actuals are then unknown.
      this.logger.warn(`No KPIs for the objectives of ${plan.statusPeriod}: ${String(e)}`);
      return {
        ...plan,
        objectives: plan.objectives.map((o) => (o.kpi ? { ...o, actual: null } : o)),
      };
    }
    return {
      ...plan,
      objectives: plan.objectives.map((o) => {
        if (!o.kpi) return o;
        const value = percent(o.kpi, kpis);
        return {
          ...o,
          actual:
            value === null
              ? null
              : {
                  value,
                  unit: '%',
                  asOf: plan.statusAsOf,
                  note: `Theo số liệu hồ sơ TTHC ${label} (từ ${kpis.period.from} đến ${kpis.period.to})`,
                  source: 'kpi',
                },
        };
      }),
    };
  }
}
