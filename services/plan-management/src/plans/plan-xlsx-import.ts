import ExcelJS from 'exceljs';
import { parsePlanDocument, type PlanDocumentError, type PlanDocumentResult } from './plan-document';
import {
  CELL_LIST_SEPARATOR,
  INFO_ROWS,
  INFO_SHEET,
  OBJECTIVES_SHEET,
  PLAN_COLUMNS,
  PLAN_SHEET,
  REQUIREMENTS_SHEET,
  UNITS_SHEET,
} from './plan-xlsx.constants';

type Cell = string | number | null;

/** A cell as text or number; rich text, hyperlinks and formulas by what they show. */
function cellValue(cell: ExcelJS.Cell): Cell {
  const v = cell.value;
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && 'result' in v && typeof v.result === 'number') return v.result;
  const text = cell.text.replace(/\r\n?/g, '\n').trim();
  return text === '' ? null : text;
}

const asText = (c: Cell): string => (c === null ? '' : String(c));
const asList = (c: Cell): string[] =>
  asText(c)
    .split(CELL_LIST_SEPARATOR)
    .map((s) => s.trim())
    .filter((s) => s !== '');

interface Origin {
  sheet: string;
  row: number;
  /** Document field → the column header that holds it. */
  columns: Record<string, string>;
}

const TASK_COLUMNS: Record<string, string> = {
  code: PLAN_COLUMNS[0],
  content: PLAN_COLUMNS[1],
  products: PLAN_COLUMNS[2],
  leadUnits: PLAN_COLUMNS[3],
  coordinatingUnits: PLAN_COLUMNS[4],
  timeframe: PLAN_COLUMNS[5],
  budgetMillionVnd: PLAN_COLUMNS[6],
};

/**
 * A workbook in the shape {@link planToXlsx} writes, read back into a plan document and validated
 * like YAML and JSON. Every error names its sheet and row (and column where it is one cell's).
 */
