import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  addCalendarDays,
  CalendarError,
  localDate,
  VIETNAM_HOLIDAYS,
  WorkingCalendar,
  type CalendarEntry,
} from '@cchc/calendar';
import { HealthRegistry, PeriodicRefresh } from '@cchc/observability';
import { TthcError, TthcErrorCode } from '../kpis/kpis.errors';
import { TTHC_CONNECTION } from '../tthc.constants';

/**
 * The working-day calendar in force: the shipped Vietnamese holidays, with any year an admin has
 * edited (yearly Tết dates, swaps, make-up Saturdays) replaced by the edited entries.
 */
@Injectable()
export class CalendarService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(CalendarService.name);
  private readonly reloader = new PeriodicRefresh('Calendar', () => this.reload(), this.logger);
  private current = WorkingCalendar.fromEntries(VIETNAM_HOLIDAYS);
  private edited = new Map<number, CalendarEntry[]>();

  constructor(
    @InjectDataSource(TTHC_CONNECTION) private readonly db: DataSource,
    private readonly health: HealthRegistry,
  ) {}

  async onModuleInit(): Promise<void> {
    // architecture.md §5: a date outside the calendar's years is an explicit state, never a
    // silently disabled check. Readiness warns (without failing) from 90 days before the end.
    this.health.registerWarning('calendar', () => this.coverageWarning(localDate(new Date().toISOString())));
    await this.reload();
    // Another replica may have edited a year: pick it up within a minute, without a restart.
    this.reloader.start(60, { now: false });
  }

  onApplicationShutdown(): Promise<void> {
    return this.reloader.stop();
  }

  /** Reads the edited years from the database and rebuilds the calendar in force. */
  async reload(): Promise<void> {
    const rows: Array<{ date: string; kind: string; name: string; note: string | null }> =
      await this.db.query(
        `SELECT date::text AS date, kind, name, note FROM tthc.calendar_entry ORDER BY date`,
      );
    const byYear = new Map<number, CalendarEntry[]>();
    for (const r of rows) {
      const year = Number(r.date.slice(0, 4));
      const entry: CalendarEntry = {
        date: r.date,
        kind: r.kind as CalendarEntry['kind'],
        name: r.name,
        ...(r.note ? { note: r.note } : {}),
      };
      byYear.set(year, [...(byYear.get(year) ?? []), entry]);
    }
    this.edited = byYear;
    this.current = build(byYear);
  }

  get calendar(): WorkingCalendar {
    return this.current;
  }

  /** A Vietnamese warning when `today`, or the 90 days after it (due dates), leave the covered years. */
  coverageWarning(today: string): string | null {
    const horizon = addCalendarDays(today, 90);
    if (this.current.covers(today) && this.current.covers(horizon)) return null;
    return (
      `Lịch làm việc chỉ có dữ liệu ngày nghỉ từ năm ${this.current.firstYear} đến hết năm ${this.current.lastYear}; ` +
      `ngày ${today} hoặc 90 ngày sau nằm ngoài phạm vi: cần bổ sung lịch nghỉ năm tiếp theo (PUT /api/v1/tthc/calendar).`
    );
  }

  entries(year: number): { year: number; edited: boolean; entries: CalendarEntry[] } {
    return { year, edited: this.edited.has(year), entries: this.current.holidaysIn(year) };
  }

  /** Replaces one year's entries (admin); an empty list restores the shipped data for that year. */
  async replaceYear(
    year: number,
    entries: CalendarEntry[],
  ): Promise<{ year: number; edited: boolean; entries: CalendarEntry[] }> {
    const wrong = entries.find((e) => Number(e.date.slice(0, 4)) !== year);
    if (wrong) throw new TthcError(TthcErrorCode.InvalidQuery, `entries: ${wrong.date} is not in ${year}`);
    const next = new Map(this.edited);
    if (entries.length === 0) next.delete(year);
    else next.set(year, entries);
    let calendar: WorkingCalendar;
    try {
      calendar = build(next);
    } catch (e) {
      // The calendar checks each entry (weekday compensatory days, weekend make-up days…).
      if (e instanceof CalendarError) throw new TthcError(TthcErrorCode.InvalidQuery, e.message);
      throw e;
    }
    await this.db.transaction(async (em) => {
      await em.query(`DELETE FROM tthc.calendar_entry WHERE date >= $1 AND date <= $2`, [
        `${year}-01-01`,
        `${year}-12-31`,
      ]);
      if (entries.length > 0) {
        await em.query(
          `INSERT INTO tthc.calendar_entry (date, kind, name, note) SELECT * FROM unnest($1::date[], $2::text[], $3::text[], $4::text[])`,
          [
            entries.map((e) => e.date),
            entries.map((e) => e.kind),
            entries.map((e) => e.name),
            entries.map((e) => e.note ?? null),
          ],
        );
      }
    });
    this.edited = next;
    this.current = calendar;
    return this.entries(year);
  }
}

function build(edited: Map<number, CalendarEntry[]>): WorkingCalendar {
  const shipped = VIETNAM_HOLIDAYS.filter((e) => !edited.has(Number(e.date.slice(0, 4))));
  const years = [...edited.keys()];
  const all = [...shipped, ...[...edited.values()].flat()];
  const shippedYears = VIETNAM_HOLIDAYS.map((e) => Number(e.date.slice(0, 4)));
  const firstYear = Math.min(...shippedYears, ...years);
  const lastYear = Math.max(...shippedYears, ...years);
  return WorkingCalendar.fromEntries(all, { firstYear, lastYear });
}
