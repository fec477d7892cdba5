import { Injectable } from '@nestjs/common';
import { currentQuarter, parsePeriod } from '@cchc/calendar';
import { Metrics } from '@cchc/contracts';
import { gauge } from '@cchc/observability';
import { CalendarService } from '../calendar/calendar.service';
import { DOSSIER_ANOMALIES } from '../dossiers/dossier-projection';
import type { Db } from '../kpis/serial-read';
import { ServiceIndexService } from '../service-index/service-index.service';
import { rollupAnomalyCounts } from './anomaly-counts';

/**
 * Revision-2 gauges for the leadership dashboard, current quarter to date, computed by GaugeRefresh
 * with the KPI gauges (never per scrape): the QĐ 766 service index by group and normalised, the
 * count of each data anomaly, and the calendar's last covered year (alerting).
 */
@Injectable()
export class ServiceIndexGauges {
  private readonly groupScore = gauge(Metrics.tthcServiceIndexScore);
  private readonly normalized = gauge(Metrics.tthcServiceIndexNormalized);
  private readonly anomalies = gauge(Metrics.tthcDossierAnomalies);
  private readonly coveredUntil = gauge(Metrics.tthcCalendarCoveredUntil);

  constructor(
    private readonly serviceIndex: ServiceIndexService,
    private readonly calendar: CalendarService,
  ) {}

  /** The quarter to `today` (Asia/Ho_Chi_Minh), read through `db` (GaugeRefresh's transaction). */
  async compute(db: Db, today: string): Promise<void> {
    this.coveredUntil.set(this.calendar.calendar.lastYear);
    const quarter = parsePeriod(currentQuarter(today), 'calendar');
    const index = await this.serviceIndex.serviceIndex({ from: quarter.from, to: today }, db);
    this.groupScore.reset();
    for (const g of index.groups) if (g.score !== null) this.groupScore.set({ group: g.code }, g.score);
    if (index.total.normalized !== null) this.normalized.set(index.total.normalized);
    else this.normalized.reset();

    // Dossiers with anomalies by unit come with the KPI gauges' per-unit query (KpiGauges); by
    // kind from the rollups (bounded by days and months, not by the quarter's dossiers).
    const counts = await rollupAnomalyCounts(db, quarter.from, today);
    for (const anomaly of DOSSIER_ANOMALIES) this.anomalies.set({ anomaly }, counts.get(anomaly) ?? 0);
  }
}
