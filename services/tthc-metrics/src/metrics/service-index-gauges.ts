import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { currentQuarter, localDate, parsePeriod } from '@cchc/calendar';
import { APP_CONFIG, type AppConfig } from '@cchc/config';
import { Metrics } from '@cchc/contracts';
import { gauge } from '@cchc/observability';
import { CalendarService } from '../calendar/calendar.service';
import { DOSSIER_ANOMALIES } from '../dossiers/dossier-projection';
import { ServiceIndexService } from '../service-index/service-index.service';
import { TTHC_CONNECTION } from '../tthc.constants';
import { rollupAnomalyCounts } from './anomaly-counts';

/**
 * Revision-2 gauges for the leadership dashboard, current quarter to date, refreshed with the KPI
 * gauges' period (never per scrape): the QĐ 766 service index by group and normalised, the count of
 * each data anomaly, and the calendar's last covered year (alerting).
 */
@Injectable()
export class ServiceIndexGauges implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ServiceIndexGauges.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private readonly groupScore = gauge(Metrics.tthcServiceIndexScore);
  private readonly normalized = gauge(Metrics.tthcServiceIndexNormalized);
  private readonly anomalies = gauge(Metrics.tthcDossierAnomalies);
  private readonly coveredUntil = gauge(Metrics.tthcCalendarCoveredUntil);

  constructor(
    @InjectDataSource(TTHC_CONNECTION) private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly serviceIndex: ServiceIndexService,
    private readonly calendar: CalendarService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.refresh(), this.config.kpiGaugeRefreshSeconds * 1000);
    this.timer.unref();
    void this.refresh();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One refresh at a time; a failure is logged and the previous values stay. */
  refresh(today: string = localDate(new Date().toISOString())): Promise<void> {
    this.running ??= this.compute(today)
      .catch((e: unknown) =>
        this.logger.warn(`Service-index gauges not refreshed: ${e instanceof Error ? e.message : String(e)}`),
      )
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  private async compute(today: string): Promise<void> {
    this.coveredUntil.set(this.calendar.calendar.lastYear);
    const quarter = parsePeriod(currentQuarter(today), 'calendar');
    const index = await this.serviceIndex.serviceIndex({ from: quarter.from, to: today });
    this.groupScore.reset();
    for (const g of index.groups) if (g.score !== null) this.groupScore.set({ group: g.code }, g.score);
    if (index.total.normalized !== null) this.normalized.set(index.total.normalized);
    else this.normalized.reset();

    // Dossiers with anomalies by unit come with the KPI gauges' per-unit query (KpiGauges); by
    // kind from the rollups (bounded by days and months, not by the quarter's dossiers).
    const counts = await rollupAnomalyCounts(this.db, quarter.from, today);
    for (const anomaly of DOSSIER_ANOMALIES) this.anomalies.set({ anomaly }, counts.get(anomaly) ?? 0);
  }
}
