import type ExcelJS from 'exceljs';

// Layout shared by every sheet: Times New Roman ≥ 11 pt, thin borders, wrapped text with row
// heights set from the text (a spreadsheet does not grow a row for wrapped text it did not lay out
// itself, so rows would overlap when printed), A4 fitted to the page width, header rows repeated.

export const FONT = 'Times New Roman';
export const FONT_PT = 11;
const THIN: Partial<ExcelJS.Border> = { style: 'thin' };
export const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
export const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };

export type Kind = 'text' | 'int' | 'ratio' | 'amount' | 'score';
export type Value = string | number | null;

export const NUM_FORMATS: Record<Exclude<Kind, 'text'>, string> = {
  int: '#,##0',
  ratio: '0.0%',
  amount: '#,##0.##',
  score: '0.00',
};

// Times New Roman 11 pt fits about 1.2 characters per unit of column width; a line is ~15 pt.
const CHARS_PER_WIDTH = 1.2;
const LINE_PT = 15;

/** Lines a text takes in a column `width` units wide. */
export function linesFor(text: string, width: number, sizePt = FONT_PT): number {
  const perLine = Math.max(1, Math.floor((width * CHARS_PER_WIDTH * FONT_PT) / sizePt) - 1);
  return text.split('\n').reduce((n, part) => n + Math.max(1, Math.ceil(part.length / perLine)), 0);
}

/** A row tall enough for the tallest wrapped text in it. */
export function fitRowHeight(row: ExcelJS.Row, lines: number, sizePt = FONT_PT): void {
  row.height = Math.max(1, lines) * Math.round((LINE_PT * sizePt) / FONT_PT) + 4;
}

export function pageSetup(landscape: boolean): Partial<ExcelJS.PageSetup> {
  return {
    paperSize: 9, // A4
    orientation: landscape ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.6, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
}

/** A title line merged across the sheet's columns, its row as tall as its text. */
export function titleLine(
  ws: ExcelJS.Worksheet,
  rowNo: number,
  text: string,
  columns: number,
  totalWidth: number,
  style: { bold?: boolean; italic?: boolean; size?: number; align?: 'left' | 'center' | 'right' } = {},
): void {
  ws.mergeCells(rowNo, 1, rowNo, columns);
  const cell = ws.getCell(rowNo, 1);
  cell.value = text;
  const size = style.size ?? 12;
  cell.font = { name: FONT, size, bold: style.bold ?? false, italic: style.italic ?? false };
  cell.alignment = { horizontal: style.align ?? 'center', vertical: 'middle', wrapText: true };
  fitRowHeight(ws.getRow(rowNo), linesFor(text, totalWidth, size), size);
}

export function styleHeaderCell(cell: ExcelJS.Cell): void {
  cell.font = { name: FONT, size: FONT_PT, bold: true };
  cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  cell.fill = HEADER_FILL;
  cell.border = BORDER;
}

/** Writes one value with its number format; text wraps, figures align right. */
export function writeValue(cell: ExcelJS.Cell, value: Value, kind: Kind, bold = false): void {
  cell.value = value;
  if (kind !== 'text' && typeof value === 'number') cell.numFmt = NUM_FORMATS[kind];
  cell.font = { name: FONT, size: FONT_PT, bold };
  cell.alignment = {
    vertical: 'top',
    wrapText: true,
    horizontal: kind === 'text' || typeof value === 'string' ? 'left' : 'right',
  };
  cell.border = BORDER;
}
