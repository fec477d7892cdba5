import { beforeAll, describe, expect, it } from '@jest/globals';

import { kpisByUnit, procedureFigures, reportInput, serviceIndex } from '../../../test/fixtures/report-input';
import { readXlsx, splitRef, type XlsxSheet } from '../../../test/ooxml-reader';
import { buildReport } from '../report-builder';
import { renderXlsx } from './render-xlsx';
import { XLSX_SHEETS } from './xlsx-sheets';

// The workbook read back from its SpreadsheetML parts with jszip + fast-xml-parser, not exceljs.

const model = buildReport(reportInput({ byProcedure: procedureFigures(), serviceIndex: serviceIndex() }));

function sheet(sheets: XlsxSheet[], name: string): XlsxSheet {
  const found = sheets.find((s) => s.name === name);
  if (!found) throw new Error(`no sheet ${name}`);
  return found;
}

/** Values of one row, columns `from`…`to` (1-based). */
function rowValues(s: XlsxSheet, row: number, from: number, to: number): Array<string | number | null> {
  const out: Array<string | number | null> = [];
  for (let c = from; c <= to; c += 1) {
    const cell = [...s.cells.values()].find((x) => {
      const r = splitRef(x.ref);
      return r.row === row && r.col === c;
    });
    out.push(cell?.value ?? null);
  }
  return out;
}

function rowOf(s: XlsxSheet, label: string, col = 2): number {
  const cell = [...s.cells.values()].find((c) => c.value === label && splitRef(c.ref).col === col);
  if (!cell) throw new Error(`no row "${label}" in ${s.name}`);
  return splitRef(cell.ref).row;
}

describe(renderXlsx.name, () => {
  let sheets: XlsxSheet[];
  beforeAll(async () => {
    sheets = await readXlsx(await renderXlsx(model));
  });

  it('has one sheet per table, the report text first and Biểu II.06a second', () => {
    expect(sheets.map((s) => s.name)).toEqual([
      XLSX_SHEETS.report,
      XLSX_SHEETS.annex,
      XLSX_SHEETS.tasks,
      XLSX_SHEETS.objectives,
      XLSX_SHEETS.services,
      XLSX_SHEETS.serviceIndex,
      XLSX_SHEETS.budget,
    ]);
  });

  it('prints every sheet on A4 fitted to the page width, the wide tables landscape', () => {
    for (const s of sheets) {
      expect({
        sheet: s.name,
        paper: s.pageSetup.paperSize,
        fitToWidth: s.pageSetup.fitToWidth,
        fit: s.fitToPage,
      }).toEqual({
        sheet: s.name,
        paper: '9',
        fitToWidth: '1',
        fit: true,
      });
      expect(s.pageSetup.fitToHeight).toBe('0');
    }
    const landscape = sheets.filter((s) => s.pageSetup.orientation === 'landscape').map((s) => s.name);
    expect(landscape).toEqual([XLSX_SHEETS.annex, XLSX_SHEETS.tasks, XLSX_SHEETS.services]);
  });

  it('repeats the header rows of every table on each printed page', () => {
    for (const s of sheets.filter((x) => x.name !== XLSX_SHEETS.report)) {
      expect({ sheet: s.name, titles: s.printTitles }).toEqual({
        sheet: s.name,
        titles: expect.stringMatching(/!\$\d+:\$\d+$/),
      });
    }
    expect(sheet(sheets, XLSX_SHEETS.annex).printTitles).toMatch(/!\$7:\$10$/);
  });

  it('writes everything in Times New Roman of at least 11 pt, long text wrapped in rows tall enough for it', () => {
    for (const s of sheets) {
      for (const c of s.cells.values()) {
        if (c.value === null || c.value === '') continue;
        expect({ at: `${s.name}!${c.ref}`, font: c.font.name }).toEqual({
          at: `${s.name}!${c.ref}`,
          font: 'Times New Roman',
        });
        expect(c.font.sizePt).toBeGreaterThanOrEqual(11);
      }
    }
    const tasks = sheet(sheets, XLSX_SHEETS.tasks);
    // Data rows (below the titles and header): a 60-character text needs two lines in any column.
    const long = [...tasks.cells.values()].filter(
      (c) => splitRef(c.ref).row > 4 && typeof c.value === 'string' && c.value.length > 60,
    );
    expect(long.length).toBeGreaterThan(0);
    for (const c of long) {
      expect(c.wrap).toBe(true);
      expect(tasks.rowHeights.get(splitRef(c.ref).row)).toBeGreaterThan(30);
    }
  });

  it('stores percentages as numbers with a percent format, never as text', () => {
    const ratios = sheets.flatMap((s) => [...s.cells.values()].filter((c) => c.numFmt.includes('%')));
    expect(ratios.length).toBeGreaterThan(10);
    for (const c of ratios) if (c.value !== null) expect(typeof c.value).toBe('number');
    const all = sheets.flatMap((s) => [...s.cells.values()]);
    expect(all.filter((c) => typeof c.value === 'string' && /^\d+([.,]\d+)?%$/.test(c.value))).toEqual([]);
    const services = sheet(sheets, XLSX_SHEETS.services);
    const dept = rowOf(services, 'Toàn Sở');
    expect(rowValues(services, dept, 5, 5)).toEqual([kpisByUnit().total.apology.coverage]);
  });

  it('prints Biểu II.06a with its headings, "Rút hồ sơ", totals equal to the KPIs and rows by lĩnh vực', () => {
    const s = sheet(sheets, XLSX_SHEETS.annex);
    const text = [...s.cells.values()].map((c) => c.value);
    expect(text).toEqual(
      expect.arrayContaining([
        'Biểu số II.06a/VPCP/KSTT',
        model.annex.title,
        'Kỳ báo cáo: Quý I/2021 (Từ ngày 01/01/2021 đến ngày 31/3/2021)',
        'Đơn vị báo cáo: Sở Giáo dục và Đào tạo',
        'Đơn vị nhận báo cáo: Văn phòng UBND tỉnh',
        'Rút hồ sơ',
        'Số mới tiếp nhận',
        'Dịch vụ bưu chính',
        'Người lập biểu',
        'Thủ trưởng đơn vị',
      ]),
    );
    const k = kpisByUnit().total;
    expect(rowValues(s, rowOf(s, 'Tổng cộng'), 3, 15)).toEqual([
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
    ]);
    const first = rowOf(s, 'Tổng cộng');
    const labels = rowValues(s, first, 2, 2);
    for (let r = first; r < first + model.annex.rows.length; r += 1) {
      const [received, , , , , resolved, , , , pending, , , withdrawn] = rowValues(s, r, 3, 15) as number[];
      expect(received).toBe(resolved + pending + withdrawn);
    }
    expect(labels).toEqual(['Tổng cộng']);
    expect(rowValues(s, first + 2, 1, 2)).toEqual(['1.1', 'Thi, tuyển sinh']);
  });

  it('prints the same parts, in the same words, as the DOCX', () => {
    const s = sheet(sheets, XLSX_SHEETS.report);
    const text = [...s.cells.values()].map((c) => c.value);
    for (const part of model.parts) expect(text).toContain(part.title);
    expect(text).toContain(
      'Tỷ lệ hồ sơ giải quyết đúng hạn đạt 97,8%, chưa đạt chỉ tiêu 100%.'.replace(/^/, '- '),
    );
    expect(text).toEqual(
      expect.arrayContaining(['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', '- Sở Nội vụ (để tổng hợp);']),
    );
  });
});
