import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { appPath } from '@cchc/config';
import { loadPlanYaml, type PlanDocument } from './plan-document';
import { planToXlsx } from './plan-xlsx-export';
import { planFromXlsx } from './plan-xlsx-import';
import { OBJECTIVES_SHEET, PLAN_COLUMNS, PLAN_SHEET } from './plan-xlsx.constants';
import { SEED_PLAN_PATH } from './plans.constants';

function seedPlan(): PlanDocument {
  const result = loadPlanYaml(readFileSync(appPath(SEED_PLAN_PATH), 'utf8'));
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.plan;
}

async function edit(data: Buffer, change: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(data as unknown as ArrayBuffer);
  change(book.getWorksheet(PLAN_SHEET)!);
  return Buffer.from(await book.xlsx.writeBuffer());
}

function rowOf(sheet: ExcelJS.Worksheet, stt: string, content: string): ExcelJS.Row {
  let found: ExcelJS.Row | undefined;
  sheet.eachRow((row) => {
    if (row.getCell(1).text === stt && row.getCell(2).text.startsWith(content)) found = row;
  });
  if (!found) throw new Error(`no row ${stt} ${content}`);
  return found;
}

describe(planFromXlsx.name, () => {
  it('reads back the 2021 plan it exported as the same plan document', async () => {
    const plan = seedPlan();
    const back = await planFromXlsx(await planToXlsx(plan));
    expect(back.ok ? [] : back.errors).toEqual([]);
    expect(back.ok && back.plan).toEqual(plan);
  });

  it("lays the table out as the appendix prints it: columns, section and group headings, each row's units", async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await planToXlsx(seedPlan())) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet(PLAN_SHEET)!;
    expect(sheet.getRow(1).values).toEqual([undefined, ...PLAN_COLUMNS]);
    expect(sheet.getRow(2).getCell(1).text).toBe('I');
    expect(sheet.getRow(2).getCell(2).text).toBe('CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH');
    expect(sheet.getRow(3).getCell(1).text).toBe('1');
    expect(sheet.getRow(3).getCell(2).text).toBe('Kiện toàn tổ chức, tổ chức họp');
    const vii6 = rowOf(sheet, '6', '');
    expect(vii6.getCell(4).text).toBe('Văn phòng Sở\nCác đơn vị trực thuộc');
    const i12 = rowOf(sheet, '1.2', 'Họp Ban chỉ đạo');
    expect(i12.getCell(7).value).toBe(5);
  });

  it('rejects the whole workbook with row-numbered errors', async () => {
    const data = await edit(await planToXlsx(seedPlan()), (sheet) => {
      const i12 = rowOf(sheet, '1.2', 'Họp Ban chỉ đạo');
      i12.getCell(7).value = -5;
      rowOf(sheet, '1.1', 'Kiện toàn Ban chỉ đạo').getCell(4).value = 'Phòng Không Có';
    });
    const result = await planFromXlsx(data);
    expect(result.ok).toBe(false);
    const text = JSON.stringify(!result.ok && result.errors);
    expect(text).toContain('Phòng Không Có');
    expect(text).toMatch(/row \d+/);
    const fixedUnit = await edit(data, (sheet) => {
      rowOf(sheet, '1.1', 'Kiện toàn Ban chỉ đạo').getCell(4).value = 'Văn phòng';
    });
    const budget = await planFromXlsx(fixedUnit);
    expect(budget.ok).toBe(false);
    const row = (() => {
      const book = new ExcelJS.Workbook();
      return book.xlsx
        .load(fixedUnit as unknown as ArrayBuffer)
        .then(() => rowOf(book.getWorksheet(PLAN_SHEET)!, '1.2', 'Họp Ban chỉ đạo').number);
    })();
    expect(!budget.ok && budget.errors).toEqual([
      expect.objectContaining({
        path: `${PLAN_SHEET}, dòng ${await row}, cột Kinh phí (triệu đồng)`,
        message: expect.stringContaining('≥ 0'),
      }),
    ]);
  });

  it("keeps an objective's linked tasks, one a line, and names the row of a task the plan does not have", async () => {
    const plan = seedPlan();
    expect(plan.objectives.find((o) => o.code === '1.6')?.tasks).toEqual([
      'VII.1',
      'VII.2',
      'VII.3',
      'VII.4',
    ]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await planToXlsx(plan)) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet(OBJECTIVES_SHEET)!;
    expect(sheet.getRow(1).getCell(6).text).toBe('Nhiệm vụ liên kết');
    let row16: ExcelJS.Row | undefined;
    sheet.eachRow((row) => {
      if (row.getCell(1).text === '1.6') row16 = row;
    });
    expect(row16!.getCell(6).text).toBe('VII.1\nVII.2\nVII.3\nVII.4');
    row16!.getCell(6).value = 'VII.1\nVII.99';
    const result = await planFromXlsx(Buffer.from(await book.xlsx.writeBuffer()));
    expect(!result.ok && result.errors).toEqual([
      {
        path: `${OBJECTIVES_SHEET}, dòng ${row16!.number}, cột Nhiệm vụ liên kết`,
        message: `row ${row16!.number} (Nhiệm vụ liên kết): no task "VII.99" in the plan`,
      },
    ]);
  });

  it('says when the data is not a workbook', async () => {
    const result = await planFromXlsx(Buffer.from('not a zip'));
    expect(result.ok).toBe(false);
  });
});
