import { describe, expect, it } from '@jest/globals';
import { PeriodError, PeriodErrorCode } from './calendar.errors';
import { currentQuarter, parsePeriod, periodFromRange, type PeriodWindow } from './periods';

function errorOf(action: () => unknown): PeriodError {
  try {
    action();
  } catch (error) {
    if (error instanceof PeriodError) return error;
    throw error;
  }
  throw new Error('expected a PeriodError');
}

describe(parsePeriod.name, () => {
  // Calendar window: whole calendar months.
  it.each([
    ['2021-Q1', '2021-01-01', '2021-03-31', 'quý I năm 2021'],
    ['2021-Q2', '2021-04-01', '2021-06-30', 'quý II năm 2021'],
    ['2021-Q3', '2021-07-01', '2021-09-30', 'quý III năm 2021'],
    ['2021-Q4', '2021-10-01', '2021-12-31', 'quý IV năm 2021'],
    ['2021-H1', '2021-01-01', '2021-06-30', '6 tháng đầu năm 2021'],
    ['2021-H2', '2021-07-01', '2021-12-31', '6 tháng cuối năm 2021'],
    ['2021-9M', '2021-01-01', '2021-09-30', '9 tháng năm 2021'],
    ['2021', '2021-01-01', '2021-12-31', 'năm 2021'],
    ['2021-03', '2021-03-01', '2021-03-31', 'tháng 3 năm 2021'],
    ['2021-04', '2021-04-01', '2021-04-30', 'tháng 4 năm 2021'],
    ['2021-12', '2021-12-01', '2021-12-31', 'tháng 12 năm 2021'],
  ])('maps %s in the calendar window to %s … %s', (period, from, to, label) => {
    expect(parsePeriod(period)).toEqual({ from, to, window: 'calendar', label });
  });

  // Decree 09/2019 cut-off as domain.md §5 states it: 15th of the previous month → 14th.
  it.each([
    ['2021-Q1', '2020-12-15', '2021-03-14', 'quý I năm 2021'],
    ['2021-Q2', '2021-03-15', '2021-06-14', 'quý II năm 2021'],
    ['2021-Q3', '2021-06-15', '2021-09-14', 'quý III năm 2021'],
    ['2021-Q4', '2021-09-15', '2021-12-14', 'quý IV năm 2021'],
    ['2021-H1', '2020-12-15', '2021-06-14', '6 tháng đầu năm 2021'],
    ['2021-H2', '2021-06-15', '2021-12-14', '6 tháng cuối năm 2021'],
    ['2021-9M', '2020-12-15', '2021-09-14', '9 tháng năm 2021'],
    ['2021', '2020-12-15', '2021-12-14', 'năm 2021'],
    ['2021-01', '2020-12-15', '2021-01-14', 'tháng 1 năm 2021'],
    ['2021-03', '2021-02-15', '2021-03-14', 'tháng 3 năm 2021'],
    ['2021-12', '2021-11-15', '2021-12-14', 'tháng 12 năm 2021'],
  ])('maps %s in the decree09 window to %s … %s', (period, from, to, label) => {
    expect(parsePeriod(period, 'decree09')).toEqual({ from, to, window: 'decree09', label });
  });

  it('ends February on the 29th in leap years only', () => {
    expect(parsePeriod('2024-02').to).toBe('2024-02-29');
    expect(parsePeriod('2000-02').to).toBe('2000-02-29');
    expect(parsePeriod('2023-02').to).toBe('2023-02-28');
    expect(parsePeriod('2100-02').to).toBe('2100-02-28');
  });

  it('ends the decree09 February window on the 14th whatever the year', () => {
    expect(parsePeriod('2024-03', 'decree09')).toMatchObject({ from: '2024-02-15', to: '2024-03-14' });
    expect(parsePeriod('2024-02', 'decree09')).toMatchObject({ from: '2024-01-15', to: '2024-02-14' });
  });

  it('makes consecutive decree09 quarters meet without gap or overlap', () => {
    expect(parsePeriod('2021-Q4', 'decree09').to).toBe('2021-12-14');
    expect(parsePeriod('2022-Q1', 'decree09').from).toBe('2021-12-15');
  });

  it.each([
    '2021-Q5',
    '2021-Q0',
    '2021-H3',
    '2021-H0',
    '2021-13',
    '2021-00',
    '2021-6M',
    '2021-q1',
    '21-Q1',
    '2021Q1',
    '2021-Q1 ',
    ' 2021',
    '0000',
    '',
    'Q1-2021',
    '2021-1',
  ])('refuses %j, naming it and the accepted forms', (bad) => {
    const error = errorOf(() => parsePeriod(bad));
    expect(error.code).toBe(PeriodErrorCode.InvalidPeriod);
    expect(error.message).toContain(JSON.stringify(bad));
    expect(error.message).toContain('YYYY-Qn');
    expect(error.message).toContain('YYYY-MM');
  });

  it('refuses an unknown window', () => {
    const error = errorOf(() => parsePeriod('2021-Q1', 'fiscal' as PeriodWindow));
    expect(error.code).toBe(PeriodErrorCode.InvalidWindow);
    expect(error.message).toContain('"fiscal"');
  });

  it('refuses a value that is not a string', () => {
    expect(errorOf(() => parsePeriod(2021 as unknown as string)).code).toBe(PeriodErrorCode.InvalidPeriod);
  });
});

