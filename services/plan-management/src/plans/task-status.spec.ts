import { describe, expect, it } from '@jest/globals';
import type { Timeframe } from '@cchc/contracts';
import { effectiveStatus, isDueBy } from './task-status';

const quarterOne: Timeframe = { text: 'Quý I', kind: 'quarter', start: '2021-01-01', end: '2021-03-31' };
const onEvent: Timeframe = { text: 'Theo Kế hoạch của UBND tỉnh', kind: 'event', start: null, end: null };

describe(effectiveStatus.name, () => {
  it('is not_started while nothing has been reported and the timeframe is open', () => {
    expect(effectiveStatus(quarterOne, null, '2021-02-01')).toBe('not_started');
  });

  it('keeps the latest reported status while the timeframe is open', () => {
    expect(effectiveStatus(quarterOne, { status: 'in_progress', percent: 40 }, '2021-02-01')).toBe(
      'in_progress',
    );
  });

  it('is still in time on the last day of the timeframe', () => {
    expect(effectiveStatus(quarterOne, { status: 'in_progress', percent: 90 }, '2021-03-31')).toBe(
      'in_progress',
    );
  });

  it('turns overdue the day after the timeframe ends when the task is not completed', () => {
    expect(effectiveStatus(quarterOne, { status: 'in_progress', percent: 90 }, '2021-04-01')).toBe('overdue');
    expect(effectiveStatus(quarterOne, null, '2021-04-01')).toBe('overdue');
  });

  it('does not treat 100 percent under another status as completed', () => {
    expect(effectiveStatus(quarterOne, { status: 'in_progress', percent: 100 }, '2021-04-01')).toBe(
      'overdue',
    );
  });

  it('stays completed after the timeframe ends', () => {
    expect(effectiveStatus(quarterOne, { status: 'completed', percent: 100 }, '2022-01-01')).toBe(
      'completed',
    );
  });

  it('never makes an event-driven task overdue by date', () => {
    expect(effectiveStatus(onEvent, null, '2030-01-01')).toBe('not_started');
  });

  it('keeps an overdue status that a unit reported itself', () => {
    expect(effectiveStatus(onEvent, { status: 'overdue', percent: 10 }, '2021-05-01')).toBe('overdue');
  });

  it('rejects an asOf that is not a real YYYY-MM-DD date', () => {
    expect(() => effectiveStatus(quarterOne, null, '2021-02-30')).toThrow(RangeError);
    expect(() => effectiveStatus(quarterOne, null, '01/04/2021')).toThrow(RangeError);
  });
});

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
