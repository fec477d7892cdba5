import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  Tab,
  TabStopType,
  TextRun,
  VerticalAlignTable,
  WidthType,
  convertMillimetersToTwip,
  type FileChild,
  type ParagraphChild,
} from 'docx';

import type { KpiResult } from '@cchc/contracts';

import {
  describeApology,
  describeBudget,
  describeDossiers,
  describeFeedback,
  describeObjective,
  describeOnlineDossiers,
  describeOnlineProcedures,
  describePlanProgress,
  describePostal,
  describeSectionProgress,
  describeTask,
  formatDate,
  formatNumber,
  sectionHeading,
  totalRowLabel,
} from './report-narrative';
import { RESULT_TABLE_COLUMNS, type ReportModel, type ReportSection } from './report.model';

// The report as an administrative document of Decree 30/2020/NĐ-CP, Appendix I: A4, Times New
// Roman, agency header beside the national motto, number and date line, title, numbered parts,
// "Nơi nhận" beside the signer. Sizes below are the Decree's ranges; margins its middle values.

const FONT = 'Times New Roman';
// A4 exactly as Word writes it (docx's converter floors 210 mm to 11905).
const PAGE = { width: 11906, height: 16838 };
const MARGIN = { top: 20, bottom: 20, left: 30, right: 15 };
const CONTENT_WIDTH = convertMillimetersToTwip(210 - MARGIN.left - MARGIN.right);
const HEADER_LEFT = convertMillimetersToTwip(62);
const HEADER_RIGHT = CONTENT_WIDTH - HEADER_LEFT;
const BODY_PT = 14;
const TABLE_PT = 10;
// Decree 30: first line indented 1–1.27 cm, at least 6 pt between paragraphs, single to 1.5 lines.
const FIRST_LINE = convertMillimetersToTwip(12.7);
const AFTER = 120;
const LINE = 276;

interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  size?: number;
}

const run = (text: string, style: RunStyle = {}): TextRun =>
  new TextRun({
    text,
    font: FONT,
    bold: style.bold,
    italics: style.italics,
    size: (style.size ?? BODY_PT) * 2,
  });

function centered(text: string, style: RunStyle = {}, spacing = { before: 0, after: 0 }): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing, children: [run(text, style)] });
}

function body(children: ParagraphChild[] | string, opts: { keepNext?: boolean } = {}): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: FIRST_LINE },
    spacing: { before: 0, after: AFTER, line: LINE },
    keepNext: opts.keepNext,
    children: typeof children === 'string' ? [run(children)] : children,
  });
}

const heading = (text: string, style: RunStyle = { bold: true }): Paragraph =>
  new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: FIRST_LINE },
    spacing: { before: 60, after: AFTER, line: LINE },
    keepNext: true,
    children: [run(text, style)],
  });

const dash = (text: string): Paragraph => body(`- ${text}`);

/** A short horizontal line centred in a box `within` twips wide (the rules under header lines). */
function rule(length: number, within: number, height = 60): Paragraph {
  const side = Math.max(0, Math.round((within - length) / 2));
  return new Paragraph({
    indent: { left: side, right: side },
    spacing: { before: 0, after: 0, line: height, lineRule: LineRuleType.EXACT },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    run: { size: 2 },
    children: [],
  });
}

