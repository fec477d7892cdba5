import { describe, expect, it } from '@jest/globals';
import { formatDate, formatDateTime, formatNumber, formatRate } from './format';

describe('console formats', () => {
  it('writes ratios as Vietnamese percentages with one decimal and a comma', () => {
    expect(formatRate(0.9623)).toBe('96,2%');
    expect(formatRate(1)).toBe('100,0%');
    expect(formatRate(null)).toBe('—');
  });

  it('groups thousands with dots', () => {
    expect(formatNumber(12345)).toBe('12.345');
  });

  it('writes dates day/month/year without leading zeros', () => {
    expect(formatDate('2021-03-31')).toBe('31/3/2021');
    expect(formatDate('2021-01-05T08:30:00+07:00')).toBe('5/1/2021');
  });

  it('shows a timestamp in Vietnam time', () => {
    expect(formatDateTime('2021-01-05T01:30:00Z')).toBe('8:30 5/1/2021');
  });
});
