import {
  AlignmentType,
  Paragraph,
  Table,
  TableBorders,
  TableLayoutType,
  TableRow,
  WidthType,
  convertMillimetersToTwip,
  type FileChild,
} from 'docx';

import { ANNEX_COLUMNS } from '../content/annex';
import { formatNumber } from '../content/vietnamese-format';
import type { AnnexRow, ReportAnnex } from '../report.model';
import { LANDSCAPE_WIDTH, centered, layoutCell, run, tableCell } from './docx-primitives';

// Biểu số II.06a on its own landscape page: its headings, the table with three header rows and a
// column-number row, and the preparer's and the head's signature blocks.

const STT = convertMillimetersToTwip(11);
const FIELD = convertMillimetersToTwip(58);
const FIGURE = Math.floor((LANDSCAPE_WIDTH - STT - FIELD) / ANNEX_COLUMNS.length);
const WIDTHS = [STT, FIELD, ...ANNEX_COLUMNS.map(() => FIGURE)];
const span = (from: number, count: number) => WIDTHS.slice(from, from + count).reduce((a, b) => a + b, 0);

export function annexBody(annex: ReportAnnex): FileChild[] {
  const half = Math.round(LANDSCAPE_WIDTH / 2);
  return [
    new Paragraph({ children: [run(annex.code, { bold: true, size: 12 })] }),
    centered(annex.title, { bold: true, size: 13 }, { before: 120, after: 0 }),
    centered(annex.periodLine, { italics: true, size: 13 }, { before: 60, after: 60 }),
    new Table({
      width: { size: LANDSCAPE_WIDTH, type: WidthType.DXA },
      columnWidths: [half, LANDSCAPE_WIDTH - half],
      layout: TableLayoutType.FIXED,
      borders: TableBorders.NONE,
      rows: [
        new TableRow({
          children: [
            layoutCell(half, [new Paragraph({ children: [run(annex.reportingUnit, { size: 13 })] })]),
            layoutCell(LANDSCAPE_WIDTH - half, [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [run(annex.receivingUnit, { size: 13 })],
              }),
            ]),
          ],
        }),
      ],
    }),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: { before: 60, after: 60 },
      keepNext: true,
      children: [run(annex.unitOfMeasure, { italics: true, size: 12 })],
    }),
    annexTable(annex),
    ...(annex.note === null
      ? []
      : [new Paragraph({ keepNext: true, children: [run(annex.note, { italics: true, size: 12 })] })]),
    new Paragraph({ spacing: { before: 0, after: 120 }, keepNext: true, children: [] }),
    signatures(annex),
  ];
}

function annexTable(annex: ReportAnnex): Table {
  const head = { bold: true };
  // Row 1: the three groups and "Rút hồ sơ"; row 2: their columns and "Số mới tiếp nhận";
  // row 3: the channels of new dossiers; row 4: (1) … (15).
  const row1 = [
    tableCell('STT', WIDTHS[0], { ...head, rows: 3 }),
    tableCell('Lĩnh vực', WIDTHS[1], { ...head, rows: 3 }),
    tableCell('Số hồ sơ nhận giải quyết', span(2, 5), { ...head, span: 5 }),
    tableCell('Kết quả giải quyết', span(7, 4), { ...head, span: 4 }),
    tableCell('Đang giải quyết', span(11, 3), { ...head, span: 3 }),
    tableCell('Rút hồ sơ', WIDTHS[14], { ...head, rows: 3 }),
  ];
  const row2 = ANNEX_COLUMNS.flatMap((c, i) => {
    if (c.key === 'withdrawn' || c.key === 'direct' || c.key === 'postal') return [];
    if (c.key === 'online') return [tableCell('Số mới tiếp nhận', span(i + 2, 3), { ...head, span: 3 })];
    return [tableCell(c.header, WIDTHS[i + 2], { ...head, rows: 2 })];
  });
  const row3 = ANNEX_COLUMNS.flatMap((c, i) =>
    c.sub === undefined ? [] : [tableCell(c.header, WIDTHS[i + 2], head)],
  );
  const numbers = WIDTHS.map((w, i) => tableCell(`(${i + 1})`, w, { italics: true }));
  const headerRow = (children: ReturnType<typeof tableCell>[]) =>
    new TableRow({ tableHeader: true, cantSplit: true, children });
  return new Table({
    width: { size: LANDSCAPE_WIDTH, type: WidthType.DXA },
    columnWidths: WIDTHS,
    layout: TableLayoutType.FIXED,
    rows: [
      headerRow(row1),
      headerRow(row2),
      headerRow(row3),
      headerRow(numbers),
      // The signatures never stand alone on a page: the last rows travel with them.
      ...annex.rows.map((r, i) => dataRow(r, i >= annex.rows.length - 2)),
    ],
  });
}

function dataRow(row: AnnexRow, keepNext: boolean): TableRow {
  const bold = row.kind !== 'field';
  const style = { bold, keepNext };
  return new TableRow({
    cantSplit: true,
    children: [
      tableCell(row.stt, WIDTHS[0], style),
      tableCell(row.label, WIDTHS[1], { ...style, align: 'left' }),
      ...ANNEX_COLUMNS.map((c, i) => tableCell(formatNumber(row.figures[c.key]), WIDTHS[i + 2], style)),
    ],
  });
}

function signatures(annex: ReportAnnex): Table {
  const half = Math.round(LANDSCAPE_WIDTH / 2);
  const [preparer, head] = annex.signatures;
  return new Table({
    width: { size: LANDSCAPE_WIDTH, type: WidthType.DXA },
    columnWidths: [half, LANDSCAPE_WIDTH - half],
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows: [
      new TableRow({
        cantSplit: true,
        children: [
          layoutCell(half, [
            centered('', { size: 13 }),
            centered(preparer.title, { bold: true, size: 13 }),
            centered(preparer.note, { italics: true, size: 12 }),
          ]),
          layoutCell(LANDSCAPE_WIDTH - half, [
            centered(annex.dateLine, { italics: true, size: 13 }),
            centered(head.title, { bold: true, size: 13 }),
            centered(head.note, { italics: true, size: 12 }),
          ]),
        ],
      }),
    ],
  });
}
