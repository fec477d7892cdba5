import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { localDate } from '@cchc/calendar';
import { APP_CONFIG, type AppConfig } from '@cchc/config';
import { PeriodicRefresh } from '@cchc/observability';
import { withoutParallelWorkers } from '../kpis/serial-read';
import { TTHC_CONNECTION } from '../tthc.constants';
import { KpiGauges } from './kpi-gauges';
import { ServiceIndexGauges } from './service-index-gauges';

/**
 * Refreshes the dashboard's TTHC gauges every KPI_GAUGE_REFRESH_SECONDS, as background work that
 * should not hold ingestion back: one refresh at a time, all its reads in one transaction (one
 * connection, one statement after another, no parallel workers). Until session 19 the KPI gauges
 * and the service-index gauges each ran their reads side by side on the pool, a dozen statements on
 * the two cores at once, and the slowest publish → visible samples fell at the refreshes. Many
 * still do (docs/benchmarks.md, session 19). A failed refresh is logged and the previous values
 * stay.
 */
@Injectable()
export class GaugeRefresh implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(GaugeRefresh.name);
  private readonly refresher = new PeriodicRefresh(
    'TTHC gauges',
    () => this.refreshFor(localDate(new Date().toISOString())),
    this.logger,
  );

  constructor(
    @InjectDataSource(TTHC_CONNECTION) private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly kpiGauges: KpiGauges,
    private readonly serviceIndexGauges: ServiceIndexGauges,
  ) {}

  onApplicationBootstrap(): void {
    this.refresher.start(this.config.kpiGaugeRefreshSeconds, { now: true });
  }

  onApplicationShutdown(): Promise<void> {
    return this.refresher.stop();
  }

  /**
   * One refresh for the quarter to `today` (YYYY-MM-DD, Asia/Ho_Chi_Minh); the schedule passes the
   * current date. Rejects when a read fails.
   */
  async refreshFor(today: string): Promise<void> {
    await Promise.all([
      // The broker, not the database: a database outage must not hide the backlog.
      this.kpiGauges.refreshBacklog(),
      withoutParallelWorkers(this.db, async (em) => {
        await this.kpiGauges.compute(em, today);
        await this.serviceIndexGauges.compute(em, today);
      }),
    ]);
  }
}
