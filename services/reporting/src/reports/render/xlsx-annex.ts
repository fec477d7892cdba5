import type ExcelJS from 'exceljs';

import { ANNEX_COLUMNS } from '../content/annex';
import type { ReportAnnex } from '../report.model';
import {
  BORDER,
  FONT,
  FONT_PT,
  fitRowHeight,
  linesFor,
  pageSetup,
  styleHeaderCell,
  titleLine,
  writeValue,
} from './xlsx-layout';

export const ANNEX_SHEET = 'Biểu II.06a';

const WIDTHS = [6, 32, ...ANNEX_COLUMNS.map(() => 8.2)];
const HEADER_TOP = 7;

/** Biểu II.06a on a landscape sheet, laid out as the DOCX annex: same headings, rows, signatures. */
export function addAnnexSheet(wb: ExcelJS.Workbook, annex: ReportAnnex): void {
  const n = WIDTHS.length;
  const total = WIDTHS.reduce((a, b) => a + b, 0);
  const lastHeader = HEADER_TOP + 3;
  const ws = wb.addWorksheet(ANNEX_SHEET, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: lastHeader }],
    pageSetup: { ...pageSetup(true), printTitlesRow: `${HEADER_TOP}:${lastHeader}` },
  });
  ws.columns = WIDTHS.map((width) => ({ width }));

  titleLine(ws, 1, annex.code, n, total, { bold: true, size: 12, align: 'left' });
  titleLine(ws, 2, annex.title, n, total, { bold: true, size: 13 });
  titleLine(ws, 3, annex.periodLine, n, total, { italic: true, size: 12 });
  titleLine(ws, 4, annex.reportingUnit, n, total, { size: 12, align: 'left' });
  titleLine(ws, 5, annex.receivingUnit, n, total, { size: 12, align: 'left' });
  titleLine(ws, 6, annex.unitOfMeasure, n, total, { italic: true, size: 11, align: 'right' });

  // Three header rows as in the DOCX, then the column numbers.
  const put = (row: number, col: number, text: string, toRow = row, toCol = col) => {
    if (toRow > row || toCol > col) ws.mergeCells(row, col, toRow, toCol);
    ws.getCell(row, col).value = text;
    for (let r = row; r <= toRow; r += 1)
      for (let c = col; c <= toCol; c += 1) styleHeaderCell(ws.getCell(r, c));
  };
  const r1 = HEADER_TOP;
  put(r1, 1, 'STT', r1 + 2);
  put(r1, 2, 'Lĩnh vực', r1 + 2);
  put(r1, 3, 'Số hồ sơ nhận giải quyết', r1, 7);
  put(r1, 8, 'Kết quả giải quyết', r1, 11);
  put(r1, 12, 'Đang giải quyết', r1, 14);
  put(r1, 15, 'Rút hồ sơ', r1 + 2);
  ANNEX_COLUMNS.forEach((c, i) => {
    const col = i + 3;
    if (c.key === 'withdrawn' || c.key === 'direct' || c.key === 'postal') return;
    if (c.key === 'online') put(r1 + 1, col, 'Số mới tiếp nhận', r1 + 1, col + 2);
    else put(r1 + 1, col, c.header, r1 + 2);
  });
  ANNEX_COLUMNS.forEach((c, i) => {
    if (c.sub !== undefined) put(r1 + 2, i + 3, c.header);
  });
  fitRowHeight(ws.getRow(r1), 2);
  fitRowHeight(ws.getRow(r1 + 1), 2);
  fitRowHeight(ws.getRow(r1 + 2), 2);
  const numbers = ws.getRow(lastHeader);
  WIDTHS.forEach((_, i) => {
    const cell = numbers.getCell(i + 1);
    cell.value = `(${i + 1})`;
    cell.font = { name: FONT, size: FONT_PT, italic: true };
    cell.alignment = { horizontal: 'center' };
    cell.border = BORDER;
  });

  annex.rows.forEach((row, i) => {
    const r = ws.getRow(lastHeader + 1 + i);
    const bold = row.kind !== 'field';
    writeValue(r.getCell(1), row.stt, 'text', bold);
    writeValue(r.getCell(2), row.label, 'text', bold);
    ANNEX_COLUMNS.forEach((c, j) => writeValue(r.getCell(j + 3), row.figures[c.key], 'int', bold));
    r.getCell(1).alignment = { horizontal: 'center', vertical: 'top' };
    fitRowHeight(r, linesFor(row.label, WIDTHS[1]));
  });

  let next = lastHeader + annex.rows.length + 2;
  if (annex.note !== null) {
    titleLine(ws, next - 1, annex.note, n, total, { italic: true, size: 11, align: 'left' });
    next += 1;
  }
  const [preparer, head] = annex.signatures;
  const block = (row: number, left: string, right: string, style: { bold?: boolean; italic?: boolean }) => {
    ws.mergeCells(row, 1, row, 7);
    ws.mergeCells(row, 8, row, n);
    for (const [col, text] of [
      [1, left],
      [8, right],
    ] as const) {
      const cell = ws.getCell(row, col);
      cell.value = text;
      cell.font = { name: FONT, size: 12, bold: style.bold ?? false, italic: style.italic ?? false };
      cell.alignment = { horizontal: 'center', vertical: 'middle' };
    }
    fitRowHeight(ws.getRow(row), 1, 12);
  };
  block(next, '', annex.dateLine, { italic: true });
  block(next + 1, preparer.title, head.title, { bold: true });
  block(next + 2, preparer.note, head.note, { italic: true });
}