export async function planFromXlsx(data: Buffer): Promise<PlanDocumentResult> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(data as unknown as ArrayBuffer);
  } catch (e) {
    return { ok: false, errors: [{ path: '', message: `not a readable XLSX workbook: ${String(e)}` }] };
  }
  const errors: PlanDocumentError[] = [];
  const sheet = (name: string): ExcelJS.Worksheet | undefined => {
    const s = book.getWorksheet(name);
    if (!s) errors.push({ path: name, message: `the workbook has no sheet "${name}"` });
    return s;
  };
  const rowsOf = (s: ExcelJS.Worksheet | undefined, skipHeader: boolean) => {
    const rows: Array<{ number: number; cells: Cell[] }> = [];
    s?.eachRow((row, number) => {
      if (skipHeader && number === 1) return;
      const cells = Array.from({ length: 8 }, (_, i) => cellValue(row.getCell(i + 1)));
      if (cells.some((c) => c !== null)) rows.push({ number, cells });
    });
    return rows;
  };
  const origins = new Map<string, Origin>();

  // Thông tin: label → value.
  const info = new Map<string, Cell>();
  for (const { cells } of rowsOf(sheet(INFO_SHEET), false)) info.set(asText(cells[0]), cells[1]);
  const infoValue = (label: string): Cell => {
    if (!info.has(label)) errors.push({ path: INFO_SHEET, message: `no row "${label}"` });
    return info.get(label) ?? null;
  };

  const units = rowsOf(sheet(UNITS_SHEET), true).map(({ number, cells }, i) => {
    origins.set(`units[${i}]`, { sheet: UNITS_SHEET, row: number, columns: { code: 'Mã', name: 'Tên' } });
    return { code: asText(cells[0]), name: asText(cells[1]), aliases: asList(cells[2]) };
  });
  // The row writes a unit by its name or one of its other names, capitalised as the sentence needs
  // ("các phòng thuộc Sở" after a semicolon): compared in lower case.
  const key = (name: string): string => name.normalize('NFC').toLocaleLowerCase('vi');
  const byName = new Map<string, string>();
  for (const u of units) for (const n of [u.name, ...u.aliases]) byName.set(key(n), u.code);
  const nameOf = new Map(units.map((u) => [u.code, u.name]));

  const objectives = rowsOf(sheet(OBJECTIVES_SHEET), true).map(({ number, cells }, i) => {
    origins.set(`objectives[${i}]`, {
      sheet: OBJECTIVES_SHEET,
      row: number,
      columns: {
        code: 'Mã',
        text: 'Nội dung',
        target: 'Chỉ tiêu',
        kpi: 'Chỉ số đo (KPI)',
        tasks: 'Nhiệm vụ liên kết',
      },
    });
    return {
      code: asText(cells[0]),
      text: asText(cells[1]),
      target: cells[2] === null && cells[3] === null ? null : { value: cells[2], unit: asText(cells[3]) },
      kpi: cells[4],
      // One task code a line; a sheet from before the column has none.
      tasks: asList(cells[5]),
    };
  });
  const requirements = rowsOf(sheet(REQUIREMENTS_SHEET), true).map(({ number, cells }, i) => {
    origins.set(`requirements[${i}]`, { sheet: REQUIREMENTS_SHEET, row: number, columns: {} });
    return { code: asText(cells[0]), text: asText(cells[1]) };
  });

  interface SectionDraft {
    code: string;
    title: string;
    groups: Array<{ code: string; title: string }>;
    tasks: unknown[];
  }
  const sections: SectionDraft[] = [];
  for (const { number, cells } of rowsOf(sheet(PLAN_SHEET), true)) {
    const stt = asText(cells[0]);
    const isHeading = cells.slice(2, 7).every((c) => c === null);
    const section = sections.at(-1);
    if (isHeading && /^[IVXLC]+$/.test(stt)) {
      origins.set(`sections[${sections.length}]`, { sheet: PLAN_SHEET, row: number, columns: {} });
      sections.push({ code: stt, title: asText(cells[1]), groups: [], tasks: [] });
    } else if (!section) {
      errors.push({
        path: `${PLAN_SHEET}!A${number}`,
        message: `row ${number}: a task before any section heading (I, II, …)`,
      });
    } else if (isHeading && /^\d+$/.test(stt)) {
      section.groups.push({ code: stt, title: asText(cells[1]) });
    } else {
      const ref = (written: string) => {
        const code = byName.get(key(written));
        if (code === undefined) return written; // not a unit: the validation below names the row
        return nameOf.get(code) === written.normalize('NFC') ? code : { code, as: written };
      };
      const unknown = [...asList(cells[3]), ...asList(cells[4])].filter((n) => !byName.has(key(n)));
      for (const n of unknown)
        errors.push({
          path: `${PLAN_SHEET}!${asList(cells[3]).includes(n) ? 'D' : 'E'}${number}`,
          message: `row ${number}: "${n}" is not a unit of the "${UNITS_SHEET}" sheet (its name or another name)`,
        });
      const budget = cells[6];
      origins.set(`sections[${sections.length - 1}].tasks[${section.tasks.length}]`, {
        sheet: PLAN_SHEET,
        row: number,
        columns: TASK_COLUMNS,
      });
      section.tasks.push({
        code: `${section.code}.${stt}`,
        ...(stt.includes('.') ? { group: stt.split('.')[0] } : {}),
        content: asText(cells[1]),
        products: asList(cells[2]),
        leadUnits: asList(cells[3]).map(ref),
        coordinatingUnits: asList(cells[4]).map(ref),
        timeframe: asText(cells[5]),
        budgetMillionVnd:
          budget === null
            ? null
            : typeof budget === 'number'
              ? budget
              : Number.isFinite(Number(budget))
                ? Number(budget)
                : budget,
      });
    }
  }
  if (errors.length > 0) return { ok: false, errors };

  const year = infoValue(INFO_ROWS.year);
  const result = parsePlanDocument({
    year: typeof year === 'string' && /^\d+$/.test(year) ? Number(year) : year,
    title: infoValue(INFO_ROWS.title),
    decision: {
      number: infoValue(INFO_ROWS.number),
      date: infoValue(INFO_ROWS.date),
      issuer: infoValue(INFO_ROWS.issuer),
      signer: infoValue(INFO_ROWS.signer),
      signerTitle: infoValue(INFO_ROWS.signerTitle),
    },
    units,
    objectives,
    requirements,
    sections,
  });
  if (errors.length > 0) return { ok: false, errors };
  return result.ok ? result : { ok: false, errors: result.errors.map((e) => located(e, origins)) };
}

/** A document path (`sections[2].tasks[4].budgetMillionVnd`) as the sheet, row and column it came from. */
function located(error: PlanDocumentError, origins: Map<string, Origin>): PlanDocumentError {
  const match =
    /^((?:sections\[\d+\]\.tasks\[\d+\])|(?:sections\[\d+\])|(?:units\[\d+\])|(?:objectives\[\d+\])|(?:requirements\[\d+\]))(?:\.(\w+))?/.exec(
      error.path,
    );
  const origin = match ? origins.get(match[1]) : undefined;
  if (!origin) return error;
  const column = match?.[2] ? origin.columns[match[2]] : undefined;
  return {
    path: `${origin.sheet}, dòng ${origin.row}${column ? `, cột ${column}` : ''}`,
    message: `row ${origin.row}${column ? ` (${column})` : ''}: ${error.message}`,
  };
}
