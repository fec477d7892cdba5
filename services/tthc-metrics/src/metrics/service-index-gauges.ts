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
import { gauge, PeriodicRefresh } from '@cchc/observability';
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
  private readonly refresher = new PeriodicRefresh('Service-index gauges', () => this.compute(), this.logger);
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
    this.refresher.start(this.config.kpiGaugeRefreshSeconds, { now: true });
  }

  onApplicationShutdown(): Promise<void> {
    return this.refresher.stop();
  }

  private async compute(): Promise<void> {
    const today = localDate(new Date().toISOString());
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