describe(periodFromRange.name, () => {
  it('keeps the dates as given and labels the range in Vietnamese', () => {
    expect(periodFromRange('2021-01-01', '2021-03-31')).toEqual({
      from: '2021-01-01',
      to: '2021-03-31',
      window: 'calendar',
      label: 'từ ngày 01/01/2021 đến ngày 31/03/2021',
    });
  });

  it('accepts a single-day range', () => {
    expect(periodFromRange('2024-02-29', '2024-02-29')).toMatchObject({
      from: '2024-02-29',
      to: '2024-02-29',
    });
  });

  it('refuses from after to', () => {
    const error = errorOf(() => periodFromRange('2021-04-01', '2021-03-31'));
    expect(error.code).toBe(PeriodErrorCode.InvalidRange);
    expect(error.message).toContain('2021-04-01');
  });

  it('refuses dates that do not exist, naming the field', () => {
    const error = errorOf(() => periodFromRange('2021-01-01', '2021-02-30'));
    expect(error.code).toBe(PeriodErrorCode.InvalidRange);
    expect(error.message).toContain('to "2021-02-30"');
    expect(errorOf(() => periodFromRange('2023-02-29', '2023-03-01')).message).toContain('from');
  });
});

describe(currentQuarter.name, () => {
  it('gives the calendar quarter of a day', () => {
    expect(currentQuarter('2021-01-01')).toBe('2021-Q1');
    expect(currentQuarter('2021-03-31')).toBe('2021-Q1');
    expect(currentQuarter('2021-04-01')).toBe('2021-Q2');
    expect(currentQuarter('2021-12-31')).toBe('2021-Q4');
  });

  it('moves to the next quarter from the 15th of its last month in the decree09 window', () => {
    expect(currentQuarter('2021-03-14', 'decree09')).toBe('2021-Q1');
    expect(currentQuarter('2021-03-15', 'decree09')).toBe('2021-Q2');
    expect(currentQuarter('2021-12-14', 'decree09')).toBe('2021-Q4');
    expect(currentQuarter('2021-12-15', 'decree09')).toBe('2022-Q1');
  });

  it('returns a quarter whose window contains the day', () => {
    for (const window of ['calendar', 'decree09'] as const) {
      for (const day of ['2021-01-10', '2021-03-20', '2021-06-14', '2021-06-15', '2021-12-31']) {
        const { from, to } = parsePeriod(currentQuarter(day, window), window);
        expect(from <= day && day <= to).toBe(true);
      }
    }
  });

  it('refuses a date that does not exist', () => {
    expect(errorOf(() => currentQuarter('2021-02-30')).code).toBe(PeriodErrorCode.InvalidRange);
  });
});
