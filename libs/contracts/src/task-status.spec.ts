import { describe, expect, it } from '@jest/globals';
import type { Timeframe } from './plans';
import { reportOwed, taskPeriodStatus, type ApprovedReport, type DayRange } from './task-status';

const quarterOne: Timeframe = { text: 'Quý I', kind: 'quarter', start: '2021-01-01', end: '2021-03-31' };
const wholeYear: Timeframe = {
  text: 'Tháng 01- Tháng 12',
  kind: 'months',
  start: '2021-01-01',
  end: '2021-12-31',
};
const quarterFour: Timeframe = { text: 'Quý IV', kind: 'quarter', start: '2021-10-01', end: '2021-12-31' };
const onEvent: Timeframe = { text: 'Theo Kế hoạch của UBND tỉnh', kind: 'event', start: null, end: null };
// Decree 09 windows.
const q1: DayRange = { from: '2020-12-15', to: '2021-03-14' };
const q2: DayRange = { from: '2021-03-15', to: '2021-06-14' };
const q4: DayRange = { from: '2021-09-15', to: '2021-12-14' };
const report = (from: string, to: string, status: ApprovedReport['status']): ApprovedReport => ({
  period: { from, to },
  status,
});
const inQ1 = report('2021-01-01', '2021-03-31', 'in_progress');

describe(taskPeriodStatus.name, () => {
  it('is completed once an approved report says so, even past the timeframe', () => {
    const approved = [report('2021-01-01', '2021-03-31', 'completed')];
    expect(taskPeriodStatus({ timeframe: quarterOne, approved, period: q2, asOf: '2021-06-14' })).toBe(
      'completed',
    );
  });

  it('ignores a report about a period that has not begun by asOf', () => {
    const approved = [report('2021-04-01', '2021-06-30', 'completed'), inQ1];
    expect(taskPeriodStatus({ timeframe: wholeYear, approved, period: q1, asOf: '2021-03-14' })).toBe(
      'in_progress',
    );
  });

  it('turns overdue the day after the timeframe ends, reported or not', () => {
    expect(
      taskPeriodStatus({ timeframe: quarterOne, approved: [inQ1], period: q2, asOf: '2021-03-31' }),
    ).toBe('in_progress');
    expect(
      taskPeriodStatus({ timeframe: quarterOne, approved: [inQ1], period: q2, asOf: '2021-04-01' }),
    ).toBe('overdue');
    expect(taskPeriodStatus({ timeframe: quarterOne, approved: [], period: q2, asOf: '2021-04-01' })).toBe(
      'overdue',
    );
  });

  it('is not_reported without an approved report about the period', () => {
    expect(taskPeriodStatus({ timeframe: wholeYear, approved: [], period: q1, asOf: '2021-03-01' })).toBe(
      'not_reported',
    );
    // The Q1 report does not cover the second quarter's window once it is past mid-April.
    expect(taskPeriodStatus({ timeframe: wholeYear, approved: [inQ1], period: q2, asOf: '2021-05-01' })).toBe(
      'in_progress',
    );
    const q3: DayRange = { from: '2021-06-15', to: '2021-09-14' };
    expect(taskPeriodStatus({ timeframe: wholeYear, approved: [inQ1], period: q3, asOf: '2021-08-01' })).toBe(
      'not_reported',
    );
  });

  it('is not_reported, never not_started, for an unreported task whose timeframe begins after the period', () => {
    // §6 has no "not yet due" rule: "Chưa triển khai" is only what an approved report says.
    expect(taskPeriodStatus({ timeframe: quarterFour, approved: [], period: q1, asOf: '2021-03-01' })).toBe(
      'not_reported',
    );
    expect(reportOwed(quarterFour, q1)).toBe(false);
    expect(reportOwed(quarterFour, q4)).toBe(true);
    expect(taskPeriodStatus({ timeframe: quarterFour, approved: [], period: q4, asOf: '2021-10-01' })).toBe(
      'not_reported',
    );
  });

  it('calls an event-triggered task without a report "not applicable" once the period has ended', () => {
    expect(taskPeriodStatus({ timeframe: onEvent, approved: [], period: q4, asOf: '2021-12-01' })).toBe(
      'not_reported',
    );
    expect(taskPeriodStatus({ timeframe: onEvent, approved: [], period: q4, asOf: '2021-12-14' })).toBe(
      'not_applicable',
    );
    const approved = [report('2021-10-01', '2021-12-31', 'in_progress')];
    expect(taskPeriodStatus({ timeframe: onEvent, approved, period: q4, asOf: '2021-12-14' })).toBe(
      'in_progress',
    );
  });

  it('takes the newest approved report about the period', () => {
    const approved = [report('2021-01-01', '2021-03-31', 'not_started'), inQ1];
    expect(taskPeriodStatus({ timeframe: wholeYear, approved, period: q1, asOf: '2021-03-14' })).toBe(
      'not_started',
    );
  });
});
