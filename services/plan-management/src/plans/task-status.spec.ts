import { describe, expect, it } from '@jest/globals';
import type { Timeframe } from '@cchc/contracts';
import { isDueBy } from './task-status';

const quarterOne: Timeframe = { text: 'Quý I', kind: 'quarter', start: '2021-01-01', end: '2021-03-31' };
const onEvent: Timeframe = { text: 'Theo Kế hoạch của UBND tỉnh', kind: 'event', start: null, end: null };

describe(isDueBy.name, () => {
  it('is false before the last day of the timeframe', () => {
    expect(isDueBy(quarterOne, '2021-03-30')).toBe(false);
  });

  it('is true from the last day of the timeframe on', () => {
    expect(isDueBy(quarterOne, '2021-03-31')).toBe(true);
    expect(isDueBy(quarterOne, '2021-06-30')).toBe(true);
  });

  it('is never true for a timeframe without an end date', () => {
    expect(isDueBy(onEvent, '2030-12-31')).toBe(false);
  });

  it('rejects an asOf that is not a YYYY-MM-DD date', () => {
    expect(() => isDueBy(quarterOne, '2021-4-1')).toThrow(RangeError);
  });
});
