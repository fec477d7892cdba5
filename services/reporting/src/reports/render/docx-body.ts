import {
  LineRuleType,
  Paragraph,
  Table,
  TableBorders,
  TableLayoutType,
  TableRow,
  WidthType,
  convertMillimetersToTwip,
  type FileChild,
} from 'docx';

import { formatNumber, formatPercent, formatScore } from '../content/vietnamese-format';
import type { ReportBlock, ReportModel, ReportTable } from '../report.model';
import {
  BODY_PT,
  PORTRAIT_WIDTH,
  body,
  centered,
  empty,
  heading,
  layoutCell,
  rule,
  run,
  tableCell,
} from './docx-primitives';

// The portrait part of the report: Decree 30 header, title, parts I–V, closing and signature.

// Wide enough for "SỞ GIÁO DỤC VÀ ĐÀO TẠO" (13 pt bold) and the motto (12 pt bold) on one line each.
const HEADER_LEFT = convertMillimetersToTwip(66);
const HEADER_RIGHT = PORTRAIT_WIDTH - HEADER_LEFT;

export function documentBody(model: ReportModel): FileChild[] {
  return [
    documentHeader(model),
    ...title(model),
    body(model.introduction),
    ...model.parts.flatMap((part) => [heading(part.title), ...part.blocks.flatMap(block)]),
    // The signer never stands alone on a page: the closing line travels with the signature.
    body(model.closing, { keepNext: true }),
    new Paragraph({ spacing: { before: 0, after: 120 }, keepNext: true, children: [] }),
    signatureBlock(model),
    // The section ends with a paragraph holding its properties; a hairline one of our own, so that
    // a full last page does not push an empty paragraph (and a blank page) before the annex.
    new Paragraph({
      spacing: { before: 0, after: 0, line: 20, lineRule: LineRuleType.EXACT },
      run: { size: 2 },
      children: [],
    }),
  ];
}

function documentHeader(model: ReportModel): Table {
  const h = model.header;
  return new Table({
    width: { size: PORTRAIT_WIDTH, type: WidthType.DXA },
    columnWidths: [HEADER_LEFT, HEADER_RIGHT],
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows: [
      new TableRow({
        children: [
          layoutCell(HEADER_LEFT, [
            centered(h.parent, { size: 13 }),
            centered(h.agency, { bold: true, size: 13 }),
            // Decree 30: a short line under the agency name, a third to half of it.
            rule(convertMillimetersToTwip(25), HEADER_LEFT),
          ]),
          layoutCell(HEADER_RIGHT, [
            centered(h.motto[0], { bold: true, size: 12 }),
            centered(h.motto[1], { bold: true, size: 14 }),
            // As long as the motto's second line.
            rule(convertMillimetersToTwip(58), HEADER_RIGHT),
          ]),
        ],
      }),
      new TableRow({
        children: [
          layoutCell(HEADER_LEFT, [centered(h.number, { size: 13 }, { before: 120, after: 0 })]),
          layoutCell(HEADER_RIGHT, [
            centered(h.dateLine, { italics: true, size: 14 }, { before: 120, after: 0 }),
          ]),
        ],
      }),
    ],
  });
}

function title(model: ReportModel): Paragraph[] {
  const h = model.header;
  return [
    centered(h.title[0], { bold: true }, { before: 360, after: 0 }),
    centered(h.title[1], { bold: true }),
    centered(h.dataWindow, { italics: true }),
    rule(convertMillimetersToTwip(40), PORTRAIT_WIDTH, 140),
    centered(h.deadline, { italics: true, size: 12 }, { before: 60, after: 120 }),
  ];
}

function block(b: ReportBlock): FileChild[] {
  switch (b.kind) {
    case 'heading':
      return [heading(b.text, b.level === 3 ? { bold: true, italics: true } : { bold: true })];
    case 'paragraph':
      return [body(b.text)];
    case 'item':
      return [body(`- ${b.text}`)];
    case 'placeholder':
      return [body([run(`[${b.text}]`, { italics: true })])];
    case 'table':
      return [dataTable(b.table), empty(60)];
  }
}

/** A small table of the body (the service index), figures written the Vietnamese way. */
function dataTable(table: ReportTable): Table {
  const textWidth = convertMillimetersToTwip(12);
  const nameWidth = PORTRAIT_WIDTH - textWidth - convertMillimetersToTwip(22) * 3;
  const widths = table.columns.map((c, i) =>
    c.kind === 'text' ? (i === 0 ? textWidth : nameWidth) : convertMillimetersToTwip(22),
  );
  const format = (v: string | number | null, kind: ReportTable['columns'][number]['kind']): string => {
    if (v === null) return '';
    if (typeof v === 'string') return v;
    if (kind === 'ratio') return formatPercent(v);
    if (kind === 'score') return formatScore(v);
    return formatNumber(v);
  };
  return new Table({
    width: { size: PORTRAIT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: table.columns.map((c, i) => tableCell(c.header, widths[i], { bold: true })),
      }),
      ...table.rows.map(
        (r) =>
          new TableRow({
            cantSplit: true,
            children: r.cells.map((v, i) =>
              tableCell(format(v, table.columns[i].kind), widths[i], {
                bold: r.bold,
                align: table.columns[i].kind === 'text' && i > 0 ? 'left' : 'center',
              }),
            ),
          }),
      ),
    ],
  });
}

function signatureBlock(model: ReportModel): Table {
  const s = model.signature;
  const half = Math.round(PORTRAIT_WIDTH / 2);
  const left = [
    new Paragraph({ children: [run(s.recipientsTitle, { bold: true, italics: true, size: 12 })] }),
    ...s.recipients.map((r) => new Paragraph({ children: [run(r, { size: 11 })] })),
  ];
  const right = [
    ...s.title.map((t) => centered(t, { bold: true, size: BODY_PT })),
    new Paragraph({
      spacing: { before: 0, after: 0, line: convertMillimetersToTwip(28), lineRule: LineRuleType.EXACT },
      children: [],
    }),
    centered(s.signer, { bold: true }),
  ];
  return new Table({
    width: { size: PORTRAIT_WIDTH, type: WidthType.DXA },
    columnWidths: [half, PORTRAIT_WIDTH - half],
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows: [
      new TableRow({
        cantSplit: true,
        children: [layoutCell(half, left), layoutCell(PORTRAIT_WIDTH - half, right)],
      }),
    ],
  });
}
