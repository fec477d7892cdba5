import { beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';

import { kpisByUnit, reportInput } from '../../test/fixtures/report-input';
import { buildReport, markIssued } from './report-builder';
import { renderXlsx, XLSX_SHEETS } from './report-xlsx';

const model = buildReport(reportInput());

async function load(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return wb;
}

function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

/** The row whose second cell reads `label`. */
function rowByLabel(ws: ExcelJS.Worksheet, label: string, column = 2): ExcelJS.Row {
  for (let r = 1; r <= ws.rowCount; r += 1) {
    if (ws.getRow(r).getCell(column).value === label) return ws.getRow(r);
  }
  throw new Error(`no row "${label}" in ${ws.name}`);
}

const values = (row: ExcelJS.Row, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => row.getCell(from + i).value);

describe(renderXlsx.name, () => {
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    wb = await load(await renderXlsx(model));
  });

  it('has one sheet per table, with Vietnamese names', () => {
    expect(wb.worksheets.map((ws) => ws.name)).toEqual([
      'Tổng hợp',
      'Biểu II.06a',
      'Nhiệm vụ kế hoạch',
      'Mục tiêu',
      'Xin lỗi–Trực tuyến–BCCI–PAKN',
      'Kinh phí',
      'Nhận xét',
    ]);
  });

  it('writes the Biểu II.06a rows as numbers: the department first, then each unit', () => {
    const ws = sheet(wb, XLSX_SHEETS.results);
    const dept = rowByLabel(ws, 'Tổng cộng toàn Sở');
    expect(values(dept, 3, 16)).toEqual([
      1234,
      520,
      600,
      14,
      100,
      1100,
      800,
      276,
      24,
      131,
      127,
      4,
      3,
      1076 / 1100,
    ]);
    expect(values(rowByLabel(ws, 'Phòng Giáo dục Trung học'), 1, 14)).toEqual([
      '2',
      'Phòng Giáo dục Trung học',
      434,
      200,
      200,
      4,
      30,
      400,
      280,
      106,
      14,
      33,
      31,
      2,
    ]);
    expect(rowByLabel(ws, 'Phòng Tổ chức cán bộ - Tài chính').getCell(16).value).toBe(1);
  });

  it('groups the Biểu II.06a headers, numbers the columns and freezes the header rows', () => {
    const ws = sheet(wb, XLSX_SHEETS.results);
    expect(ws.getCell('C4').value).toBe('Tiếp nhận');
    expect(ws.getCell('G4').isMerged && ws.getCell('G4').master.address).toBe('C4');
    expect(ws.getCell('H4').value).toBe('Đã giải quyết');
    expect(ws.getCell('L4').value).toBe('Đang giải quyết');
    expect(values(ws.getRow(5), 3, 14)).toEqual([
      'Tổng số',
      'Trực tuyến',
      'Trực tiếp',
      'Bưu chính',
      'Kỳ trước chuyển sang',
      'Tổng',
      'Trước hạn',
      'Đúng hạn',
      'Quá hạn',
      'Tổng',
      'Trong hạn',
      'Quá hạn',
    ]);
    expect(ws.getCell('A5').master.address).toBe('A4');
    expect(ws.getCell('C6').value).toBe('(3)');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 6, xSplit: 2 });
    expect(ws.getColumn(2).width).toBe(36);
  });

  it('formats counts with grouping and ratios as percentages', () => {
    const ws = sheet(wb, XLSX_SHEETS.results);
    const dept = rowByLabel(ws, 'Tổng cộng toàn Sở');
    expect(dept.getCell(3).numFmt).toBe('#,##0');
    expect(dept.getCell(16).numFmt).toBe('0.0%');
  });

  it('summarises tasks by section with a total row', () => {
    const ws = sheet(wb, XLSX_SHEETS.summary);
    expect(values(rowByLabel(ws, 'CẢI CÁCH THỦ TỤC HÀNH CHÍNH'), 1, 9)).toEqual([
      'III',
      'CẢI CÁCH THỦ TỤC HÀNH CHÍNH',
      2,
      0,
      0,
      1,
      1,
      0,
      0,
    ]);
    expect(values(rowByLabel(ws, 'Tổng cộng'), 3, 9)).toEqual([6, 1, 1, 2, 2, 1 / 6, 7]);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
  });

  it('lists every plan task with its effective status, progress and evidence', () => {
    const ws = sheet(wb, XLSX_SHEETS.tasks);
    expect(ws.getCell('A4').value).toBe('Mã');
    const codes = Array.from({ length: ws.rowCount - 4 }, (_, i) => ws.getRow(5 + i).getCell(1).value);
    expect(codes).toEqual(['I.1.1', 'I.1.2', 'III.1.1', 'III.4.1', 'VII.1', 'VII.8']);
    const done = ws.getRow(5);
    expect(done.getCell(8).value).toEqual(new Date('2021-03-31T00:00:00Z'));
    expect(done.getCell(9).value).toBe('Đã hoàn thành');
    expect(done.getCell(10).value).toBe(1);
    expect(done.getCell(10).numFmt).toBe('0.0%');
    expect(done.getCell(13).value).toBe('25/QĐ-SGDĐT ngày 15/01/2021: Quyết định kiện toàn Ban chỉ đạo CCHC');
    expect(ws.getRow(7).getCell(9).value).toBe('Chậm tiến độ');
    expect(ws.getRow(7).getCell(14).value).toBe('Không');
    expect(ws.getRow(6).getCell(15).value).toBe(5);
  });

  it('puts objectives and the TTHC targets side by side, percentages as fractions', () => {
    const ws = sheet(wb, XLSX_SHEETS.objectives);
    const o14 = rowByLabel(ws, '1.4', 1);
    expect(values(o14, 4, 7)).toEqual([0.1, 0.085, '%', 'Chưa đạt']);
    const onTime = rowByLabel(ws, 'Tỷ lệ hồ sơ TTHC giải quyết trước hạn, đúng hạn', 3);
    expect(values(onTime, 4, 7)).toEqual([1, 1076 / 1100, '%', 'Chưa đạt']);
    expect(rowByLabel(ws, '1.3', 1).getCell(7).value).toBe('Không định lượng');
  });

  it('tabulates apology letters, online, postal and feedback figures per unit', () => {
    const ws = sheet(wb, XLSX_SHEETS.services);
    expect(ws.getCell('C4').value).toBe('Thư xin lỗi (hồ sơ trễ hạn)');
    const dept = rowByLabel(ws, 'Tổng cộng toàn Sở');
    expect(values(dept, 3, 19)).toEqual([
      28,
      25,
      3,
      25 / 28,
      520,
      520 / 1134,
      45,
      80,
      45 / 80,
      14,
      20,
      5,
      4,
      4,
      1,
      0,
      1,
    ]);
    // No late dossier: the ratio is empty, not 0%.
    expect(rowByLabel(ws, 'Phòng Tổ chức cán bộ - Tài chính').getCell(6).value).toBeNull();
  });

  it('lists the budget by section and item with the plan total', () => {
    const ws = sheet(wb, XLSX_SHEETS.budget);
    expect(values(rowByLabel(ws, 'CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH'), 1, 3)).toEqual([
      'I',
      'CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH',
      5,
    ]);
    expect(rowByLabel(ws, 'Họp Ban chỉ đạo CCHC định kỳ quý, 6 tháng, năm').getCell(3).value).toBe(5);
    expect(rowByLabel(ws, 'Tổng cộng').getCell(3).value).toBe(7);
  });

  it('labels the total row with the unit of a scoped report', async () => {
    const vp = kpisByUnit().units.find((u) => u.unit === 'vp')!.kpis;
    const scoped = await load(
      await renderXlsx(
        buildReport(reportInput({ kpis: { period: vp.period, total: vp, units: [] }, scopeUnit: 'vp' })),
      ),
    );
    const ws = sheet(scoped, XLSX_SHEETS.results);
    expect(rowByLabel(ws, 'Tổng cộng: Văn phòng Sở').getCell(3).value).toBe(720);
    expect(() => rowByLabel(ws, 'Tổng cộng toàn Sở')).toThrow();
  });

  it('marks a draft in the sheet titles, and an issued report without it', async () => {
    expect(sheet(wb, XLSX_SHEETS.results).getCell('A1').text).toContain('(DỰ THẢO)');
    const issued = await load(
      await renderXlsx(markIssued(model, { version: 1, issuedAt: '2021-04-05T10:00:00+07:00' })),
    );
    expect(sheet(issued, XLSX_SHEETS.results).getCell('A1').text).not.toContain('DỰ THẢO');
  });
});
