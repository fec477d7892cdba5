import { describe, expect, it } from '@jest/globals';
import { CalendarError, CalendarErrorCode } from './calendar.errors';
import { addCalendarDays, isIsoDate, localDate } from './iso-date';

function errorOf(action: () => unknown): CalendarError {
  try {
    action();
  } catch (error) {
    if (error instanceof CalendarError) return error;
    throw error;
  }
  throw new Error('expected a CalendarError');
}

describe(isIsoDate.name, () => {
  it('accepts real dates written YYYY-MM-DD', () => {
    expect(isIsoDate('2021-01-04')).toBe(true);
    expect(isIsoDate('2021-12-31')).toBe(true);
  });

  it('accepts 29 February only in leap years (every 4th, not centuries unless divisible by 400)', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('2021-02-29')).toBe(false);
    expect(isIsoDate('2100-02-29')).toBe(false);
  });

  it('rejects days that do not exist and malformed strings', () => {
    for (const bad of [
      '2021-02-30',
      '2021-04-31',
      '2021-13-01',
      '2021-00-10',
      '2021-01-00',
      '2021-1-4',
      '21-01-04',
      '2021-01-04T00:00:00Z',
      ' 2021-01-04',
      '',
    ]) {
      expect(isIsoDate(bad)).toBe(false);
    }
  });

  it('rejects values that are not strings', () => {
    expect(isIsoDate(undefined)).toBe(false);
    expect(isIsoDate(20210104)).toBe(false);
    expect(isIsoDate(new Date('2021-01-04'))).toBe(false);
  });
});

describe(localDate.name, () => {
  it('moves a UTC evening to the next day in Vietnam (UTC+7)', () => {
    expect(localDate('2021-03-31T20:00:00Z')).toBe('2021-04-01');
  });

  it('switches day exactly at 17:00 UTC, which is local midnight', () => {
    expect(localDate('2021-03-31T16:59:59Z')).toBe('2021-03-31');
    expect(localDate('2021-03-31T17:00:00Z')).toBe('2021-04-01');
  });

  it('keeps the date of a timestamp already written in +07:00', () => {
    expect(localDate('2021-04-01T00:30:00+07:00')).toBe('2021-04-01');
    expect(localDate('2021-04-01T23:59:59.999+07:00')).toBe('2021-04-01');
  });

  it('honours other offsets, in extended, basic and hour-only forms', () => {
    // 23:30 at UTC-5 is 04:30 UTC next day, 11:30 in Vietnam.
    expect(localDate('2021-03-31T23:30:00-05:00')).toBe('2021-04-01');
    expect(localDate('2021-04-01T01:00:00+0900')).toBe('2021-03-31');
    expect(localDate('2021-04-01T01:00:00+09')).toBe('2021-03-31');
  });

  it('crosses year ends and leap days', () => {
    expect(localDate('2020-12-31T17:00:00.000Z')).toBe('2021-01-01');
    expect(localDate('2024-02-28T18:00:00Z')).toBe('2024-02-29');
    expect(localDate('2023-02-28T18:00:00Z')).toBe('2023-03-01');
  });

  it('accepts a timestamp without seconds and with a space separator', () => {
    expect(localDate('2021-03-31 20:00Z')).toBe('2021-04-01');
  });

  it('refuses a timestamp without an offset, since its instant is ambiguous', () => {
    const error = errorOf(() => localDate('2021-03-31T20:00:00'));
    expect(error.code).toBe(CalendarErrorCode.InvalidTimestamp);
    expect(error.message).toContain('"2021-03-31T20:00:00"');
  });

  it('refuses dates and times that do not exist, and non-timestamps', () => {
    for (const bad of [
      '2021-02-30T10:00:00Z',
      '2021-03-31T24:00:00Z',
      '2021-03-31T10:60:00Z',
      '2021-03-31T10:00:00+25:00',
      '2021-03-31',
      'yesterday',
      '',
    ]) {
      expect(errorOf(() => localDate(bad)).code).toBe(CalendarErrorCode.InvalidTimestamp);
    }
  });
});

describe(addCalendarDays.name, () => {
  it('counts calendar days across month, leap-day and year boundaries', () => {
    expect(addCalendarDays('2021-01-31', 1)).toBe('2021-02-01');
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addCalendarDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addCalendarDays('2021-12-31', 1)).toBe('2022-01-01');
    expect(addCalendarDays('2021-01-01', 365)).toBe('2022-01-01');
    expect(addCalendarDays('2024-01-01', 366)).toBe('2025-01-01');
  });

  it('counts backwards for negative days', () => {
    expect(addCalendarDays('2021-03-01', -1)).toBe('2021-02-28');
    expect(addCalendarDays('2024-03-01', -1)).toBe('2024-02-29');
  });

  it('refuses an invalid date or a fractional count', () => {
    expect(errorOf(() => addCalendarDays('2021-02-30', 1)).code).toBe(CalendarErrorCode.InvalidDate);
    expect(errorOf(() => addCalendarDays('2021-02-01', 1.5)).code).toBe(CalendarErrorCode.InvalidCount);
  });
});
