import { beforeAll, describe, expect, it } from '@jest/globals';

import { kpisByUnit, procedureFigures, reportInput, serviceIndex } from '../../../test/fixtures/report-input';
import { readDocx, type DocxContent } from '../../../test/ooxml-reader';
import { formatNumber } from '../content/vietnamese-format';
import { buildReport, markIssued } from '../report-builder';
import { renderDocx } from './render-docx';

// The DOCX read back through its WordprocessingML with jszip + fast-xml-parser, not with docx.

const draftModel = buildReport(
  reportInput({
    periodCode: '2021-Q1',
    from: '2020-12-15',
    to: '2021-03-14',
    window: 'decree09',
    byProcedure: procedureFigures(),
    serviceIndex: serviceIndex(),
  }),
);

describe(renderDocx.name, () => {
  let doc: DocxContent;
  let issued: DocxContent;
  const texts = () => doc.paragraphs.map((p) => p.text);
  beforeAll(async () => {
    doc = await readDocx(await renderDocx(draftModel));
    issued = await readDocx(
      await renderDocx(
        markIssued(draftModel, { version: 1, issuedAt: '2021-03-16T02:00:00.000Z', documentNumber: '15' }),
      ),
    );
  });

  it('opens with the Decree 30 header: each line its own paragraph, the agency bold, the parent plain', () => {
    const header = doc.tables[0];
    expect(header[0][0]).toBe('UBND TỈNH ĐẮK NÔNG\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\n');
    expect(header[0][1]).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n');
    expect(header[1]).toEqual(['Số: …/BC-SGDĐT', 'Đắk Nông, ngày … tháng … năm …']);
    const parent = doc.paragraphs.find((p) => p.text === 'UBND TỈNH ĐẮK NÔNG')!;
    const agency = doc.paragraphs.find((p) => p.text === 'SỞ GIÁO DỤC VÀ ĐÀO TẠO')!;
    expect(parent.runs.every((r) => !r.bold)).toBe(true);
    expect(agency.runs.every((r) => r.bold)).toBe(true);
  });

  it('prints an issued report with its number and its issue date', () => {
    expect(issued.tables[0][1]).toEqual(['Số: 15/BC-SGDĐT', 'Đắk Nông, ngày 16 tháng 3 năm 2021']);
    expect(issued.headers.join('\n')).not.toContain('DỰ THẢO');
    expect(doc.headers.join('\n')).toContain('DỰ THẢO');
  });

  it('titles the report with the period, its data window and the submission deadline', () => {
    const t = texts();
    const at = t.indexOf('BÁO CÁO');
    expect(t.slice(at, at + 3)).toEqual([
      'BÁO CÁO',
      'Kết quả thực hiện công tác cải cách hành chính quý I năm 2021',
      '(Số liệu từ ngày 15/12/2020 đến ngày 14/3/2021)',
    ]);
    expect(t.find((x) => x.startsWith('Hạn gửi báo cáo'))).toContain('ngày 16/3/2021');
  });

  it('has parts I–V in order, with the reform areas under II and placeholders for the office', () => {
    const parts = texts().filter((x) => /^(I|II|III|IV|V)\. [A-ZĐ]/u.test(x));
    expect(parts).toEqual([
      'I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH',
      'II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH',
      'III. ĐÁNH GIÁ CHUNG',
      'IV. PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ II NĂM 2021',
      'V. KIẾN NGHỊ, ĐỀ XUẤT',
    ]);
    const t = texts();
    expect(t).toContain('1. Cải cách thủ tục hành chính');
    expect(t).toContain('2. Xây dựng chính quyền điện tử');
    expect(t).toContain('3. Nguyên nhân');
    // Causes, budget spent and recommendations are the office's to write.
    expect(t.filter((x) => x.startsWith('['))).toEqual([
      '[Văn phòng Sở bổ sung kinh phí đã sử dụng đến ngày 14/3/2021.]',
      expect.stringMatching(/^\[Văn phòng Sở bổ sung nguyên nhân/),
      expect.stringMatching(/^\[Nêu kiến nghị, đề xuất/),
    ]);
    // The service index table, its scores written with a decimal comma.
    expect(
      doc.tables.some((tbl) =>
        tbl.some((r) => r.includes('Hồ sơ xử lý trước hạn, đúng hạn') && r.includes('18,4')),
      ),
    ).toBe(true);
  });

  it('closes with "Nơi nhận" beside "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC" and the signer', () => {
    const signature = doc.tables.find((tbl) => tbl[0][0]?.startsWith('Nơi nhận:'))!;
    expect(signature[0][0].split('\n')).toEqual([
      'Nơi nhận:',
      '- UBND tỉnh (b/c);',
      '- Sở Nội vụ (để tổng hợp);',
      '- Giám đốc, các PGĐ Sở;',
      '- Lưu: VT, VP.',
    ]);
    expect(signature[0][1].split('\n').filter((x) => x !== '')).toEqual([
      'KT. GIÁM ĐỐC',
      'PHÓ GIÁM ĐỐC',
      'Nguyễn Văn Toàn',
    ]);
  });

  it('puts Biểu II.06a in its own landscape A4 section after the portrait report', () => {
    expect(doc.sections).toHaveLength(2);
    expect(doc.sections[0]).toMatchObject({ widthTwips: 11906, heightTwips: 16838 });
    expect(doc.sections[1]).toMatchObject({
      widthTwips: 16838,
      heightTwips: 11906,
      orientation: 'landscape',
    });
    const annex = doc.paragraphs.filter((p) => p.section === 1).map((p) => p.text);
    expect(annex).toEqual(
      expect.arrayContaining([
        'Biểu số II.06a/VPCP/KSTT',
        'KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH',
        'Kỳ báo cáo: Quý I/2021 (Từ ngày 15/12/2020 đến ngày 14/3/2021)',
        'Đơn vị báo cáo: Sở Giáo dục và Đào tạo',
        'Đơn vị nhận báo cáo: Văn phòng UBND tỉnh',
        'Người lập biểu',
        'Thủ trưởng đơn vị',
      ]),
    );
  });

  it('lays out the annex columns with "Rút hồ sơ", rows by lĩnh vực under units, totals equal to the KPIs', () => {
    const table = doc.tables.find((tbl) => tbl[0][0] === 'STT' && tbl[0][1] === 'Lĩnh vực')!;
    expect(table[0].filter((c) => c !== '')).toEqual([
      'STT',
      'Lĩnh vực',
      'Số hồ sơ nhận giải quyết',
      'Kết quả giải quyết',
      'Đang giải quyết',
      'Rút hồ sơ',
    ]);
    expect(table[1].filter((c) => c !== '')).toEqual([
      'Tổng số',
      'Số kỳ trước chuyển qua',
      'Số mới tiếp nhận',
      'Tổng số',
      'Trước hạn',
      'Đúng hạn',
      'Quá hạn',
      'Tổng số',
      'Trong hạn',
      'Quá hạn',
    ]);
    expect(table[2].filter((c) => c !== '')).toEqual(['Trực tuyến', 'Trực tiếp', 'Dịch vụ bưu chính']);
    expect(table[3]).toEqual(Array.from({ length: 15 }, (_, i) => `(${i + 1})`));
    const k = kpisByUnit().total;
    expect(table[4]).toEqual([
      '',
      'Tổng cộng',
      ...[
        k.received.total,
        k.received.carriedOver,
        k.received.online,
        k.received.direct,
        k.received.postal,
        k.resolved.total,
        k.resolved.early,
        k.resolved.onTime,
        k.resolved.late,
        k.pending.total,
        k.pending.withinTime,
        k.pending.overdue,
        k.withdrawn,
      ].map((n) => formatNumber(n)),
    ]);
    expect(table.slice(5).map((r) => `${r[0]} ${r[1]}`)).toEqual([
      '1 Văn phòng Sở',
      '1.1 Thi, tuyển sinh',
      '1.2 Văn bằng, chứng chỉ',
      '2 Phòng Giáo dục Trung học',
      '2.1 Giáo dục trung học',
      '2.2 Lĩnh vực khác',
      '3 Phòng Tổ chức cán bộ - Tài chính',
      '3.1 Lĩnh vực khác',
    ]);
    // Every printed row adds up: (3) = (8) + (12) + (15).
    const n = (s: string) => Number(s.replace(/\./g, ''));
    for (const row of table.slice(4)) expect(n(row[2])).toBe(n(row[7]) + n(row[11]) + n(row[14]));
  });

  it('sets every run in Times New Roman, nothing below 11 pt', () => {
    expect(doc.defaultFont).toBe('Times New Roman');
    const runs = doc.paragraphs.flatMap((p) => p.runs).filter((r) => r.text.trim() !== '');
    expect(runs.length).toBeGreaterThan(100);
    for (const r of runs) {
      expect(r.font ?? doc.defaultFont).toBe('Times New Roman');
      expect(r.sizePt ?? doc.defaultSizePt).toBeGreaterThanOrEqual(11);
    }
  });
});

describe('every §7 item in the quarterly, 6-month, 9-month and annual reports, draft and issued', () => {
  const periods = [
    {
      code: '2021-Q1',
      from: '2020-12-15',
      to: '2021-03-14',
      label: 'quý I năm 2021',
      annex: 'Quý I/2021',
      next: 'QUÝ II NĂM 2021',
    },
    {
      code: '2021-H1',
      from: '2020-12-15',
      to: '2021-06-14',
      label: '6 tháng đầu năm 2021',
      annex: '6 tháng đầu năm 2021',
      next: '6 THÁNG CUỐI NĂM 2021',
    },
    {
      code: '2021-9M',
      from: '2020-12-15',
      to: '2021-09-14',
      label: '9 tháng năm 2021',
      annex: '9 tháng năm 2021',
      next: 'QUÝ IV NĂM 2021',
    },
    {
      code: '2021',
      from: '2020-12-15',
      to: '2021-12-14',
      label: 'năm 2021',
      annex: 'Năm 2021',
      next: 'NĂM 2022',
    },
  ];

  it.each(
    periods.flatMap((p) => [
      { ...p, issued: false },
      { ...p, issued: true },
    ]),
  )('$code (issued: $issued)', async ({ code, from, to, label, annex, next, issued }) => {
    const draft = buildReport(
      reportInput({ periodCode: code, from, to, label, window: 'decree09', byProcedure: procedureFigures() }),
    );
    const model = issued ? markIssued(draft, { version: 1, issuedAt: `${to}T03:00:00.000Z` }) : draft;
    const doc = await readDocx(await renderDocx(model));
    const t = doc.paragraphs.map((p) => p.text);
    const [y, m, d] = to.split('-');
    const day = `${d} tháng ${Number(m) < 3 ? m : Number(m)} năm ${y}`;
    expect(doc.tables[0][1][1]).toBe(issued ? `Đắk Nông, ngày ${day}` : 'Đắk Nông, ngày … tháng … năm …');
    expect(t).toContain(`Kết quả thực hiện công tác cải cách hành chính ${label}`);
    expect(t).toContain(
      `(Số liệu từ ngày 15/12/2020 đến ngày ${Number(d)}/${Number(m) < 3 ? m : Number(m)}/${y})`,
    );
    expect(t.some((x) => x.startsWith('Hạn gửi báo cáo: ngày '))).toBe(true);
    for (const part of [
      'I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH',
      'II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH',
      'III. ĐÁNH GIÁ CHUNG',
      `IV. PHƯƠNG HƯỚNG, NHIỆM VỤ ${next}`,
      'V. KIẾN NGHỊ, ĐỀ XUẤT',
      'KT. GIÁM ĐỐC',
      'PHÓ GIÁM ĐỐC',
      '- Sở Nội vụ (để tổng hợp);',
      'Người lập biểu',
      'Thủ trưởng đơn vị',
      `Kỳ báo cáo: ${annex} (Từ ngày 15/12/2020 đến ngày ${Number(d)}/${Number(m) < 3 ? m : Number(m)}/${y})`,
    ]) {
      expect({ part, found: t.includes(part) }).toEqual({ part, found: true });
    }
    expect(doc.sections.map((s) => s.orientation)).toEqual(['portrait', 'landscape']);
    const table = doc.tables.find((tbl) => tbl[0][0] === 'STT' && tbl[0][1] === 'Lĩnh vực')!;
    expect(table[4].slice(0, 3)).toEqual(['', 'Tổng cộng', formatNumber(kpisByUnit().total.received.total)]);
    expect(doc.headers.join('').includes('DỰ THẢO')).toBe(!issued);
  });
});
