import { describe, expect, it } from '@jest/globals';
import { defaultCalendar } from '@cchc/calendar';
import type { PlanView, TaskPeriodStatus, TaskView } from '@cchc/contracts';
import { planReminders } from './plan-reminders';

function task(code: string, units: string[], status: TaskPeriodStatus, waiting = false): TaskView {
  return {
    code,
    section: 'I',
    group: null,
    content: `Nhiệm vụ ${code}`,
    products: [],
    leadUnits: units,
    coordinatingUnits: [],
    leadUnitCodes: units,
    coordinatingUnitCodes: [],
    timeframe: { text: 'Quý I', kind: 'quarter', start: '2021-01-01', end: '2021-03-31' },
    budgetMillionVnd: null,
    status,
    latestProgress: null,
    awaitingReview: waiting
      ? {
          id: '1',
          period: '2021-Q1',
          status: 'in_progress',
          percent: 50,
          note: null,
          evidence: [],
          recordedAt: '2021-03-09T02:00:00.000Z',
          recordedBy: 'tt',
          review: { state: 'submitted', by: null, at: null, comment: null },
        }
      : null,
  };
}

function plan(asOf: string, tasks: TaskView[]): PlanView {
  return {
    id: 'p',
    year: 2021,
    title: 'Kế hoạch',
    decision: { number: '1', date: '2020-12-30', issuer: 'Sở', signer: 'A', signerTitle: 'GĐ' },
    objectives: [],
    requirements: [],
    sections: [{ code: 'I', title: 'I', groups: [] }],
    units: [
      { code: 'vp', name: 'Văn phòng' },
      { code: 'tt', name: 'Thanh tra Sở' },
    ],
    tasks,
    budgetTotalMillionVnd: 0,
    statusAsOf: asOf,
    statusPeriod: '2021-Q1',
  };
}

const settings = {
  window: 'decree09' as const,
  reminderDays: 5,
  calendar: defaultCalendar(),
  cutoff: '2021-03-14',
};
const tasks = [
  task('I.1', ['vp'], 'not_reported'),
  task('I.2', ['vp', 'tt'], 'overdue'),
  task('I.3', ['tt'], 'not_reported', true),
  task('I.4', ['tt'], 'in_progress'),
];

describe(planReminders.name, () => {
  it('asks no report of a task whose timeframe begins after the period (still "Chưa báo cáo" by §6)', () => {
    const later = task('II.1', ['vp'], 'not_reported');
    later.timeframe = { text: 'Quý II', kind: 'quarter', start: '2021-04-01', end: '2021-06-30' };
    const r = planReminders(plan('2021-03-10', [task('I.1', ['vp'], 'not_reported'), later]), settings);
    expect(r.total).toBe(1);
    expect(r.byLeadUnit.flatMap((u) => u.tasks.map((t) => t.code))).toEqual(['I.1']);
  });

  it('reminds missing reports from the fifth working day before the cut-off (Sunday 14/3 → Monday 8/3)', () => {
    const r = planReminders(plan('2021-03-08', tasks), settings);
    expect(r).toMatchObject({ remindFrom: '2021-03-08', remindingMissing: true, total: 2 });
    expect(r.byLeadUnit).toEqual([
      {
        unit: 'tt',
        name: 'Thanh tra Sở',
        tasks: [expect.objectContaining({ code: 'I.2', status: 'overdue' })],
      },
      {
        unit: 'vp',
        name: 'Văn phòng',
        tasks: [
          expect.objectContaining({ code: 'I.1', status: 'not_reported' }),
          expect.objectContaining({ code: 'I.2', status: 'overdue' }),
        ],
      },
    ]);
  });

  it('lists only overdue tasks before the reminder days and after the cut-off', () => {
    for (const asOf of ['2021-03-05', '2021-03-15']) {
      const r = planReminders(plan(asOf, tasks), settings);
      expect(r.remindingMissing).toBe(false);
      expect(r.byLeadUnit.flatMap((u) => u.tasks.map((t) => t.status))).toEqual(['overdue', 'overdue']);
    }
  });

  it('does not remind a unit whose report waits for the Văn phòng', () => {
    const r = planReminders(plan('2021-03-12', tasks), settings);
    expect(r.byLeadUnit.flatMap((u) => u.tasks.map((t) => t.code))).not.toContain('I.3');
  });
});
