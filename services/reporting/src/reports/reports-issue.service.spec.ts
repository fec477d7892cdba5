import { beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { Patterns } from '@cchc/contracts';
import { kpisByUnit, planSummary, planView, UNIT_NAMES } from '../../test/fixtures/report-input';
import { defaultAnswers, failure, NEVER_ANSWERS, setup } from '../../test/reports-service-harness';
import { buildReport, hashReportContent, markIssued } from './report-builder';
import { ReportErrorCode } from './reports.errors';
import { ReportsService } from './reports.service';

// Issuing and serving issued versions, against the scripted bus and snapshot store of
// reports.service.spec.ts (test/reports-service-harness.ts).

describe(`${ReportsService.name}: issued versions`, () => {
  let ctx: ReturnType<typeof setup>;

  beforeAll(() => {
    Logger.overrideLogger(false);
  });
  beforeEach(() => {
    ctx = setup();
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

    it('stores the JSON, DOCX and XLSX at issue and returns those bytes on every GET', async () => {
      const info = await ctx.sut.issue({ period: '2021-Q1', window: 'calendar' }, { issuedBy: null });
      const stored = ctx.store.rows[0];
      for (const format of ['json', 'docx', 'xlsx'] as const) {
        const first = await ctx.sut.getReport({ period: '2021-Q1', window: 'calendar', format });
        // Renderers stamp times into zip entries: a re-render a second later would differ.
        await new Promise((resolve) => setTimeout(resolve, 1100));
        const again = await ctx.sut.getReport({ period: '2021-Q1', window: 'calendar', format });
        const file = stored[`${format}File`]!;
        expect(file.length).toBeGreaterThan(100);
        expect(first.file!.equals(file)).toBe(true);
        expect(again.file!.equals(file)).toBe(true);
      }
      const json = JSON.parse(stored.jsonFile!.toString('utf8')) as { version: { contentHash: string } };
      expect(json.version.contentHash).toBe(info.contentHash);
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
        jsonFile: null,
        docxFile: null,
        xlsxFile: null,
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
