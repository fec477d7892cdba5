import { describe, expect, it } from '@jest/globals';
import { ReportError, ReportErrorCode } from './reports.errors';
import { reportFileName, resolveReportPeriod } from './reports.service';

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
