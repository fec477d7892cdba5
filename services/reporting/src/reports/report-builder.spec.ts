import { describe, expect, it } from '@jest/globals';

import type { TaskView } from '@cchc/contracts';

import { kpisByUnit, planSummary, planView, reportInput } from '../../test/fixtures/report-input';
import { reportTaskStatus } from './content/report-tasks';
import { buildReport, hashReportContent, markIssued } from './report-builder';

const NONE = { not_started: 0, in_progress: 0, completed: 0, overdue: 0, not_reported: 0, not_applicable: 0 };

const taskOf = (model: ReturnType<typeof buildReport>, code: string) => {
  const task = model.sections.flatMap((s) => s.tasks).find((t) => t.code === code);
  if (!task) throw new Error(`no task ${code}`);
  return task;
};

describe(buildReport.name, () => {
  const model = buildReport(reportInput());

  it('carries the period, agency, plan reference and a draft version', () => {
    expect(model.period).toEqual({
      code: '2021-Q1',
      from: '2021-01-01',
      to: '2021-03-31',
      window: 'calendar',
      label: 'quý I năm 2021',
      // Two working days after Wednesday 31/03: Thursday 01/04, Friday 02/04.
      deadline: '2021-04-02',
      deadlineWorkingDays: 2,
      next: { from: '2021-04-01', to: '2021-06-30', label: 'quý II năm 2021' },
    });
    expect(model.agency.parent).toBe('UBND TỈNH ĐẮK NÔNG');
    expect(model.agency.name).toBe('SỞ GIÁO DỤC VÀ ĐÀO TẠO');
    expect(model.agency.place).toBe('Đắk Nông');
    expect(model.plan).toEqual({
      id: 'kh-cchc-2021',
      year: 2021,
      title: 'Kế hoạch cải cách hành chính Sở Giáo dục và Đào tạo năm 2021',
      decision: expect.objectContaining({ number: '1634/QĐ-SGDĐT', signer: 'Nguyễn Văn Toàn' }),
    });
    expect(model.version).toEqual({
      status: 'draft',
      version: null,
      contentHash: null,
      issuedAt: null,
      documentNumber: null,
    });
  });

  it("takes each task's latest reported status, overdue once its timeframe ended before the period end", () => {
    expect(taskOf(model, 'I.1.1').status).toBe('completed');
    expect(taskOf(model, 'I.1.2').status).toBe('in_progress');
    // Reported in progress, but "Tháng 12/2020" ended before 31/03/2021.
    expect(taskOf(model, 'III.1.1')).toMatchObject({ status: 'overdue', reportedStatus: 'in_progress' });
    // Never reported, and "Tháng 01- 02/2021" ended on 28/02/2021.
    expect(taskOf(model, 'VII.1')).toMatchObject({ status: 'overdue', reportedStatus: null, progress: null });
    expect(taskOf(model, 'VII.8').status).toBe('not_applicable');
    expect(taskOf(model, 'III.4.1').status).toBe('not_reported');
  });

  it("ignores plan-management's status of today in favour of the status at the period end", () => {
    const plan = planView();
    plan.tasks = plan.tasks.map((t) => ({ ...t, status: 'overdue' as const }));
    const early = buildReport(reportInput({ plan }));
    expect(taskOf(early, 'I.1.2').status).toBe('in_progress');
  });

  it('counts tasks by effective status per section and for the whole plan', () => {
    expect(model.sections.map((s) => [s.code, s.total, s.byStatus])).toEqual([
      ['I', 2, { ...NONE, in_progress: 1, completed: 1 }],
      ['III', 2, { ...NONE, overdue: 1, not_reported: 1 }],
      ['VII', 2, { ...NONE, overdue: 1, not_applicable: 1 }],
    ]);
    expect(model.tasks).toEqual({
      total: 6,
      byStatus: { ...NONE, in_progress: 1, completed: 1, overdue: 2, not_reported: 1, not_applicable: 1 },
    });
  });

  it('never calls a task nobody reported on "chưa triển khai": not reported, or not applicable for an event', () => {
    expect(taskOf(model, 'III.4.1')).toMatchObject({ status: 'not_reported', reportedStatus: null });
    // "Theo Kế hoạch của UBND tỉnh": event-triggered, no report by the period end.
    expect(taskOf(model, 'VII.8')).toMatchObject({ status: 'not_applicable', reportedStatus: null });
  });

  it('keeps the latest progress with its note, the timeframe as written, and evidence of the window only', () => {
    expect(taskOf(model, 'I.1.1')).toMatchObject({
      timeframe: 'Quý I',
      deadline: '2021-03-31',
      leadUnits: ['Văn phòng'],
      progress: {
        period: '2021-Q1',
        percent: 100,
        note: 'Đã kiện toàn Ban chỉ đạo và ban hành Quy chế hoạt động.',
      },
      evidence: [
        { docNo: '25/QĐ-SGDĐT', date: '2021-01-15', title: 'Quyết định kiện toàn Ban chỉ đạo CCHC' },
      ],
    });
  });

  it('puts a task whose section the plan does not list into a section of its own', () => {
    const plan = planView();
    plan.tasks.push({ ...plan.tasks[0], code: 'VIII.1', section: 'VIII' });
    const extended = buildReport(reportInput({ plan }));
    expect(extended.sections.map((s) => s.code)).toEqual(['I', 'III', 'VII', 'VIII']);
    expect(extended.tasks.total).toBe(7);
  });

  it('lays the TTHC figures out as the department row and one row per unit with its name', () => {
    expect(model.tthc.department).toEqual(kpisByUnit().total);
    expect(model.tthc.department.received.total).toBe(1234);
    expect(model.tthc.perUnit.map((u) => [u.unit, u.unitName, u.kpis.received.total])).toEqual([
      ['vp', 'Văn phòng Sở', 720],
      ['gdtrh', 'Phòng Giáo dục Trung học', 434],
      ['tccb-tc', 'Phòng Tổ chức cán bộ - Tài chính', 80],
    ]);
  });

  it('scopes the TTHC figures to one unit: its figures as the total, no per-unit rows', () => {
    const vp = kpisByUnit().units.find((u) => u.unit === 'vp')!.kpis;
    const scoped = buildReport(
      reportInput({ kpis: { period: vp.period, total: vp, units: [] }, scopeUnit: 'vp' }),
    );
    expect(scoped.tthc.scope).toEqual({ unit: 'vp', unitName: 'Văn phòng Sở' });
    expect(scoped.tthc.department).toEqual(vp);
    expect(scoped.tthc.perUnit).toEqual([]);
    expect(model.tthc.scope).toBeNull();
  });

  it('falls back to the unit code when no name is known', () => {
    const unnamed = buildReport(reportInput({ unitNames: {} }));
    expect(unnamed.tthc.perUnit[0].unitName).toBe('vp');
  });

  it('measures objectives against their targets, leaving unmeasurable ones open', () => {
    expect(model.objectives.map((o) => [o.code, o.met])).toEqual([
      ['1.1', true],
      ['1.3', null],
      ['1.4', false],
    ]);
  });

  it("measures the plan's 100% TTHC targets from the department KPIs", () => {
    expect(model.tthc.targets).toEqual([
      { key: 'onTimeRate', label: expect.any(String), target: 1, actual: 1076 / 1100, met: false },
      { key: 'apologyCoverage', label: expect.any(String), target: 1, actual: 25 / 28, met: false },
      { key: 'feedbackOnTimeRate', label: expect.any(String), target: 1, actual: 1, met: true },
    ]);
  });

  it('takes planned budget from the plan summary, with the budgeted tasks as items', () => {
    expect(model.budget).toEqual({
      plannedMillionVnd: 7,
      bySection: [
        { section: 'I', title: 'CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH', plannedMillionVnd: 5 },
        { section: 'III', title: 'CẢI CÁCH THỦ TỤC HÀNH CHÍNH', plannedMillionVnd: 0 },
        { section: 'VII', title: 'XÂY DỰNG CHÍNH QUYỀN ĐIỆN TỬ', plannedMillionVnd: 2 },
      ],
      items: [
        {
          code: 'I.1.2',
          section: 'I',
          content: 'Họp Ban chỉ đạo CCHC định kỳ quý, 6 tháng, năm',
          plannedMillionVnd: 5,
        },
        {
          code: 'VII.1',
          section: 'VII',
          content: 'Ban hành kế hoạch ứng dụng công nghệ thông tin năm 2021',
          plannedMillionVnd: 2,
        },
      ],
    });
    const summary = planSummary();
    summary.budget.plannedMillionVnd = 42;
    expect(buildReport(reportInput({ summary })).budget.plannedMillionVnd).toBe(42);
  });

  it('writes parts I–V in order, the measured shortfalls under III', () => {
    expect(model.parts.map((p) => p.title)).toEqual([
      'I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH',
      'II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH',
      'III. ĐÁNH GIÁ CHUNG',
      'IV. PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ II NĂM 2021',
      'V. KIẾN NGHỊ, ĐỀ XUẤT',
    ]);
    const assessment = model.parts[2].blocks.map((b) => ('text' in b ? b.text : ''));
    expect(assessment).toContain('Còn 4 hồ sơ đang giải quyết đã quá hạn.');
  });

  it('is plain JSON: a serialised model reads back equal', () => {
    expect(JSON.parse(JSON.stringify(model))).toEqual(model);
  });
});

