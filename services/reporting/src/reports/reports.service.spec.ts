import { beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { ClientProxy } from '@nestjs/microservices';
import { NEVER, type Observable, of, throwError } from 'rxjs';
import type { DataSource, Repository } from 'typeorm';
import { loadConfig } from '@cchc/config';
import { Patterns, type KpiResult } from '@cchc/contracts';
import { metricsRegistry } from '@cchc/observability';

import { kpisByUnit, planSummary, planView, UNIT_NAMES } from '../../test/fixtures/report-input';
import { buildReport, hashReportContent, markIssued } from './report-builder';
import { type ReportSnapshot } from './report-snapshot.entity';
import { ReportError, ReportErrorCode } from './reports.errors';
import { ReportsMetrics } from './reports.metrics';
import { reportFileName, ReportsService, resolveReportPeriod } from './reports.service';

// The service against a scripted message bus: each pattern answers with a value, an error, or
// never. The database is a small explicit mock; the real one is exercised by the e2e test.

// A value to answer with, { error } to fail with, or 'never' to stay silent.
type Answer = unknown;
const NEVER_ANSWERS = 'never';

// tthc-metrics lists units in the Department's order; gdtrh comes before vp there.
const CATALOG_UNITS = [
  { code: 'gdtrh', name: UNIT_NAMES.gdtrh },
  { code: 'vp', name: UNIT_NAMES.vp },
  { code: 'tccb-tc', name: UNIT_NAMES['tccb-tc'] },
  { code: 'tt', name: 'Thanh tra Sở' },
];

function defaultAnswers(): Record<string, Answer> {
  return {
    [Patterns.plans.list]: [planView()],
    [Patterns.plans.summary]: planSummary(),
    [Patterns.tthc.procedures]: { procedures: [], units: CATALOG_UNITS },
    [Patterns.tthc.kpisByUnit]: kpisByUnit(),
    [Patterns.tthc.kpis]: kpisByUnit().units.find((u) => u.unit === 'vp')!.kpis,
  };
}

class ScriptedBus {
  readonly sent: Array<{ pattern: string; payload: unknown }> = [];
  readonly emitted: Array<{ pattern: string; payload: unknown }> = [];
  emitFails = false;

  constructor(readonly answers: Record<string, Answer>) {}

  send(pattern: string, payload: unknown): Observable<unknown> {
    this.sent.push({ pattern, payload });
    const answer = this.answers[pattern];
    if (answer === NEVER_ANSWERS || answer === undefined) return NEVER;
    if (answer !== null && typeof answer === 'object' && 'error' in answer)
      return throwError(() => answer.error);
    return of(structuredClone(answer));
  }

  emit(pattern: string, payload: unknown): Observable<unknown> {
    this.emitted.push({ pattern, payload });
    return this.emitFails ? throwError(() => new Error('Connection closed')) : of(undefined);
  }

  payloadOf(pattern: string): unknown {
    return this.sent.find((s) => s.pattern === pattern)?.payload;
  }
}

class SnapshotStore {
  readonly rows: ReportSnapshot[] = [];

  findOne = jest.fn(
    async (options: { where: Partial<ReportSnapshot>; order?: unknown }): Promise<ReportSnapshot | null> => {
      const matching = this.rows
        .filter((r) => Object.entries(options.where).every(([k, v]) => r[k as keyof ReportSnapshot] === v))
        .sort((a, b) => b.version - a.version);
      return matching[0] ?? null;
    },
  );
}

// The issue transaction: advisory lock, MAX(version), insert. Only what the service calls.
function transactionalDb(store: SnapshotStore): DataSource {
  const em = {
    query: jest.fn(async () => []),
    createQueryBuilder: () => {
      let where: Partial<ReportSnapshot> = {};
      const qb = {
        select: () => qb,
        where: (w: Partial<ReportSnapshot>) => {
          where = w;
          return qb;
        },
        getRawOne: async () => {
          const versions = store.rows
            .filter((r) => r.period === where.period && r.window === where.window && r.unit === where.unit)
            .map((r) => r.version);
          return { max: versions.length === 0 ? null : Math.max(...versions) };
        },
      };
      return qb;
    },
    create: (_: unknown, value: Omit<ReportSnapshot, 'id'>) => ({ ...value }) as ReportSnapshot,
    insert: async (_: unknown, value: ReportSnapshot) => {
      store.rows.push({ ...value, id: String(store.rows.length + 1) });
    },
  };
  return { transaction: async <T>(work: (m: typeof em) => Promise<T>) => work(em) } as unknown as DataSource;
}

function setup(answers: Record<string, Answer> = defaultAnswers(), sourceTimeoutMs = 50) {
  const bus = new ScriptedBus(answers);
  const store = new SnapshotStore();
  const config = loadConfig('reporting', {}, { sourceTimeoutMs });
  const sut = new ReportsService(
    transactionalDb(store),
    store as unknown as Repository<ReportSnapshot>,
    bus as unknown as ClientProxy,
    config,
    new ReportsMetrics(),
  );
  return { sut, bus, store };
}

async function failure(promise: Promise<unknown>): Promise<ReportError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof ReportError) return e;
    throw e;
  }
  throw new Error('expected a ReportError');
}

