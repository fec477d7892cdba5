import { describe, expect, it } from '@jest/globals';
import {
  taskPeriodStatus,
  type ApprovedReport,
  type ObjectiveView,
  type TaskPeriodStatus,
  type TaskView,
} from '@cchc/contracts';
import { withProgressActual } from './objective-progress';

const Q1 = { from: '2021-01-01', to: '2021-03-31' };
const YEAR = { text: 'Tháng 01- Tháng 12', kind: 'months' as const, start: '2021-01-01', end: '2021-12-31' };

function task(code: string, status: TaskPeriodStatus): TaskView {
  return {
    code,
    section: code.split('.')[0],
    group: null,
    content: code,
    products: [],
    leadUnits: ['Văn phòng'],
    coordinatingUnits: [],
    leadUnitCodes: ['vp'],
    coordinatingUnitCodes: [],
    timeframe: YEAR,
    budgetMillionVnd: null,
    status,
    latestProgress: null,
    awaitingReview: null,
  };
}

// The status as plan views compute it: approved reports only.
const statusWith = (approved: ApprovedReport[]): TaskPeriodStatus =>
  taskPeriodStatus({ timeframe: YEAR, approved, period: Q1, asOf: '2021-03-31' });

const recorded = { value: 80, unit: '%', asOf: '2021-03-01', note: null, source: 'manual' as const };

function objective(over: Partial<ObjectiveView>): ObjectiveView {
  return { code: '1.6', text: 'Hạ tầng CNTT', target: null, actual: null, kpi: null, tasks: [], ...over };
}

describe(withProgressActual.name, () => {
  const tasks = [
    task('VII.1', statusWith([{ period: Q1, status: 'completed' }])),
    task('VII.2', statusWith([{ period: Q1, status: 'in_progress' }])),
    task('VII.3', statusWith([])),
    task('VII.4', 'overdue'),
    task('VII.5', 'completed'),
  ];

  it('is the share of linked tasks completed in the period, with where it came from', () => {
    const o = objective({ tasks: ['VII.1', 'VII.2', 'VII.3', 'VII.4'] });
    expect(withProgressActual(o, tasks, '2021-03-31', '2021-Q1').actual).toEqual({
      value: 25,
      unit: '%',
      asOf: '2021-03-31',
      note: 'Theo tiến độ đã duyệt kỳ 2021-Q1: 1/4 nhiệm vụ hoàn thành',
      source: 'progress',
      completed: 1,
      total: 4,
    });
  });

  it('rounds to two decimals of a percent', () => {
    const o = objective({ tasks: ['VII.1', 'VII.2', 'VII.3'] });
    expect(withProgressActual(o, tasks, '2021-03-31', '2021-Q1').actual?.value).toBe(33.33);
  });

  it('wins over a recorded actual', () => {
    const o = objective({ tasks: ['VII.1', 'VII.5'], actual: recorded });
    expect(withProgressActual(o, tasks, '2021-03-31', '2021-Q1').actual).toMatchObject({
      value: 100,
      source: 'progress',
    });
  });

  it('leaves KPI-measured objectives and objectives without tasks as they are', () => {
    const kpi = objective({ kpi: 'online', tasks: ['VII.1'], actual: recorded });
    expect(withProgressActual(kpi, tasks, '2021-03-31', '2021-Q1')).toBe(kpi);
    const plain = objective({ actual: recorded });
    expect(withProgressActual(plain, tasks, '2021-03-31', '2021-Q1')).toBe(plain);
  });

  it('has no actual when none of the linked tasks is in the plan', () => {
    const o = objective({ tasks: ['IX.1'], actual: recorded });
    expect(withProgressActual(o, tasks, '2021-03-31', '2021-Q1').actual).toBeNull();
  });
});