export async function renderDocx(model: ReportModel): Promise<Buffer> {
  const draft = model.version.status === 'draft';
  const doc = new Document({
    creator: model.agency.name,
    title: `Báo cáo kết quả thực hiện công tác cải cách hành chính ${model.period.label}`,
    styles: { default: { document: { run: { font: FONT, size: BODY_PT * 2 } } } },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: PAGE,
            margin: {
              top: convertMillimetersToTwip(MARGIN.top),
              bottom: convertMillimetersToTwip(MARGIN.bottom),
              left: convertMillimetersToTwip(MARGIN.left),
              right: convertMillimetersToTwip(MARGIN.right),
              header: convertMillimetersToTwip(8),
              footer: convertMillimetersToTwip(8),
            },
          },
        },
        headers: {
          first: new Header({ children: draft ? [draftMark()] : [] }),
          // Decree 30: page numbers centred in the top margin, from the second page on; a draft
          // keeps its mark on the same line so the body does not move.
          default: new Header({
            children: [
              new Paragraph({
                tabStops: [
                  { type: TabStopType.CENTER, position: Math.round(CONTENT_WIDTH / 2) },
                  { type: TabStopType.RIGHT, position: CONTENT_WIDTH },
                ],
                children: [
                  new TextRun({ children: [new Tab(), PageNumber.CURRENT], font: FONT, size: 26 }),
                  ...(draft
                    ? [
                        new TextRun({ children: [new Tab()] }),
                        new TextRun({
                          text: ' DỰ THẢO ',
                          font: FONT,
                          bold: true,
                          size: 22,
                          border: { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 1 },
                        }),
                      ]
                    : []),
                ],
              }),
            ],
          }),
        },
        children: [
          documentHeader(model),
          ...title(model),
          ...introduction(model),
          ...results(model),
          ...shortfalls(model),
          ...nextSteps(model),
          // The signer never stands alone on a page: the closing line travels with the signature.
          body(
            `Trên đây là báo cáo kết quả thực hiện công tác cải cách hành chính ${model.period.label} ` +
              `của ${model.agency.displayName}./.`,
            { keepNext: true },
          ),
          new Paragraph({ spacing: { before: 0, after: 120 }, keepNext: true, children: [] }),
          signatureBlock(model),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

function draftMark(): Paragraph {
  const width = convertMillimetersToTwip(32);
  const line = { style: BorderStyle.SINGLE, size: 12, color: '000000', space: 2 };
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    indent: { left: CONTENT_WIDTH - width },
    border: { top: line, bottom: line, left: line, right: line },
    children: [run('DỰ THẢO', { bold: true, size: 13 })],
  });
}

const NO_BORDERS = TableBorders.NONE;

function documentHeader(model: ReportModel): Table {
  const { agency } = model;
  const cell = (width: number, children: Paragraph[]) =>
    new TableCell({
      width: { size: width, type: WidthType.DXA },
      margins: { left: 0, right: 0, top: 0, bottom: 0 },
      children,
    });
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: [HEADER_LEFT, HEADER_RIGHT],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        children: [
          cell(HEADER_LEFT, [
            centered(agency.parent, { size: 13 }),
            centered(agency.name, { bold: true, size: 13 }),
            rule(convertMillimetersToTwip(22), HEADER_LEFT),
          ]),
          cell(HEADER_RIGHT, [
            centered('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: 12.5 }),
            centered('Độc lập - Tự do - Hạnh phúc', { bold: true, size: 13 }),
            // As long as the motto itself.
            rule(convertMillimetersToTwip(57), HEADER_RIGHT),
          ]),
        ],
      }),
      new TableRow({
        children: [
          cell(HEADER_LEFT, [centered(documentNumber(model), { size: 13 }, { before: 120, after: 0 })]),
          cell(HEADER_RIGHT, [
            centered(dateLine(model), { italics: true, size: 13 }, { before: 120, after: 0 }),
          ]),
        ],
      }),
    ],
  });
}

function documentNumber(model: ReportModel): string {
  const no = model.version.documentNumber;
  const suffix = `/BC-${model.agency.abbreviation}`;
  if (no === null) return `Số:        ${suffix}`;
  return `Số: ${no.includes('/') ? no : `${no}${suffix}`}`;
}

/** "Đắk Nông, ngày 02 tháng 4 năm 2021"; blanks to fill in by hand on a draft. */
function dateLine(model: ReportModel): string {
  const place = model.agency.place;
  const issued = model.version.issuedAt;
  if (issued === null) {
    return `${place}, ngày      tháng      năm ${vietnamDate(model.generatedAt).slice(0, 4)}`;
  }
  const [y, m, d] = vietnamDate(issued).split('-').map(Number) as [number, number, number];
  // Decree 30: days below 10 and months below 3 take a leading zero.
  const day = String(d).padStart(2, '0');
  const month = m < 3 ? String(m).padStart(2, '0') : String(m);
  return `${place}, ngày ${day} tháng ${month} năm ${y}`;
}

function vietnamDate(isoTimestamp: string): string {
  // Calendar day in Asia/Ho_Chi_Minh (UTC+7, no daylight saving).
  return new Date(Date.parse(isoTimestamp) + 7 * 3_600_000).toISOString().slice(0, 10);
}

function title(model: ReportModel): Paragraph[] {
  return [
    centered('BÁO CÁO', { bold: true }, { before: 360, after: 0 }),
    centered(`Kết quả thực hiện công tác cải cách hành chính ${model.period.label}`, { bold: true }),
    rule(convertMillimetersToTwip(40), CONTENT_WIDTH, 140),
    new Paragraph({ spacing: { before: 0, after: 120 }, children: [] }),
  ];
}