async function generatedCount(format: string, outcome: string): Promise<number> {
  const metric = (await metricsRegistry.getSingleMetric('cchc_reports_generated_total')?.get()) as
    { values: Array<{ labels: Record<string, string>; value: number }> } | undefined;
  return metric?.values.find((v) => v.labels.format === format && v.labels.outcome === outcome)?.value ?? 0;
}

describe(resolveReportPeriod.name, () => {
  it('resolves quarters, halves, nine months and years under both windows', () => {
    expect(resolveReportPeriod('2021-Q1', 'calendar')).toMatchObject({
      from: '2021-01-01',
      to: '2021-03-31',
      label: 'quý I năm 2021',
      year: 2021,
    });
    expect(resolveReportPeriod('2021-Q1', 'decree09')).toMatchObject({
      from: '2020-12-15',
      to: '2021-03-14',
      year: 2021,
    });
    expect(resolveReportPeriod('2021-H1', 'calendar')).toMatchObject({
      to: '2021-06-30',
      label: '6 tháng đầu năm 2021',
    });
    expect(resolveReportPeriod('2021-9M', 'calendar')).toMatchObject({
      to: '2021-09-30',
      label: '9 tháng năm 2021',
    });
    expect(resolveReportPeriod('2021', 'calendar')).toMatchObject({
      from: '2021-01-01',
      to: '2021-12-31',
      label: 'năm 2021',
    });
  });

  it.each(['2021-Q5', '2021-13', '2021-03', '2021-H3', 'Q1-2021', '0000', ''])(
    'refuses %p naming the accepted forms',
    (period) => {
      let error: unknown;
      try {
        resolveReportPeriod(period, 'calendar');
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ReportError);
      expect((error as ReportError).code).toBe(ReportErrorCode.InvalidPeriod);
      expect((error as ReportError).message).toContain(JSON.stringify(period));
    },
  );
});

