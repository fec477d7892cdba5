import {
  AlignmentType,
  BorderStyle,
  LineRuleType,
  Paragraph,
  TableCell,
  TextRun,
  VerticalAlignTable,
  WidthType,
  convertMillimetersToTwip,
  type ParagraphChild,
} from 'docx';

// Decree 30/2020/NĐ-CP Appendix I: A4, Times New Roman, body 13–14 pt, first line indented
// 1–1.27 cm, at least 6 pt between paragraphs, margins top/bottom 20–25 mm, left 30–35 mm,
// right 15–20 mm. Nothing in the document is smaller than 11 pt.

export const FONT = 'Times New Roman';
// A4 exactly as Word writes it (docx's converter floors 210 mm to 11905).
export const A4 = { short: 11906, long: 16838 };
export const MARGIN_MM = { top: 20, bottom: 20, left: 30, right: 15 };
export const PORTRAIT_WIDTH = convertMillimetersToTwip(210 - MARGIN_MM.left - MARGIN_MM.right);
// The annex page: landscape, the binding margin on the left still.
export const LANDSCAPE_MARGIN_MM = { top: 20, bottom: 15, left: 20, right: 15 };
export const LANDSCAPE_WIDTH = convertMillimetersToTwip(
  297 - LANDSCAPE_MARGIN_MM.left - LANDSCAPE_MARGIN_MM.right,
);
export const BODY_PT = 14;
export const TABLE_PT = 11;
const FIRST_LINE = convertMillimetersToTwip(12.7);
const AFTER = 120;
const LINE = 276;

export interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  size?: number;
}

export const run = (text: string, style: RunStyle = {}): TextRun =>
  new TextRun({
    text,
    font: FONT,
    bold: style.bold,
    italics: style.italics,
    size: (style.size ?? BODY_PT) * 2,
  });

export function centered(text: string, style: RunStyle = {}, spacing = { before: 0, after: 0 }): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing, children: [run(text, style)] });
}

export function body(children: ParagraphChild[] | string, opts: { keepNext?: boolean } = {}): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: FIRST_LINE },
    spacing: { before: 0, after: AFTER, line: LINE },
    keepNext: opts.keepNext,
    children: typeof children === 'string' ? [run(children)] : children,
  });
}

export const heading = (text: string, style: RunStyle = { bold: true }): Paragraph =>
  new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: FIRST_LINE },
    spacing: { before: 60, after: AFTER, line: LINE },
    keepNext: true,
    children: [run(text, style)],
  });

export const empty = (after = 120): Paragraph =>
  new Paragraph({ spacing: { before: 0, after }, children: [] });

/** A short horizontal line centred in a box `within` twips wide (the rules under header lines). */
export function rule(length: number, within: number, height = 60): Paragraph {
  const side = Math.max(0, Math.round((within - length) / 2));
  return new Paragraph({
    indent: { left: side, right: side },
    spacing: { before: 0, after: 0, line: height, lineRule: LineRuleType.EXACT },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    run: { size: 2 },
    children: [],
  });
}

/** A cell of a bordered table with one centred (or left-aligned) paragraph. */
export function tableCell(
  text: string,
  width: number,
  opts: RunStyle & {
    span?: number;
    rows?: number;
    align?: 'left' | 'center' | 'right';
    keepNext?: boolean;
  } = {},
): TableCell {
  const alignment =
    opts.align === 'left'
      ? AlignmentType.LEFT
      : opts.align === 'right'
        ? AlignmentType.RIGHT
        : AlignmentType.CENTER;
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    columnSpan: opts.span !== undefined && opts.span > 1 ? opts.span : undefined,
    rowSpan: opts.rows !== undefined && opts.rows > 1 ? opts.rows : undefined,
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { left: 40, right: 40, top: 30, bottom: 30 },
    children: [
      new Paragraph({
        alignment,
        keepNext: opts.keepNext,
        children: [run(text, { bold: opts.bold, italics: opts.italics, size: opts.size ?? TABLE_PT })],
      }),
    ],
  });
}

/** A borderless layout cell (header, signature blocks). */
export function layoutCell(width: number, children: Paragraph[]): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    margins: { left: 0, right: 0, top: 0, bottom: 0 },
    children,
  });
}