function introduction(model: ReportModel): Paragraph[] {
  const d = model.plan.decision;
  const number = d.number.includes('/') ? d.number : `${d.number}/QĐ-${model.agency.abbreviation}`;
  return [
    body(
      `Thực hiện Quyết định số ${number} ngày ${formatDate(d.date)} của ${d.issuer} về việc ban hành ` +
        `${model.plan.title}; ${model.agency.displayName} báo cáo kết quả thực hiện công tác cải cách hành chính ` +
        `${model.period.label} (số liệu tính từ ngày ${formatDate(model.period.from)} đến ngày ` +
        `${formatDate(model.period.to)}) như sau:`,
    ),
  ];
}

function results(model: ReportModel): FileChild[] {
  const out: FileChild[] = [heading('I. KẾT QUẢ ĐẠT ĐƯỢC')];
  for (const line of describePlanProgress(model)) out.push(body(line));
  for (const o of model.objectives) {
    const line = describeObjective(o);
    if (line !== null) out.push(dash(line));
  }

  const tthcSection = findTthcSection(model.sections);
  model.sections.forEach((section, i) => {
    out.push(heading(`${i + 1}. ${sectionHeading(section.title)}`));
    out.push(body(describeSectionProgress(section)));
    for (const task of section.tasks) out.push(dash(describeTask(task)));
    if (section === tthcSection) out.push(...tthcResults(model));
  });
  let next = model.sections.length + 1;
  if (tthcSection === undefined) {
    out.push(heading(`${next}. Cải cách thủ tục hành chính`), ...tthcResults(model));
    next += 1;
  }
  out.push(heading(`${next}. Kinh phí thực hiện`), body(describeBudget(model.budget, model.plan.year)));
  return out;
}

function findTthcSection(sections: ReportSection[]): ReportSection | undefined {
  return (
    sections.find((s) => /THỦ TỤC HÀNH CHÍNH/u.test(s.title.toLocaleUpperCase('vi'))) ??
    sections.find((s) => s.code === 'III')
  );
}

function tthcResults(model: ReportModel): FileChild[] {
  const k = model.tthc.department;
  const sub = (text: string) => heading(text, { bold: true, italics: true });
  const withdrawn = k.withdrawn > 0 ? [withdrawnNote(k)] : [];
  const scope = model.tthc.scope;
  return [
    sub('a) Kết quả giải quyết thủ tục hành chính'),
    ...(scope === null ? [] : [body(`Số liệu giải quyết thủ tục hành chính của ${scope.unitName}.`)]),
    ...describeDossiers(k).map(dash),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: { before: 0, after: 60 },
      keepNext: true,
      children: [run('Đơn vị tính: hồ sơ', { italics: true, size: 12 })],
    }),
    resultsTable(model),
    ...withdrawn,
    new Paragraph({ spacing: { before: 0, after: 60 }, children: [] }),
    sub('b) Thực hiện xin lỗi tổ chức, cá nhân khi giải quyết TTHC trễ hạn'),
    dash(describeApology(k)),
    sub('c) Cung cấp dịch vụ công trực tuyến'),
    ...[describeOnlineProcedures(k), describeOnlineDossiers(k)]
      .filter((l): l is string => l !== null)
      .map(dash),
    sub('d) Tiếp nhận hồ sơ, trả kết quả qua dịch vụ bưu chính công ích'),
    dash(describePostal(k)),
    sub('đ) Tiếp nhận, xử lý phản ánh, kiến nghị'),
    dash(describeFeedback(k)),
  ];
}

function withdrawnNote(k: KpiResult): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    spacing: { before: 60, after: 0 },
    children: [
      run(
        `Ghi chú: ${formatNumber(k.withdrawn)} hồ sơ được rút theo đề nghị của tổ chức, cá nhân không tính vào ` +
          'cột Đã giải quyết, Đang giải quyết.',
        { italics: true, size: 12 },
      ),
    ],
  });
}

// Biểu II.06a: STT, unit, then received (5), resolved (4) and pending (3) counts; the carried-over
// column is wider so "chuyển" fits on one line at the header size.
const RESULT_WIDTHS_MM = [8, 30.2, 10.4, 10.4, 10.4, 10.4, 12.6, ...Array<number>(7).fill(10.4)];
const TABLE_HEADER_PT = 9;