describe(reportFileName.name, () => {
  it('names the period, the Decree 09 window and the unit', () => {
    expect(reportFileName({ period: '2021-Q1', window: 'calendar' }, 'docx')).toBe(
      'bao-cao-cchc-2021-Q1.docx',
    );
    expect(reportFileName({ period: '2021-H1', window: 'decree09' }, 'xlsx')).toBe(
      'bao-cao-cchc-2021-H1-nd09.xlsx',
    );
    expect(reportFileName({ period: '2021', window: 'decree09', unit: 'vp' }, 'json')).toBe(
      'bao-cao-cchc-2021-nd09-vp.json',
    );
  });
});

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
        error: `There is no handler for the message pattern "${Patterns.plans.list}"`,
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
        error: new Error(
          `Empty response. There are no subscribers listening to that message ("${Patterns.tthc.kpisByUnit}")`,
        ),
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

  describe('issuing', () => {
    it('stores version n+1 with the content hash and publishes the issued event', async () => {
      const first = await ctx.sut.issue(
        { period: '2021-Q1', window: 'calendar' },
        { issuedBy: 'Văn phòng Sở' },
      );
      const second = await ctx.sut.issue(
        { period: '2021-Q1', window: 'calendar' },
        { issuedBy: 'Văn phòng Sở', documentNumber: '15/BC-SGDĐT' },
      );
      const other = await ctx.sut.issue({ period: '2021-Q1', window: 'decree09' }, { issuedBy: null });
      expect([first.version, second.version, other.version]).toEqual([1, 2, 1]);
      expect(second.documentNumber).toBe('15/BC-SGDĐT');
      const stored = ctx.store.rows[1];
      expect(stored.model.version).toMatchObject({
        status: 'issued',
        version: 2,
        contentHash: second.contentHash,
        issuedAt: second.issuedAt,
      });
      expect(hashReportContent(stored.model)).toBe(stored.contentHash);
      expect(stored.unit).toBe('');
      expect(ctx.bus.emitted).toEqual([
        {
          pattern: Patterns.reports.issued,
          payload: {
            period: '2021-Q1',
            window: 'calendar',
            unit: null,
            version: 1,
            contentHash: first.contentHash,
            issuedAt: first.issuedAt,
          },
        },
        { pattern: Patterns.reports.issued, payload: expect.objectContaining({ version: 2 }) },
        {
          pattern: Patterns.reports.issued,
          payload: expect.objectContaining({ window: 'decree09', version: 1 }),
        },
      ]);
    });

    it('keeps the issued version when the event cannot be published', async () => {
      ctx.bus.emitFails = true;
      const info = await ctx.sut.issue({ period: '2021-Q1', window: 'calendar' }, { issuedBy: null });
      expect(info.version).toBe(1);
      expect(ctx.store.rows).toHaveLength(1);
    });

    it('does not store anything when a source is missing', async () => {
      ctx = setup({ ...defaultAnswers(), [Patterns.tthc.kpisByUnit]: NEVER_ANSWERS });
      const error = await failure(
        ctx.sut.issue({ period: '2021-Q1', window: 'calendar' }, { issuedBy: null }),
      );
      expect(error.code).toBe(ReportErrorCode.SourceUnavailable);
      expect(ctx.store.rows).toEqual([]);
      expect(ctx.bus.emitted).toEqual([]);
    });
  });

  describe('serving issued versions', () => {
    function storeIssued(version: number, received: number): void {
      const kpis = kpisByUnit();
      kpis.total.received.total = received;
      const model = markIssued(
        buildReport({
          periodCode: '2021-Q1',
          from: '2021-01-01',
          to: '2021-03-31',
          window: 'calendar',
          label: 'quý I năm 2021',
          plan: planView(),
          summary: planSummary(),
          kpis,
          unitNames: UNIT_NAMES,
          generatedAt: '2021-04-02T01:00:00.000Z',
        }),
        { version, issuedAt: '2021-04-02T01:00:00.000Z' },
      );
      ctx.store.rows.push({
        id: String(version),
        period: '2021-Q1',
        window: 'calendar',
        unit: '',
        version,
        contentHash: model.version.contentHash!,
        model,
        issuedAt: new Date('2021-04-02T01:00:00.000Z'),
        issuedBy: 'admin',
      });
    }

    it('serves the latest issued version without asking the sources', async () => {
      storeIssued(1, 111);
      storeIssued(2, 222);
      const { model } = await ctx.sut.getReport({ period: '2021-Q1', window: 'calendar', format: 'json' });
      expect(model.version).toMatchObject({ status: 'issued', version: 2 });
      expect(model.tthc.department.received.total).toBe(222);
      expect(ctx.bus.sent).toEqual([]);
    });

    it('serves an older version on request, and a live draft with draft=true', async () => {
      storeIssued(1, 111);
      storeIssued(2, 222);
      const v1 = await ctx.sut.getReport({
        period: '2021-Q1',
        window: 'calendar',
        format: 'docx',
        version: 1,
      });
      expect(v1.model.tthc.department.received.total).toBe(111);
      const draft = await ctx.sut.getReport({
        period: '2021-Q1',
        window: 'calendar',
        format: 'json',
        draft: true,
      });
      expect(draft.model.version.status).toBe('draft');
      expect(draft.model.tthc.department.received.total).toBe(kpisByUnit().total.received.total);
    });

    it('answers VERSION_NOT_FOUND for a version never issued', async () => {
      storeIssued(1, 111);
      const error = await failure(
        ctx.sut.getReport({ period: '2021-Q1', window: 'calendar', format: 'json', version: 3 }),
      );
      expect(error.code).toBe(ReportErrorCode.VersionNotFound);
    });

    it('does not serve one window’s issued version for the other window', async () => {
      storeIssued(1, 111);
      const { model } = await ctx.sut.getReport({ period: '2021-Q1', window: 'decree09', format: 'json' });
      expect(model.version.status).toBe('draft');
    });
  });
});
