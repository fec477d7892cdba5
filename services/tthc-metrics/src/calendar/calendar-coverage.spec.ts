import { describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { HealthRegistry } from '@cchc/observability';
import { CalendarService } from './calendar.service';

describe('CalendarService coverage warning', () => {
  // The warning reads only the calendar in force (the shipped 2019–2030 data here): no database.
  const sut = new CalendarService({} as DataSource, new HealthRegistry());

  it('is silent well inside the covered years', () => {
    expect(sut.coverageWarning('2026-12-01')).toBeNull();
    expect(sut.coverageWarning('2030-10-02')).toBeNull(); // + 90 days = 31/12/2030
  });

  it('warns, naming the covered years, within 90 days of the end and past it', () => {
    expect(sut.coverageWarning('2030-10-03')).toContain('từ năm 2019 đến hết năm 2030');
    expect(sut.coverageWarning('2031-03-01')).toContain('2031-03-01');
    expect(sut.coverageWarning('2018-12-31')).not.toBeNull();
  });
});
