import { Injectable, Logger } from '@nestjs/common';
import { parsePeriod, currentQuarter } from '@cchc/calendar';
import { Metrics, TTHC_CONSUMER, TTHC_STREAM } from '@cchc/contracts';
import { gauge, HealthRegistry } from '@cchc/observability';
import { CalendarService } from '../calendar/calendar.service';
import { JetStreamPublisher } from '../ingestion/jetstream-publisher';
import { addEffectiveWorkingDays } from '../dossiers/dossier-timeline';
import { KpisService } from '../kpis/kpis.service';
import type { Db } from '../kpis/serial-read';
import { ProceduresService } from '../procedures/procedures.service';

/**
 * Quarter-to-date KPI gauges, set for every known unit, zero included, so that each unit always has
 * a series; computed by GaugeRefresh (never per scrape). The JetStream backlog gauge is asked on
 * each refresh and on each readiness probe.
 */
@Injectable()
export class KpiGauges {
  private readonly logger = new Logger(KpiGauges.name);
  private readonly quarterReceived = gauge(Metrics.tthcQuarterDossiersReceived);
  private readonly quarterResolved = gauge(Metrics.tthcQuarterDossiersResolved);
  private readonly pending = gauge(Metrics.tthcDossiersPending);
  private readonly lateWithoutApology = gauge(Metrics.tthcDossiersLateWithoutApology);
  private readonly late = gauge(Metrics.tthcDossiersLate);
  private readonly atRisk = gauge(Metrics.tthcDossiersAtRisk);
  private readonly feedbackOverdue = gauge(Metrics.tthcFeedbackOverdue);
  private readonly feedbackResolved = gauge(Metrics.tthcQuarterFeedbackResolved);
  private readonly withAnomalies = gauge(Metrics.tthcDossiersWithAnomalies);
  private readonly consumerPending = gauge(Metrics.tthcConsumerPending);
  private backlogError: string | undefined;

  constructor(
    private readonly kpis: KpisService,
    private readonly procedures: ProceduresService,
    private readonly calendar: CalendarService,
    private readonly publisher: JetStreamPublisher,
    health: HealthRegistry,
  ) {
    // Asked afresh on every readiness probe: a start-up race (the consumer not created yet) or a
    // passing failure does not keep the service unready until the next KPI refresh.
    health.register('jetstream-backlog', async () => {
      await this.refreshBacklog();
      if (this.backlogError !== undefined)
        throw new Error(`the JetStream backlog query failed: ${this.backlogError}`);
    });
  }

  /** The quarter to `today` (Asia/Ho_Chi_Minh), read through `db` (GaugeRefresh's transaction). */
  async compute(db: Db, today: string): Promise<void> {
    const quarter = parsePeriod(currentQuarter(today), 'calendar');
    const perUnit = await this.kpis.unitKpis({ from: quarter.from, to: today }, db);
    const risk = await this.atRiskByUnit(db, today);
    const units = new Set((await this.procedures.units(db)).map((u) => u.code));
    const byUnit = new Map(perUnit.map((u) => [u.unit, u.kpis]));
    for (const u of byUnit.keys()) units.add(u);

    for (const g of [
      this.quarterReceived,
      this.quarterResolved,
      this.pending,
      this.lateWithoutApology,
      this.late,
      this.atRisk,
      this.feedbackOverdue,
      this.feedbackResolved,
      this.withAnomalies,
    ])
      g.reset();
    for (const unit of units) {
      const k = byUnit.get(unit);
      this.quarterReceived.set({ unit, channel: 'online' }, k?.received.online ?? 0);
      this.quarterReceived.set({ unit, channel: 'direct' }, k?.received.direct ?? 0);
      this.quarterReceived.set({ unit, channel: 'postal' }, k?.received.postal ?? 0);
      this.quarterResolved.set({ unit, timeliness: 'early' }, k?.resolved.early ?? 0);
      this.quarterResolved.set({ unit, timeliness: 'on_time' }, k?.resolved.onTime ?? 0);
      this.quarterResolved.set({ unit, timeliness: 'late' }, k?.resolved.late ?? 0);
      this.pending.set({ unit, timeliness: 'within_time' }, k?.pending.withinTime ?? 0);
      // Revision 2: the clock is stopped while the applicant completes the dossier.
      this.pending.set({ unit, timeliness: 'awaiting_supplement' }, k?.pending.awaitingSupplement ?? 0);
      this.pending.set({ unit, timeliness: 'overdue' }, k?.pending.overdue ?? 0);
      this.late.set({ unit }, k?.apology.lateDossiers ?? 0);
      this.lateWithoutApology.set({ unit }, k?.apology.withoutApology ?? 0);
      this.feedbackOverdue.set({ unit }, k?.feedback.overdue ?? 0);
      this.feedbackResolved.set({ unit, timeliness: 'on_time' }, k?.feedback.resolvedOnTime ?? 0);
      this.feedbackResolved.set(
        { unit, timeliness: 'late' },
        (k?.feedback.resolved ?? 0) - (k?.feedback.resolvedOnTime ?? 0),
      );
      this.atRisk.set({ unit }, risk.get(unit) ?? 0);
      this.withAnomalies.set({ unit }, k?.dataQuality.anomalies ?? 0);
    }
  }

  /**
   * The JetStream backlog, apart from the KPIs (a database outage must not hide it). A failed query
   * is never reported as 0: the gauge becomes NaN (no value), the failure is logged, and readiness
   * names it until a query succeeds again.
   */
  async refreshBacklog(): Promise<void> {
    const js = this.publisher.jetstream;
    if (!js) {
      this.consumerPending.set(0); // in-process transport: no broker, no backlog
      return;
    }
    try {
      const info = await js.jsm.consumers.info(TTHC_STREAM, TTHC_CONSUMER);
      this.consumerPending.set(info.num_pending + info.num_ack_pending);
      this.backlogError = undefined;
    } catch (e) {
      this.backlogError = e instanceof Error ? e.message : String(e);
      this.consumerPending.set(Number.NaN);
      this.logger.warn(`JetStream backlog unknown: ${this.backlogError}`);
    }
  }

  /** Open dossiers due today or on the next working day, with no apology letter yet (domain.md §9.7). */
  private async atRiskByUnit(db: Db, today: string): Promise<Map<string, number>> {
    // Outside the calendar's years Monday–Friday is assumed (the coverage alert says so), rather
    // than the panel going silently empty.
    const horizon = addEffectiveWorkingDays(this.calendar.calendar, today, 1);
    const rows: Array<{ unit_code: string; n: string }> = await db.query(
      `SELECT unit_code, count(*) AS n FROM tthc.dossier
       WHERE end_date IS NULL AND NOT has_apology AND due_date >= $1 AND due_date <= $2
       GROUP BY unit_code`,
      [today, horizon],
    );
    return new Map(rows.map((r) => [r.unit_code, Number(r.n)]));
  }
}
