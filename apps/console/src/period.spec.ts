import { describe, expect, it } from '@jest/globals';
import { currentQuarter, monthsOfYearTo, periodLabel, quarterOptions } from './period';

describe('console periods', () => {
  it('names periods as Vietnamese reports do', () => {
    expect(periodLabel('2021-Q1')).toBe('Quý I/2021');
    expect(periodLabel('2021-Q4')).toBe('Quý IV/2021');
    expect(periodLabel('2021-H1')).toBe('6 tháng đầu năm 2021');
    expect(periodLabel('2021-9M')).toBe('9 tháng năm 2021');
    expect(periodLabel('2021')).toBe('Năm 2021');
    expect(periodLabel('2021-03')).toBe('Tháng 3/2021');
  });

  it('finds the current quarter and lists quarters newest first', () => {
    expect(currentQuarter('2021-05-31')).toBe('2021-Q2');
    expect(quarterOptions(2021, '2022-02-01')).toEqual([
      '2022-Q1',
      '2021-Q4',
      '2021-Q3',
      '2021-Q2',
      '2021-Q1',
    ]);
  });

  it('lists the months of the year up to the end of a period', () => {
    expect(monthsOfYearTo('2021-Q2')).toHaveLength(6);
    expect(monthsOfYearTo('2021-9M').at(-1)).toBe('2021-09');
    expect(monthsOfYearTo('2021')).toHaveLength(12);
  });
});
