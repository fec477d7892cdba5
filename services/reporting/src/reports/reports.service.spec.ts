import { beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { EmptyResponseException } from '@nestjs/microservices/errors/empty-response.exception.js';
import { Patterns, type KpiByUnitResult, type KpiResult } from '@cchc/contracts';
import { kpisByUnit, procedureFigures, serviceIndex } from '../../test/fixtures/report-input';
import {
  CATALOG_UNITS,
  defaultAnswers,
  failure,
  generatedCount,
  NEVER_ANSWERS,
  setup,
} from '../../test/reports-service-harness';
import { ReportErrorCode } from './reports.errors';
import { ReportsService } from './reports.service';

// The service against a scripted message bus: each pattern answers with a value, an error, or
// never. The database is a small explicit mock; the real one is exercised by the e2e test.

describe(ReportsService.name, () => {
  let ctx: ReturnType<typeof setup>;
  // The service warns about every missing source; the assertions below check what it says.
  beforeAll(() => {
    Logger.overrideLogger(false);
  });
  beforeEach(() => {
    ctx = setup();
  });

  it('builds a draft from the plan of the period year, its summary at the period end and the KPIs', async () => {
    const report = await ctx.sut.getReport({ period: '2021-Q1', window: 'decree09', format: 'json' });
    expect(ctx.bus.payloadOf(Patterns.plans.list)).toEqual({ year: 2021, asOf: '2021-03-14' });
    expect(ctx.bus.payloadOf(Patterns.plans.summary)).toEqual({ planId: 'kh-cchc-2021', asOf: '2021-03-14' });
    expect(ctx.bus.payloadOf(Patterns.tthc.kpisByUnit)).toEqual({ period: '2021-Q1', window: 'decree09' });
    expect(report.model.version.status).toBe('draft');
    expect(report.model.period).toMatchObject({
      code: '2021-Q1',
      from: '2020-12-15',
      to: '2021-03-14',
      window: 'decree09',
    });
    expect(report.model.tthc.department).toEqual(kpisByUnit().total);
    expect(report.model.tthc.scope).toBeNull();
    expect(report.file).toBeNull();
    expect(report.mediaType).toBe('application/json');
  });

  it('uses the Decree 09 window (REPORT_WINDOW) when the request names none', async () => {
    const report = await ctx.sut.getReport({ period: '2021-Q1', format: 'json' });
    expect(ctx.bus.payloadOf(Patterns.tthc.kpisByUnit)).toEqual({ period: '2021-Q1', window: 'decree09' });
    expect(report.model.period).toMatchObject({
      window: 'decree09',
      to: '2021-03-14',
      deadline: '2021-03-16',
    });
    expect(report.fileName).toBe('bao-cao-cchc-2021-Q1-nd09.json');
    const calendar = setup(defaultAnswers(), 50, { REPORT_WINDOW: 'calendar', REPORT_DEADLINE_DAYS: '3' });
    const other = await calendar.sut.getReport({ period: '2021-Q1', format: 'json' });
    expect(other.model.period).toMatchObject({
      window: 'calendar',
      to: '2021-03-31',
      deadline: '2021-04-05',
    });
  });

  it('groups the annex by the catalog’s lĩnh vực from one KPI query per procedure', async () => {
    const figures = new Map(procedureFigures().map((p) => [p.procedure, p]));
    ctx = setup({
      ...defaultAnswers(),
      [Patterns.tthc.procedures]: {
        procedures: [...figures.values()].map((p) => ({
          code: p.procedure,
          name: p.procedure,
          unitCode: p.units[0]?.unit ?? 'vp',
          level: 3,
          ...(p.field === null ? {} : { field: p.field }),
        })),
        units: CATALOG_UNITS,
      },
      [Patterns.tthc.kpisByUnit]: (payload: { procedure?: string }): KpiByUnitResult =>
        payload.procedure === undefined
          ? kpisByUnit()
          : { ...kpisByUnit(), units: figures.get(payload.procedure)!.units },
      [Patterns.tthc.serviceIndex]: { period: kpisByUnit().period, scope: { unit: null }, ...serviceIndex() },
    });
    const { model } = await ctx.sut.getReport({ period: '2021-Q1', window: 'calendar', format: 'json' });
    const asked = ctx.bus.sent.filter((s) => s.pattern === Patterns.tthc.kpisByUnit).map((s) => s.payload);
    expect(asked).toHaveLength(1 + figures.size);
    expect(asked).toContainEqual({ period: '2021-Q1', window: 'calendar', procedure: '1.005090' });
    expect(model.annex.rows.filter((r) => r.kind === 'field').map((r) => r.label)).toEqual([
      'Giáo dục trung học',
      'Lĩnh vực khác',
      'Thi, tuyển sinh',
      'Văn bằng, chứng chỉ',
      'Lĩnh vực khác',
    ]);
    expect(model.annex.note).toBeNull();
    expect(model.tthc.serviceIndex?.total).toEqual(serviceIndex().total);
  });

  it('lists units in the order tthc-metrics gives them, with their names', async () => {
    const { model } = await ctx.sut.getReport({ period: '2021-Q1', window: 'calendar', format: 'json' });
    expect(model.tthc.perUnit.map((u) => [u.unit, u.unitName])).toEqual([
      ['gdtrh', 'Phòng Giáo dục Trung học'],
      ['vp', 'Văn phòng Sở'],
      ['tccb-tc', 'Phòng Tổ chức cán bộ - Tài chính'],
    ]);
  });

  it('scopes the TTHC figures to one unit with that unit’s own KPI query', async () => {
    const { model, fileName } = await ctx.sut.getReport({
      period: '2021-Q1',
      window: 'calendar',
      unit: 'vp',
      format: 'docx',
    });
    expect(ctx.bus.payloadOf(Patterns.tthc.kpis)).toEqual({
      period: '2021-Q1',
      window: 'calendar',
      unit: 'vp',
    });
    expect(ctx.bus.payloadOf(Patterns.tthc.kpisByUnit)).toBeUndefined();
    expect(model.tthc.department.received.total).toBe(
      (defaultAnswers()[Patterns.tthc.kpis] as KpiResult).received.total,
    );
    expect(model.tthc.perUnit).toEqual([]);
    expect(model.tthc.scope).toEqual({ unit: 'vp', unitName: 'Văn phòng Sở' });
    expect(fileName).toBe('bao-cao-cchc-2021-Q1-vp.docx');
  });

  it('refuses a unit tthc-metrics does not know', async () => {
    const error = await failure(
      ctx.sut.getReport({ period: '2021-Q1', window: 'calendar', unit: 'khong-co', format: 'json' }),
    );
    expect(error.code).toBe(ReportErrorCode.UnitNotFound);
    expect(error.message).toContain('khong-co');
  });

  it('says which year has no plan', async () => {
    ctx = setup({ ...defaultAnswers(), [Patterns.plans.list]: [] });
    const error = await failure(ctx.sut.getReport({ period: '2021-Q1', window: 'calendar', format: 'json' }));
    expect(error.code).toBe(ReportErrorCode.PlanNotFound);
    expect(error.message).toMatch(/^No plan for 2021/);
  });

  it('fails with SOURCE_UNAVAILABLE naming tthc-metrics when it does not answer in time', async () => {
    ctx = setup({
      ...defaultAnswers(),
      [Patterns.tthc.kpisByUnit]: NEVER_ANSWERS,
      [Patterns.tthc.procedures]: NEVER_ANSWERS,
    });
    const before = await generatedCount('xlsx', 'error');
    const error = await failure(ctx.sut.getReport({ period: '2021-Q1', window: 'calendar', format: 'xlsx' }));
    expect(error.code).toBe(ReportErrorCode.SourceUnavailable);
    expect(error.message).toBe('tthc-metrics did not answer within 0.05 s');
    expect(await generatedCount('xlsx', 'error')).toBe(before + 1);
  });

  it('names every missing source at once', async () => {
    ctx = setup({
      ...defaultAnswers(),
      [Patterns.plans.list]: NEVER_ANSWERS,
      [Patterns.tthc.kpisByUnit]: NEVER_ANSWERS,
    });
    const error = await failure(ctx.sut.getReport({ period: '2021-Q1', window: 'calendar', format: 'json' }));
    expect(error.message).toContain('plan-management did not answer');
    expect(error.message).toContain('tthc-metrics did not answer');
  });

  it('treats a pattern nobody handles (in-process bus) as an unavailable source', async () => {
    ctx = setup({
      ...defaultAnswers(),
      [Patterns.plans.list]: {
        error: new EmptyResponseException(Patterns.plans.list),
      },
    });
    const error = await failure(ctx.sut.getReport({ period: '2021-Q1', window: 'calendar', format: 'json' }));
    expect(error.code).toBe(ReportErrorCode.SourceUnavailable);
    expect(error.message).toBe('plan-management did not answer: no instance of it is running');
  });

  it('treats NATS "no subscribers" and a closed connection as an unavailable source', async () => {
    ctx = setup({
      ...defaultAnswers(),
      [Patterns.tthc.kpisByUnit]: {
        error: new EmptyResponseException(Patterns.tthc.kpisByUnit),
      },
      [Patterns.plans.list]: { error: new Error('Connection closed') },
    });
    const error = await failure(ctx.sut.getReport({ period: '2021-Q1', window: 'calendar', format: 'json' }));
    expect(error.code).toBe(ReportErrorCode.SourceUnavailable);
    expect(error.message).toBe(
      'plan-management could not be reached: Connection closed; tthc-metrics did not answer: no instance of it is running',
    );
  });

  it('reports a source’s own refusal as SOURCE_FAILED with its message', async () => {
    ctx = setup({
      ...defaultAnswers(),
      [Patterns.plans.summary]: { error: { code: 'PLAN_NOT_FOUND', message: 'No plan kh-cchc-2021' } },
    });
    const error = await failure(ctx.sut.getReport({ period: '2021-Q1', window: 'calendar', format: 'json' }));
    expect(error.code).toBe(ReportErrorCode.SourceFailed);
    expect(error.message).toContain('No plan kh-cchc-2021');
  });

  it('renders xlsx and docx files with their media types', async () => {
    const before = await generatedCount('docx', 'success');
    const xlsx = await ctx.sut.getReport({ period: '2021-Q1', window: 'calendar', format: 'xlsx' });
    const docx = await ctx.sut.getReport({ period: '2021-Q1', window: 'calendar', format: 'docx' });
    expect(xlsx.mediaType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(docx.mediaType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    // Both are zip containers ("PK").
    expect(xlsx.file!.subarray(0, 2).toString()).toBe('PK');
    expect(docx.file!.subarray(0, 2).toString()).toBe('PK');
    expect(await generatedCount('docx', 'success')).toBe(before + 1);
  });
});
