import ExcelJS from 'exceljs';
import type { PlanDocument, UnitRef } from './plan-document';
import {
  CELL_LIST_SEPARATOR,
  INFO_ROWS,
  INFO_SHEET,
  OBJECTIVE_COLUMNS,
  OBJECTIVES_SHEET,
  PLAN_COLUMNS,
  PLAN_SHEET,
  REQUIREMENT_COLUMNS,
  REQUIREMENTS_SHEET,
  UNIT_COLUMNS,
  UNITS_SHEET,
} from './plan-xlsx.constants';

const FONT = { name: 'Times New Roman', size: 12 };

function header(sheet: ExcelJS.Worksheet, names: readonly string[], widths: readonly number[]): void {
  const row = sheet.addRow([...names]);
  row.font = { ...FONT, bold: true };
  row.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  widths.forEach((w, i) => (sheet.getColumn(i + 1).width = w));
}

/** The plan document as a workbook: the appendix table and the plan's other parts. */
export async function planToXlsx(doc: PlanDocument): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const nameOf = new Map(doc.units.map((u) => [u.code, u.name]));
  const written = (refs: readonly UnitRef[]): string =>
    refs.map((r) => (typeof r === 'string' ? (nameOf.get(r) ?? r) : r.as)).join(CELL_LIST_SEPARATOR);

  const plan = book.addWorksheet(PLAN_SHEET, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  header(plan, PLAN_COLUMNS, [8, 50, 40, 22, 22, 18, 12]);
  plan.views = [{ state: 'frozen', ySplit: 1 }];
  plan.pageSetup.printTitlesRow = '1:1';
  for (const section of doc.sections) {
    const heading = plan.addRow([section.code, section.title]);
    heading.font = { ...FONT, bold: true };
    const groups = new Map(section.groups.map((g) => [g.code, g.title]));
    const shown = new Set<string>();
    for (const task of section.tasks) {
      // A group's heading row comes before its first task, as in the printed table.
      if (task.group !== undefined && !shown.has(task.group)) {
        shown.add(task.group);
        const g = plan.addRow([task.group, groups.get(task.group) ?? '']);
        g.font = { ...FONT, bold: true, italic: true };
      }
      plan.addRow([
        task.code.slice(section.code.length + 1),
        task.content,
        task.products.join(CELL_LIST_SEPARATOR),
        written(task.leadUnits),
        written(task.coordinatingUnits),
        task.timeframe,
        task.budgetMillionVnd,
      ]).font = FONT;
    }
    // Groups no task names still belong to the section.
    for (const g of section.groups.filter((x) => !shown.has(x.code)))
      plan.addRow([g.code, g.title]).font = { ...FONT, bold: true, italic: true };
  }
  plan.eachRow((row) => (row.alignment = { vertical: 'top', wrapText: true }));

  const info = book.addWorksheet(INFO_SHEET);
  info.getColumn(1).width = 30;
  info.getColumn(2).width = 80;
  const values: Record<keyof typeof INFO_ROWS, string | number> = {
    year: doc.year,
    title: doc.title,
    number: doc.decision.number,
    date: doc.decision.date,
    issuer: doc.decision.issuer,
    signer: doc.decision.signer,
    signerTitle: doc.decision.signerTitle,
  };
  for (const key of Object.keys(INFO_ROWS) as Array<keyof typeof INFO_ROWS>)
    info.addRow([INFO_ROWS[key], values[key]]).font = FONT;

  const objectives = book.addWorksheet(OBJECTIVES_SHEET);
  header(objectives, OBJECTIVE_COLUMNS, [8, 80, 10, 12, 16, 16]);
  for (const o of doc.objectives)
    objectives.addRow([
      o.code,
      o.text,
      o.target?.value ?? null,
      o.target?.unit ?? null,
      o.kpi,
      o.tasks.length > 0 ? o.tasks.join(CELL_LIST_SEPARATOR) : null,
    ]).font = FONT;

  const requirements = book.addWorksheet(REQUIREMENTS_SHEET);
  header(requirements, REQUIREMENT_COLUMNS, [8, 100]);
  for (const r of doc.requirements) requirements.addRow([r.code, r.text]).font = FONT;

  const units = book.addWorksheet(UNITS_SHEET);
  header(units, UNIT_COLUMNS, [30, 40, 40]);
  for (const u of doc.units) units.addRow([u.code, u.name, u.aliases.join(CELL_LIST_SEPARATOR)]).font = FONT;

  for (const sheet of book.worksheets)
    sheet.eachRow((row) => row.eachCell((cell) => (cell.alignment = { vertical: 'top', wrapText: true })));
  return Buffer.from(await book.xlsx.writeBuffer());
}
