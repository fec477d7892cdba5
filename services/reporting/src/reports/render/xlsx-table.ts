import type ExcelJS from 'exceljs';

import {
  FONT,
  FONT_PT,
  BORDER,
  fitRowHeight,
  linesFor,
  pageSetup,
  styleHeaderCell,
  titleLine,
  writeValue,
  type Kind,
  type Value,
} from './xlsx-layout';

export interface Column {
  header: string;
  /** Group header spanning consecutive columns with the same group. */
  group?: string;
  width: number;
  kind: Kind;
}

export interface Row {
  values: Value[];
  bold?: boolean;
}

export interface TableSpec {
  name: string;
  title: string;
  subtitle: string;
  columns: Column[];
  rows: Row[];
  landscape: boolean;
  /** Adds the "(1) (2) …" column-number row used by the regulation's tables. */
  numberRow?: boolean;
}

const FIRST_HEADER_ROW = 4;

/** A titled table on its own sheet, printable as delivered. */
export function addTable(wb: ExcelJS.Workbook, spec: TableSpec): ExcelJS.Worksheet {
  const grouped = spec.columns.some((c) => c.group !== undefined);
  const headerRows = grouped ? 2 : 1;
  const lastHeaderRow = FIRST_HEADER_ROW + headerRows - 1 + (spec.numberRow ? 1 : 0);
  const ws = wb.addWorksheet(spec.name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: lastHeaderRow }],
    pageSetup: { ...pageSetup(spec.landscape), printTitlesRow: `${FIRST_HEADER_ROW}:${lastHeaderRow}` },
  });
  ws.columns = spec.columns.map((c) => ({ width: c.width }));
  const n = spec.columns.length;
  const totalWidth = spec.columns.reduce((a, c) => a + c.width, 0);

  titleLine(ws, 1, spec.title, n, totalWidth, { bold: true, size: 13 });
  titleLine(ws, 2, spec.subtitle, n, totalWidth, { italic: true, size: 12 });
  writeHeader(ws, spec.columns, grouped);
  if (spec.numberRow) {
    const r = ws.getRow(FIRST_HEADER_ROW + headerRows);
    spec.columns.forEach((_, i) => {
      const cell = r.getCell(i + 1);
      cell.value = `(${i + 1})`;
      cell.font = { name: FONT, size: FONT_PT, italic: true };
      cell.alignment = { horizontal: 'center' };
      cell.border = BORDER;
    });
  }
  spec.rows.forEach((row, ri) => {
    const r = ws.getRow(lastHeaderRow + 1 + ri);
    let lines = 1;
    spec.columns.forEach((col, ci) => {
      const v = row.values[ci] ?? null;
      writeValue(r.getCell(ci + 1), v, col.kind, row.bold);
      if (typeof v === 'string') lines = Math.max(lines, linesFor(v, col.width));
    });
    fitRowHeight(r, lines);
  });
  return ws;
}

function writeHeader(ws: ExcelJS.Worksheet, columns: Column[], grouped: boolean): void {
  const top = FIRST_HEADER_ROW;
  const bottom = grouped ? top + 1 : top;
  let lines = 1;
  let i = 0;
  while (i < columns.length) {
    const col = columns[i];
    if (col.group === undefined) {
      if (bottom > top) ws.mergeCells(top, i + 1, bottom, i + 1);
      ws.getCell(top, i + 1).value = col.header;
      styleHeaderCell(ws.getCell(top, i + 1));
      lines = Math.max(lines, linesFor(col.header, col.width) - (bottom > top ? 1 : 0));
      i += 1;
      continue;
    }
    let j = i;
    while (j + 1 < columns.length && columns[j + 1].group === col.group) j += 1;
    if (j > i) ws.mergeCells(top, i + 1, top, j + 1);
    ws.getCell(top, i + 1).value = col.group;
    for (let k = i; k <= j; k += 1) {
      styleHeaderCell(ws.getCell(top, k + 1));
      ws.getCell(bottom, k + 1).value = columns[k].header;
      styleHeaderCell(ws.getCell(bottom, k + 1));
      lines = Math.max(lines, linesFor(columns[k].header, columns[k].width));
    }
    i = j + 1;
  }
  if (bottom > top) fitRowHeight(ws.getRow(top), 2);
  fitRowHeight(ws.getRow(bottom), lines);
}