describe(reportTaskStatus.name, () => {
  const Q1 = { from: '2021-01-01', to: '2021-03-31', window: 'calendar' as const };
  const task = (
    status: NonNullable<TaskView['latestProgress']>['status'] | null,
    end: string | null,
    opts: { kind?: TaskView['timeframe']['kind']; period?: string } = {},
  ): Pick<TaskView, 'latestProgress' | 'timeframe'> => ({
    timeframe: { text: 'Quý I', kind: opts.kind ?? 'quarter', start: '2021-01-01', end },
    latestProgress:
      status === null
        ? null
        : {
            period: opts.period ?? '2021-Q1',
            status,
            percent: 50,
            note: null,
            evidence: [],
            recordedAt: '2021-03-01',
            recordedBy: null,
            id: '1',
            review: { state: 'approved', by: null, at: null, comment: null },
          },
  });

  it('keeps a task in time on the last day of its timeframe and makes it overdue the day after', () => {
    expect(reportTaskStatus(task('in_progress', '2021-03-31'), Q1)).toBe('in_progress');
    expect(reportTaskStatus(task('in_progress', '2021-03-31'), { ...Q1, to: '2021-04-01' })).toBe('overdue');
  });

  it('never makes a completed task overdue', () => {
    expect(reportTaskStatus(task('completed', '2020-12-31'), Q1)).toBe('completed');
  });

  it('reads a task without progress as not reported, an event-triggered one as not applicable', () => {
    expect(reportTaskStatus(task(null, '2021-06-30'), Q1)).toBe('not_reported');
    expect(reportTaskStatus(task(null, null), { ...Q1, to: '2021-12-31' })).toBe('not_reported');
    // At year end an event that never happened is "Không phát sinh", never "not yet due".
    expect(reportTaskStatus(task(null, null, { kind: 'event' }), { ...Q1, to: '2021-12-14' })).toBe(
      'not_applicable',
    );
  });

  it('ignores progress nobody approved: only approved reports reach a report', () => {
    const submitted = task('completed', '2021-03-31');
    submitted.latestProgress!.review = { state: 'submitted', by: null, at: null, comment: null };
    expect(reportTaskStatus(submitted, Q1)).toBe('not_reported');
    expect(reportTaskStatus(task('completed', '2021-03-31'), Q1)).toBe('completed');
  });

  it('says not_reported, never not_started, for an unreported task whose timeframe begins after the period', () => {
    const later = task(null, '2021-12-31');
    later.timeframe = { text: 'Quý IV', kind: 'quarter', start: '2021-10-01', end: '2021-12-31' };
    expect(reportTaskStatus(later, Q1)).toBe('not_reported');
  });

  it("does not count a report filed for an earlier period as this period's report", () => {
    const Q2 = { from: '2021-04-01', to: '2021-06-30', window: 'calendar' as const };
    expect(reportTaskStatus(task('in_progress', '2021-12-31', { period: '2021-Q1' }), Q2)).toBe(
      'not_reported',
    );
    expect(reportTaskStatus(task('in_progress', '2021-12-31', { period: '2021-Q2' }), Q2)).toBe(
      'in_progress',
    );
  });
});

describe(markIssued.name, () => {
  const draft = buildReport(reportInput());

  it('freezes the report with its version, issue time and content hash', () => {
    const issued = markIssued(draft, {
      version: 1,
      issuedAt: '2021-04-05T10:00:00+07:00',
      documentNumber: '15',
    });
    expect(issued.version).toEqual({
      status: 'issued',
      version: 1,
      issuedAt: '2021-04-05T10:00:00+07:00',
      documentNumber: '15',
      contentHash: hashReportContent(draft),
    });
    expect(issued.version.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(draft.version.status).toBe('draft');
  });

  it('hashes content only: a later snapshot of the same data hashes the same, a changed figure does not', () => {
    const later = buildReport(reportInput({ generatedAt: '2021-04-09T08:00:00+07:00' }));
    expect(hashReportContent(later)).toBe(hashReportContent(draft));
    expect(hashReportContent(markIssued(draft, { version: 2, issuedAt: '2021-04-10T08:00:00+07:00' }))).toBe(
      hashReportContent(draft),
    );

    const kpis = kpisByUnit();
    kpis.total.received.online += 1;
    expect(hashReportContent(buildReport(reportInput({ kpis })))).not.toBe(hashReportContent(draft));
  });
});
