import { describe, expect, it } from '@jest/globals';

import {
  kpiResult,
  kpisByUnit,
  procedureFigures,
  reportInput,
  UNIT_FIGURES,
} from '../../../test/fixtures/report-input';
import { buildReport, markIssued } from '../report-builder';
import type { AnnexFigures, ReportModel } from '../report.model';
import { nextReportPeriod, submissionDeadline } from '../report-periods';
import { ANNEX_COLUMNS, ANNEX_FIELD_OTHER, annexPeriodName } from './annex';
import { describeDossiers, onTimeSentence } from './tthc-sentences';
import { formatDate, formatNumber, formatPercent } from './vietnamese-format';

const texts = (model: ReportModel, code: string): string[] =>
  model.parts.find((p) => p.code === code)!.blocks.map((b) => ('text' in b ? b.text : ''));

describe('Vietnamese number and date formats', () => {
  it('groups thousands with dots and writes decimals with a comma', () => {
    expect(formatNumber(1234567)).toBe('1.234.567');
    expect(formatNumber(97.5, 1)).toBe('97,5');
    expect(formatPercent(0.962)).toBe('96,2%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(0.99999)).toBe('99,9%');
  });

  it('writes dates with the Decree 30 leading zeros: days below 10, months below 3', () => {
    expect(formatDate('2021-03-14')).toBe('14/3/2021');
    expect(formatDate('2020-12-15')).toBe('15/12/2020');
    expect(formatDate('2021-01-05')).toBe('05/01/2021');
  });
});

describe('report periods', () => {
  it('looks ahead to the next quarter, the second half, the fourth quarter, or the next year', () => {
    expect(nextReportPeriod('2021-Q1', 'decree09')).toEqual({
      from: '2021-03-15',
      to: '2021-06-14',
      label: 'quý II năm 2021',
    });
    expect(nextReportPeriod('2021-H1', 'calendar').label).toBe('6 tháng cuối năm 2021');
    expect(nextReportPeriod('2021-9M', 'calendar').label).toBe('quý IV năm 2021');
    expect(nextReportPeriod('2021', 'decree09').label).toBe('năm 2022');
  });

  it('sets the deadline in working days after the cut-off, skipping weekends and holidays', () => {
    // 14/3/2021 is a Sunday: Monday 15 and Tuesday 16.
    expect(submissionDeadline('2021-03-14', 2)).toBe('2021-03-16');
    // 14/12/2021 is a Tuesday.
    expect(submissionDeadline('2021-12-14', 2)).toBe('2021-12-16');
    // Friday 30/04/2021: 30/4 and 1/5 holidays fall around it; Monday 3/5 is the compensatory day off.
    expect(submissionDeadline('2021-04-29', 1)).toBe('2021-05-04');
  });
});

describe('header and signature', () => {
  const draft = buildReport(
    reportInput({ periodCode: '2021-Q1', from: '2020-12-15', to: '2021-03-14', window: 'decree09' }),
  );

  it('leaves dots to write on in a draft, with the data window and the deadline on the first page', () => {
    expect(draft.header).toMatchObject({
      parent: 'UBND TỈNH ĐẮK NÔNG',
      agency: 'SỞ GIÁO DỤC VÀ ĐÀO TẠO',
      number: 'Số: …/BC-SGDĐT',
      dateLine: 'Đắk Nông, ngày … tháng … năm …',
      title: ['BÁO CÁO', 'Kết quả thực hiện công tác cải cách hành chính quý I năm 2021'],
      dataWindow: '(Số liệu từ ngày 15/12/2020 đến ngày 14/3/2021)',
    });
    expect(draft.header.deadline).toContain('16/3/2021');
    expect(draft.period.deadline).toBe('2021-03-16');
  });

  it('dates an issued report by its issue day in Vietnam, whatever day it is downloaded', () => {
    // 17:30 UTC on 15/03 is already 16/03 in Hà Nội.
    const issued = markIssued(draft, {
      version: 1,
      issuedAt: '2021-03-15T17:30:00.000Z',
      documentNumber: '15',
    });
    expect(issued.header.dateLine).toBe('Đắk Nông, ngày 16 tháng 3 năm 2021');
    expect(issued.header.number).toBe('Số: 15/BC-SGDĐT');
    expect(issued.annex.dateLine).toBe('Đắk Nông, ngày 16 tháng 3 năm 2021');
    expect(issued.version.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('signs "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC" by default and sends to the Sở Nội vụ for compilation', () => {
    expect(draft.signature.title).toEqual(['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC']);
    expect(draft.signature.recipients).toEqual([
      '- UBND tỉnh (b/c);',
      '- Sở Nội vụ (để tổng hợp);',
      '- Giám đốc, các PGĐ Sở;',
      '- Lưu: VT, VP.',
    ]);
    const director = buildReport(reportInput({ signerTitle: ['Giám đốc'], signerName: 'Lê Văn A' }));
    expect(director.signature).toMatchObject({ title: ['GIÁM ĐỐC'], signer: 'Lê Văn A' });
  });
});

describe('Biểu II.06a', () => {
  const model = buildReport(reportInput({ byProcedure: procedureFigures() }));
  const sum = (rows: AnnexFigures[]): AnnexFigures =>
    Object.fromEntries(
      ANNEX_COLUMNS.map((c) => [c.key, rows.reduce((a, r) => a + r[c.key], 0)]),
    ) as unknown as AnnexFigures;

  it('carries the regulation headings, reporting and receiving unit and the period dates', () => {
    expect(model.annex).toMatchObject({
      title:
        'KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH',
      periodLine: 'Kỳ báo cáo: Quý I/2021 (Từ ngày 01/01/2021 đến ngày 31/3/2021)',
      reportingUnit: 'Đơn vị báo cáo: Sở Giáo dục và Đào tạo',
      receivingUnit: 'Đơn vị nhận báo cáo: Văn phòng UBND tỉnh',
      signatures: [
        { title: 'Người lập biểu', note: expect.any(String) },
        { title: 'Thủ trưởng đơn vị', note: expect.any(String) },
      ],
    });
    expect([annexPeriodName('2021-H1'), annexPeriodName('2021-9M'), annexPeriodName('2021')]).toEqual([
      '6 tháng đầu năm 2021',
      '9 tháng năm 2021',
      'Năm 2021',
    ]);
  });

  it('totals equal the KPI figures, and every row adds up: received = resolved + pending + withdrawn', () => {
    const k = kpisByUnit().total;
    expect(model.annex.rows[0]).toMatchObject({ kind: 'total', label: 'Tổng cộng' });
    expect(model.annex.rows[0].figures).toMatchObject({
      received: k.received.total,
      resolved: k.resolved.total,
      pending: k.pending.total,
      withdrawn: k.withdrawn,
      online: k.received.online,
    });
    for (const { figures: f } of model.annex.rows) {
      expect(f.received).toBe(f.resolved + f.pending + f.withdrawn);
      expect(f.received).toBe(f.carriedOver + f.online + f.direct + f.postal);
      expect(f.resolved).toBe(f.early + f.onTime + f.late);
      expect(f.pending).toBe(f.pendingWithinTime + f.pendingOverdue);
    }
  });

  it('groups rows by lĩnh vực under each unit; the fields of a unit add up to it, uncatalogued ones under "khác"', () => {
    const rows = model.annex.rows;
    expect(rows.map((r) => [r.kind, r.stt, r.label])).toEqual([
      ['total', '', 'Tổng cộng'],
      ['unit', '1', 'Văn phòng Sở'],
      ['field', '1.1', 'Thi, tuyển sinh'],
      ['field', '1.2', 'Văn bằng, chứng chỉ'],
      ['unit', '2', 'Phòng Giáo dục Trung học'],
      ['field', '2.1', 'Giáo dục trung học'],
      ['field', '2.2', ANNEX_FIELD_OTHER],
      ['unit', '3', 'Phòng Tổ chức cán bộ - Tài chính'],
      ['field', '3.1', ANNEX_FIELD_OTHER],
    ]);
    const unitRows = rows.filter((r) => r.kind === 'unit');
    expect(sum(unitRows.map((r) => r.figures))).toEqual(rows[0].figures);
    rows.forEach((r, i) => {
      if (r.kind !== 'unit') return;
      const fields: AnnexFigures[] = [];
      for (let j = i + 1; j < rows.length && rows[j].kind === 'field'; j += 1) fields.push(rows[j].figures);
      expect(sum(fields)).toEqual(r.figures);
    });
    expect(rows[1].figures.received).toBe(
      UNIT_FIGURES.vp.online + UNIT_FIGURES.vp.direct + UNIT_FIGURES.vp.postal + UNIT_FIGURES.vp.carriedOver,
    );
  });

  it('counts dossiers awaiting supplement as within time', () => {
    const k = kpiResult(UNIT_FIGURES.vp);
    const waiting = { ...k, pending: { ...k.pending, total: k.pending.total + 5, awaitingSupplement: 5 } };
    const scoped = buildReport(
      reportInput({ kpis: { ...kpisByUnit(), total: waiting, units: [] }, scopeUnit: 'vp' }),
    );
    expect(scoped.annex.rows[1].figures).toMatchObject({
      pending: k.pending.total + 5,
      pendingWithinTime: k.pending.withinTime + 5,
    });
  });

  it('stops at the units, saying so, when the per-procedure figures are unavailable', () => {
    const plain = buildReport(reportInput());
    expect(plain.annex.rows.map((r) => r.kind)).toEqual(['total', 'unit', 'unit', 'unit']);
    expect(plain.annex.note).toMatch(/theo đơn vị/);
  });
});

describe('narrative', () => {
  const model = buildReport(reportInput());

  it('says plainly when a target is missed, in Vietnamese number format', () => {
    expect(onTimeSentence(0.962)).toBe('Tỷ lệ hồ sơ giải quyết đúng hạn đạt 96,2%, chưa đạt chỉ tiêu 100%.');
    expect(onTimeSentence(1)).toBe('Tỷ lệ hồ sơ giải quyết đúng hạn đạt 100%, đạt chỉ tiêu 100%.');
    // 1.076 of 1.100 resolved early or on time.
    expect(texts(model, 'II')).toContain(
      'Tỷ lệ hồ sơ giải quyết đúng hạn đạt 97,8%, chưa đạt chỉ tiêu 100%.',
    );
    expect(texts(model, 'III').join('\n')).toContain('Mục tiêu 1.4 đạt 8,5%, chưa đạt chỉ tiêu 10%.');
  });

  it('builds each TTHC sentence from the figures of the JSON', () => {
    const k = model.tthc.department;
    expect(describeDossiers(k)[0]).toBe(
      `Tổng số hồ sơ nhận giải quyết ${formatNumber(k.received.total)} hồ sơ (kỳ trước chuyển qua ` +
        `${formatNumber(k.received.carriedOver)}, mới tiếp nhận ${formatNumber(k.received.total - k.received.carriedOver)}); ` +
        `hồ sơ mới tiếp nhận gồm ${k.received.online} hồ sơ trực tuyến, ${k.received.direct} hồ sơ trực tiếp, ` +
        `${k.received.postal} hồ sơ qua dịch vụ bưu chính công ích.`,
    );
  });

  it('lists unreported and overdue tasks among the shortfalls, and leaves the causes to the office', () => {
    const iii = texts(model, 'III');
    expect(iii).toContain(
      'Có 2/6 nhiệm vụ của Kế hoạch chậm tiến độ so với thời gian đề ra: III.1.1, VII.1.',
    );
    expect(iii).toContain(
      'Có 1 nhiệm vụ đã đến thời gian thực hiện nhưng đơn vị chủ trì chưa báo cáo kết quả: III.4.1.',
    );
    expect(model.parts[2].blocks.at(-1)).toMatchObject({ kind: 'placeholder' });
    expect(model.parts[4].blocks).toEqual([
      { kind: 'placeholder', text: expect.stringMatching(/kiến nghị/) },
    ]);
    expect(texts(model, 'II').join('\n')).not.toMatch(/chưa triển khai/);
  });

  it('plans the next quarter from the tasks whose timeframe falls in it', () => {
    const iv = texts(model, 'IV');
    expect(iv).toContain(
      'Họp Ban chỉ đạo CCHC định kỳ quý, 6 tháng, năm (I.1.2; thời gian: Tháng 01- Tháng 12).',
    );
    expect(iv.join('\n')).not.toContain('Kiện toàn Ban chỉ đạo');
  });

  it('speaks of the next year in the annual report', () => {
    const annual = buildReport(
      reportInput({
        periodCode: '2021',
        from: '2020-12-15',
        to: '2021-12-14',
        window: 'decree09',
        label: 'năm 2021',
      }),
    );
    expect(annual.parts[3].title).toBe('IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2022');
    expect(texts(annual, 'IV')[0]).toMatch(/Kế hoạch cải cách hành chính năm 2022/);
    expect(texts(annual, 'IV').join('\n')).not.toMatch(/năm 2021 của Sở/);
  });

  it('reports the count of dossiers with data anomalies, and says so when there are none', () => {
    const k = { ...kpisByUnit().total, dataQuality: { anomalies: 3 } };
    const withExtras = buildReport(reportInput({ kpis: { ...kpisByUnit(), total: k } }));
    expect(withExtras.tthc.anomalies).toBe(3);
    expect(texts(withExtras, 'II').join('\n')).toContain('Có 3 hồ sơ có dữ liệu bất thường');
    expect(model.tthc.anomalies).toBe(0);
    expect(texts(model, 'II').join('\n')).toContain('Không phát hiện hồ sơ có dữ liệu bất thường.');
  });
});