function resultsTable(model: ReportModel): Table {
  const widths = RESULT_WIDTHS_MM.map(convertMillimetersToTwip);
  const cell = (
    text: string,
    col: number,
    opts: RunStyle & { span?: number; rows?: number; left?: boolean } = {},
  ) => {
    const span = opts.span ?? 1;
    const width = widths.slice(col, col + span).reduce((a, b) => a + b, 0);
    return new TableCell({
      width: { size: width, type: WidthType.DXA },
      columnSpan: span > 1 ? span : undefined,
      rowSpan: opts.rows,
      verticalAlign: VerticalAlignTable.CENTER,
      margins: { left: 25, right: 25, top: 30, bottom: 30 },
      children: [
        new Paragraph({
          alignment: opts.left ? AlignmentType.LEFT : AlignmentType.CENTER,
          children: [run(text, { bold: opts.bold, italics: opts.italics, size: opts.size ?? TABLE_PT })],
        }),
      ],
    });
  };
  const head = { bold: true, size: TABLE_HEADER_PT };
  const subHeaders = RESULT_TABLE_COLUMNS.map((c) => c.header);
  const figures = (k: KpiResult) => RESULT_TABLE_COLUMNS.map((c) => c.value(k));
  const dataRow = (stt: string, name: string, k: KpiResult, bold: boolean) =>
    new TableRow({
      cantSplit: true,
      children: [
        cell(stt, 0, { bold }),
        cell(name, 1, { bold, left: true }),
        ...figures(k).map((v, i) => cell(formatNumber(v), i + 2, { bold })),
      ],
    });

  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: [
          cell('STT', 0, { ...head, rows: 2 }),
          cell('Đơn vị', 1, { ...head, rows: 2 }),
          cell('Tiếp nhận', 2, { ...head, span: 5 }),
          cell('Đã giải quyết', 7, { ...head, span: 4 }),
          cell('Đang giải quyết', 11, { ...head, span: 3 }),
        ],
      }),
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: subHeaders.map((h, i) => cell(h, i + 2, head)),
      }),
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: widths.map((_, i) => cell(`(${i + 1})`, i, { italics: true, size: TABLE_HEADER_PT })),
      }),
      dataRow('', totalRowLabel(model.tthc), model.tthc.department, true),
      ...model.tthc.perUnit.map((u, i) => dataRow(String(i + 1), u.unitName, u.kpis, false)),
    ],
  });
}

function shortfalls(model: ReportModel): Paragraph[] {
  const { shortfalls: lines, attention } = model.narrative;
  const out = [heading('II. TỒN TẠI, HẠN CHẾ'), ...lines.map(dash)];
  if (attention.length > 0) {
    out.push(body('Các đơn vị, nhiệm vụ cần tập trung chỉ đạo:', { keepNext: true }), ...attention.map(dash));
  }
  return out;
}

function nextSteps(model: ReportModel): Paragraph[] {
  return [
    heading('III. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI'),
    ...model.narrative.nextSteps.map((line, i) => body(`${i + 1}. ${line}`)),
  ];
}

function signatureBlock(model: ReportModel): Table {
  const half = Math.round(CONTENT_WIDTH / 2);
  const recipients = ['- UBND tỉnh (b/c);', '- Sở Nội vụ;', '- Lãnh đạo Sở;', '- Lưu: VT, VP.'];
  const left = [
    new Paragraph({ children: [run('Nơi nhận:', { bold: true, italics: true, size: 12 })] }),
    ...recipients.map((r) => new Paragraph({ children: [run(r, { size: 11 })] })),
  ];
  const { signer, signerTitle } = model.plan.decision;
  const titleUpper = signerTitle.toLocaleUpperCase('vi');
  // A deputy signs on the head's behalf: "KT. GIÁM ĐỐC" above "PHÓ GIÁM ĐỐC" (Decree 30 Art. 13).
  const titleLines = titleUpper.startsWith('PHÓ ')
    ? [`KT. ${titleUpper.slice(4)}`, titleUpper]
    : [titleUpper];
  const right = [
    ...titleLines.map((t) => centered(t, { bold: true })),
    new Paragraph({
      spacing: { before: 0, after: 0, line: convertMillimetersToTwip(28), lineRule: LineRuleType.EXACT },
      children: [],
    }),
    centered(signer, { bold: true }),
  ];
  const cell = (children: Paragraph[]) =>
    new TableCell({ width: { size: half, type: WidthType.DXA }, margins: { left: 0, right: 0 }, children });
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: [half, CONTENT_WIDTH - half],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [new TableRow({ cantSplit: true, children: [cell(left), cell(right)] })],
  });
}
