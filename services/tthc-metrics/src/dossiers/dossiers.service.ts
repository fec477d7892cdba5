import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { localDate } from '@cchc/calendar';
import type { AtRiskDossiers, DossierDetail, DossierRow, DossierTimelineEvent } from '@cchc/contracts';
import { CalendarService } from '../calendar/calendar.service';
import { TthcError, TthcErrorCode } from '../kpis/kpis.errors';
import { TTHC_CONNECTION } from '../tthc.constants';

const COLUMNS = `dossier_code AS "dossierCode", unit_code AS "unitCode", procedure_code AS "procedureCode", channel,
  received_date::text AS "receivedDate", due_date::text AS "dueDate", rescheduled_due_date::text AS "rescheduledDueDate",
  end_kind AS "endKind", end_date::text AS "endDate", has_apology AS "hasApology", anomalies`;

/** Look-ups on single dossiers: the at-risk list, the anomaly list, one dossier with its events. */
@Injectable()
export class DossiersService {
  constructor(
    @InjectDataSource(TTHC_CONNECTION) private readonly db: DataSource,
    private readonly calendar: CalendarService,
  ) {}

  /**
   * Open dossiers due today or on the next working day with no apology letter yet: Mẫu 04 is due
   * at the latest one day before the due date (Decree 61/2018 Art. 19.9, domain.md §9.7).
   */
  async atRisk(
    unit: string | undefined,
    today: string = localDate(new Date().toISOString()),
  ): Promise<AtRiskDossiers> {
    const dueBy = this.calendar.calendar.addWorkingDays(today, 1);
    const dossiers: DossierRow[] = await this.db.query(
      `SELECT ${COLUMNS} FROM tthc.dossier
       WHERE end_date IS NULL AND NOT has_apology AND due_date >= $1 AND due_date <= $2 AND ($3::text IS NULL OR unit_code = $3)
       ORDER BY due_date, dossier_code LIMIT 5000`,
      [today, dueBy, unit ?? null],
    );
    return { asOf: today, dueBy, dossiers };
  }

  /** Dossiers whose events show an irregularity, for the office to look into (never "fixed"). */
  async anomalies(
    limit: number,
    after: string | undefined,
    anomaly: string | undefined,
  ): Promise<DossierRow[]> {
    return this.db.query(
      `SELECT ${COLUMNS} FROM tthc.dossier
       WHERE anomalies <> '{}' AND ($1::text IS NULL OR dossier_code > $1) AND ($2::text IS NULL OR $2 = ANY(anomalies))
       ORDER BY dossier_code LIMIT $3`,
      [after ?? null, anomaly ?? null, limit],
    );
  }

  async get(code: string): Promise<DossierDetail> {
    const rows: DossierRow[] = await this.db.query(
      `SELECT ${COLUMNS} FROM tthc.dossier WHERE dossier_code = $1`,
      [code],
    );
    const dossier = rows[0];
    const events: Array<{ envelope: DossierTimelineEvent }> = await this.db.query(
      `SELECT envelope FROM tthc.event WHERE subject_key = $1 ORDER BY time, id`,
      [`d:${code}`],
    );
    if (!dossier && events.length === 0) throw new TthcError(TthcErrorCode.NotFound, `No dossier ${code}`);
    // Events without their dossier.received are kept and shown, but counted nowhere yet (§5).
    return { dossier: dossier ?? null, events: events.map((e) => e.envelope) };
  }
}
