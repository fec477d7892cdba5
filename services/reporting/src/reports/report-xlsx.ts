import ExcelJS from 'exceljs';

import type { KpiResult, TaskStatus } from '@cchc/contracts';

import { formatDate, totalRowLabel } from './report-narrative';
import { RESULT_TABLE_COLUMNS, TASK_STATUS_LABELS, type ReportModel } from './report.model';

// One worksheet per table of the report. Figures are written as numbers and ratios as fractions
// with a percent format, so the office can re-total and chart them; only layout is styling.

type Kind = 'text' | 'int' | 'ratio' | 'amount' | 'date';
type Value = string | number | null;

interface Column {
  header: string;
  /** Group header spanning consecutive columns with the same group. */
  group?: string;
  width: number;
  kind: Kind;
}

interface Row {
  values: Value[];
  bold?: boolean;
  /** Number formats overriding the column's, by column index. */
  formats?: Record<number, string>;
}

interface TableSpec {
  name: string;
  title: string;
  columns: Column[];
  rows: Row[];
  /** Adds the "(1) (2) …" column-number row used by the regulation's tables. */
  numberRow?: boolean;
  /** Columns kept in view when scrolling right. */
  frozenColumns?: number;
  autoFilter?: boolean;
}

const FONT = 'Times New Roman';
const THIN: Partial<ExcelJS.Border> = { style: 'thin' };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const NUM_FORMATS: Record<Exclude<Kind, 'text'>, string> = {
  int: '#,##0',
  ratio: '0.0%',
  amount: '#,##0',
  date: 'dd/mm/yyyy',
};
const FIRST_HEADER_ROW = 4;

/** Sheet names (Excel allows at most 31 characters). */
export const XLSX_SHEETS = {
  summary: 'Tổng hợp',
  results: 'Biểu II.06a',
  tasks: 'Nhiệm vụ kế hoạch',
  objectives: 'Mục tiêu',
  services: 'Xin lỗi–Trực tuyến–BCCI–PAKN',
  budget: 'Kinh phí',
  narrative: 'Nhận xét',
} as const;

export async function renderXlsx(model: ReportModel): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = model.agency.name;
  wb.created = new Date(model.generatedAt);
  wb.title = `Báo cáo kết quả thực hiện công tác cải cách hành chính ${model.period.label}`;

  for (const spec of [
    summaryTable(model),
    resultsTable(model),
    tasksTable(model),
    objectivesTable(model),
    servicesTable(model),
    budgetTable(model),
    narrativeTable(model),
  ]) {
    addTable(wb, model, spec);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function addTable(wb: ExcelJS.Workbook, model: ReportModel, spec: TableSpec): void {
  const grouped = spec.columns.some((c) => c.group !== undefined);
  const headerRows = grouped ? 2 : 1;
  const lastHeaderRow = FIRST_HEADER_ROW + headerRows - 1 + (spec.numberRow ? 1 : 0);
  const ws = wb.addWorksheet(spec.name, {
    views: [{ state: 'frozen', xSplit: spec.frozenColumns ?? 0, ySplit: lastHeaderRow }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = spec.columns.map((c) => ({ width: c.width }));
  const n = spec.columns.length;

  const draft = model.version.status === 'draft' ? ' (DỰ THẢO)' : '';
  ws.mergeCells(1, 1, 1, n);
  ws.getCell(1, 1).value = `${spec.title}${draft}`;
  ws.getCell(1, 1).font = { name: FONT, size: 13, bold: true };
  ws.mergeCells(2, 1, 2, n);
  ws.getCell(2, 1).value =
    `${model.agency.name} – ${model.period.label} (từ ngày ${formatDate(model.period.from)} ` +
    `đến ngày ${formatDate(model.period.to)})`;
  ws.getCell(2, 1).font = { name: FONT, size: 11, italic: true };

  writeHeader(ws, spec.columns, grouped);
  if (spec.numberRow) {
    const r = ws.getRow(FIRST_HEADER_ROW + headerRows);
    spec.columns.forEach((_, i) => {
      const cell = r.getCell(i + 1);
      cell.value = `(${i + 1})`;
      cell.font = { name: FONT, size: 10, italic: true };
      cell.alignment = { horizontal: 'center' };
      cell.border = BORDER;
    });
  }

  spec.rows.forEach((row, ri) => {
    const r = ws.getRow(lastHeaderRow + 1 + ri);
    spec.columns.forEach((col, ci) => {
      const cell = r.getCell(ci + 1);
      const v = row.values[ci] ?? null;
      cell.value = col.kind === 'date' && typeof v === 'string' ? isoDate(v) : v;
      const fmt = row.formats?.[ci] ?? (col.kind === 'text' ? undefined : NUM_FORMATS[col.kind]);
      // "#,##0.##" would leave a stray decimal comma after whole amounts, so decimals get their own.
      if (fmt !== undefined)
        cell.numFmt =
          col.kind === 'amount' && typeof v === 'number' && !Number.isInteger(v) ? '#,##0.0#' : fmt;
      cell.font = { name: FONT, size: 11, bold: row.bold ?? false };
      cell.alignment = {
        vertical: 'top',
        wrapText: col.kind === 'text',
        horizontal: col.kind === 'text' ? 'left' : 'right',
      };
      cell.border = BORDER;
    });
  });

  if (spec.autoFilter) {
    ws.autoFilter = { from: { row: lastHeaderRow, column: 1 }, to: { row: lastHeaderRow, column: n } };
  }
}

function writeHeader(ws: ExcelJS.Worksheet, columns: Column[], grouped: boolean): void {
  const top = FIRST_HEADER_ROW;
  const bottom = grouped ? top + 1 : top;
  const style = (cell: ExcelJS.Cell) => {
    cell.font = { name: FONT, size: 11, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = HEADER_FILL;
    cell.border = BORDER;
  };
  let i = 0;
  while (i < columns.length) {
    const col = columns[i];
    if (col.group === undefined) {
      if (bottom > top) ws.mergeCells(top, i + 1, bottom, i + 1);
      ws.getCell(top, i + 1).value = col.header;
      style(ws.getCell(top, i + 1));
      i += 1;
      continue;
    }
    let j = i;
    while (j + 1 < columns.length && columns[j + 1].group === col.group) j += 1;
    if (j > i) ws.mergeCells(top, i + 1, top, j + 1);
    ws.getCell(top, i + 1).value = col.group;
    for (let k = i; k <= j; k += 1) {
      style(ws.getCell(top, k + 1));
      ws.getCell(bottom, k + 1).value = columns[k].header;
      style(ws.getCell(bottom, k + 1));
    }
    i = j + 1;
  }
  ws.getRow(bottom).height = 45;
}

function isoDate(iso: string): Date {
  // Excel dates carry no zone; midnight UTC keeps the calendar day exceljs writes.
  return new Date(`${iso.slice(0, 10)}T00:00:00Z`);
}

function summaryTable(model: ReportModel): TableSpec {
  const budget = new Map(model.budget.bySection.map((b) => [b.section, b.plannedMillionVnd]));
  const row = (
    code: string,
    title: string,
    total: number,
    s: Record<TaskStatus, number>,
    amount: number | null,
  ) => [
    code,
    title,
    total,
    s.completed,
    s.in_progress,
    s.not_started,
    s.overdue,
    total === 0 ? null : s.completed / total,
    amount,
  ];
  return {
    name: XLSX_SHEETS.summary,
    title: `Tổng hợp kết quả thực hiện ${model.plan.title}`,
    frozenColumns: 2,
    columns: [
      { header: 'Mã', width: 6, kind: 'text' },
      { header: 'Lĩnh vực', width: 48, kind: 'text' },
      { header: 'Tổng số nhiệm vụ', width: 12, kind: 'int' },
      { header: TASK_STATUS_LABELS.completed, width: 12, kind: 'int' },
      { header: TASK_STATUS_LABELS.in_progress, width: 12, kind: 'int' },
      { header: TASK_STATUS_LABELS.not_started, width: 12, kind: 'int' },
      { header: TASK_STATUS_LABELS.overdue, width: 12, kind: 'int' },
      { header: 'Tỷ lệ hoàn thành', width: 12, kind: 'ratio' },
      { header: 'Kinh phí kế hoạch (triệu đồng)', width: 14, kind: 'amount' },
    ],
    rows: [
      ...model.sections.map((s) => ({
        values: row(s.code, s.title, s.total, s.byStatus, budget.get(s.code) ?? null),
      })),
      {
        values: row('', 'Tổng cộng', model.tasks.total, model.tasks.byStatus, model.budget.plannedMillionVnd),
        bold: true,
      },
    ],
  };
}

const RESULT_COLUMNS: Column[] = [
  { header: 'STT', width: 6, kind: 'text' },
  { header: 'Đơn vị', width: 36, kind: 'text' },
  ...RESULT_TABLE_COLUMNS.map((c): Column => ({
    group: c.group,
    header: c.header,
    width: c.header.length > 12 ? 11 : 10,
    kind: 'int',
  })),
  // Not columns of the form, but needed to reconcile: received = resolved + pending + withdrawn.
  { header: 'Rút hồ sơ', width: 10, kind: 'int' },
  { header: 'Tỷ lệ giải quyết trước hạn, đúng hạn', width: 14, kind: 'ratio' },
];

function resultValues(k: KpiResult): Value[] {
  return [...RESULT_TABLE_COLUMNS.map((c) => c.value(k)), k.withdrawn, k.onTimeRate];
}

/** Department row first, then one row per unit: the order every per-unit sheet uses. */
function unitRows(model: ReportModel, values: (k: KpiResult) => Value[]): Row[] {
  return [
    { values: ['', totalRowLabel(model.tthc), ...values(model.tthc.department)], bold: true },
    ...model.tthc.perUnit.map((u, i) => ({ values: [String(i + 1), u.unitName, ...values(u.kpis)] })),
  ];
}

function resultsTable(model: ReportModel): TableSpec {
  return {
    name: XLSX_SHEETS.results,
    title: 'Biểu số II.06a: Tình hình, kết quả giải quyết thủ tục hành chính',
    columns: RESULT_COLUMNS,
    rows: unitRows(model, resultValues),
    numberRow: true,
    frozenColumns: 2,
  };
}

function tasksTable(model: ReportModel): TableSpec {
  return {
    name: XLSX_SHEETS.tasks,
    title: `Tiến độ thực hiện nhiệm vụ ${model.plan.title}`,
    frozenColumns: 1,
    autoFilter: true,
    columns: [
      { header: 'Mã', width: 9, kind: 'text' },
      { header: 'Lĩnh vực', width: 8, kind: 'text' },
      { header: 'Nội dung, nhiệm vụ', width: 50, kind: 'text' },
      { header: 'Sản phẩm', width: 36, kind: 'text' },
      { header: 'Cơ quan chủ trì', width: 18, kind: 'text' },
      { header: 'Cơ quan phối hợp', width: 22, kind: 'text' },
      { header: 'Thời gian thực hiện', width: 16, kind: 'text' },
      { header: 'Hạn hoàn thành', width: 12, kind: 'date' },
      { header: 'Trạng thái', width: 15, kind: 'text' },
      { header: 'Tiến độ', width: 9, kind: 'ratio' },
      { header: 'Kỳ báo cáo', width: 10, kind: 'text' },
      { header: 'Kết quả thực hiện', width: 40, kind: 'text' },
      { header: 'Văn bản, minh chứng', width: 40, kind: 'text' },
      { header: 'Đúng tiến độ', width: 10, kind: 'text' },
      { header: 'Kinh phí (triệu đồng)', width: 11, kind: 'amount' },
    ],
    rows: model.sections.flatMap((s) =>
      s.tasks.map((t) => ({
        values: [
          t.code,
          s.code,
          t.content,
          t.products.join('\n'),
          t.leadUnits.join('; '),
          t.coordinatingUnits.join('; '),
          t.timeframe,
          t.deadline,
          TASK_STATUS_LABELS[t.status],
          t.progress ? t.progress.percent / 100 : null,
          t.progress?.period ?? null,
          t.progress?.note ?? null,
          t.evidence.map((e) => `${e.docNo} ngày ${formatDate(e.date)}: ${e.title}`).join('\n'),
          t.onTrack ? 'Có' : 'Không',
          t.budgetMillionVnd,
        ],
      })),
    ),
  };
}

function objectivesTable(model: ReportModel): TableSpec {
  // Percent targets become fractions so they share the percent format with the TTHC ratios.
  const quantity = (q: { value: number; unit: string } | null): Value =>
    q === null ? null : q.unit === '%' ? q.value / 100 : q.value;
  const assessment = (met: boolean | null, hasTarget: boolean, hasActual: boolean): string =>
    met === true
      ? 'Đạt'
      : met === false
        ? 'Chưa đạt'
        : !hasTarget
          ? 'Không định lượng'
          : hasActual
            ? ''
            : 'Chưa có số liệu';

  const objectiveRows: Row[] = model.objectives.map((o) => ({
    formats: (o.target ?? o.actual)?.unit === '%' ? undefined : { 3: '#,##0.##', 4: '#,##0.##' },
    values: [
      o.code,
      'Mục tiêu Kế hoạch',
      o.text,
      quantity(o.target),
      quantity(o.actual),
      o.target?.unit ?? o.actual?.unit ?? null,
      assessment(o.met, o.target !== null, o.actual !== null),
      o.actual?.note ?? null,
    ],
  }));
  const tthcRows: Row[] = model.tthc.targets.map((t) => ({
    values: [
      '',
      'Kết quả giải quyết TTHC',
      t.label,
      t.target,
      t.actual,
      '%',
      t.met === true ? 'Đạt' : t.met === false ? 'Chưa đạt' : 'Không phát sinh',
      null,
    ],
  }));
  return {
    name: XLSX_SHEETS.objectives,
    title: 'Kết quả thực hiện mục tiêu, chỉ tiêu',
    frozenColumns: 1,
    columns: [
      { header: 'Mã', width: 6, kind: 'text' },
      { header: 'Nguồn', width: 20, kind: 'text' },
      { header: 'Mục tiêu, chỉ tiêu', width: 70, kind: 'text' },
      { header: 'Chỉ tiêu', width: 11, kind: 'ratio' },
      { header: 'Kết quả', width: 11, kind: 'ratio' },
      { header: 'Đơn vị tính', width: 10, kind: 'text' },
      { header: 'Đánh giá', width: 16, kind: 'text' },
      { header: 'Ghi chú', width: 36, kind: 'text' },
    ],
    rows: [...objectiveRows, ...tthcRows],
  };
}

function servicesTable(model: ReportModel): TableSpec {
  const apology = 'Thư xin lỗi (hồ sơ trễ hạn)';
  const online = 'Dịch vụ công trực tuyến';
  const postal = 'Bưu chính công ích (BCCI)';
  const pakn = 'Phản ánh, kiến nghị (PAKN)';
  return {
    name: XLSX_SHEETS.services,
    title: 'Thư xin lỗi – Trực tuyến – BCCI – PAKN',
    numberRow: true,
    frozenColumns: 2,
    columns: [
      { header: 'STT', width: 6, kind: 'text' },
      { header: 'Đơn vị', width: 36, kind: 'text' },
      { group: apology, header: 'Hồ sơ trễ hạn', width: 10, kind: 'int' },
      { group: apology, header: 'Đã có văn bản xin lỗi', width: 11, kind: 'int' },
      { group: apology, header: 'Chưa có văn bản xin lỗi', width: 11, kind: 'int' },
      { group: apology, header: 'Tỷ lệ', width: 9, kind: 'ratio' },
      { group: online, header: 'Hồ sơ nộp trực tuyến', width: 11, kind: 'int' },
      { group: online, header: 'Tỷ lệ hồ sơ trực tuyến', width: 11, kind: 'ratio' },
      { group: online, header: 'TTHC mức độ 3, 4', width: 10, kind: 'int' },
      { group: online, header: 'Tổng số TTHC', width: 10, kind: 'int' },
      { group: online, header: 'Tỷ lệ TTHC mức độ 3, 4', width: 11, kind: 'ratio' },
      { group: postal, header: 'Hồ sơ tiếp nhận', width: 10, kind: 'int' },
      { group: postal, header: 'Kết quả trả', width: 10, kind: 'int' },
      { group: pakn, header: 'Tiếp nhận', width: 10, kind: 'int' },
      { group: pakn, header: 'Đã xử lý', width: 10, kind: 'int' },
      { group: pakn, header: 'Đúng hạn', width: 10, kind: 'int' },
      { group: pakn, header: 'Đang xử lý', width: 10, kind: 'int' },
      { group: pakn, header: 'Quá hạn', width: 10, kind: 'int' },
      { group: pakn, header: 'Tỷ lệ đúng hạn', width: 10, kind: 'ratio' },
    ],
    rows: unitRows(model, (k) => [
      k.apology.lateDossiers,
      k.apology.withApology,
      k.apology.withoutApology,
      k.apology.coverage,
      k.received.online,
      k.online.dossierRate,
      k.online.proceduresLevel3or4,
      k.online.proceduresTotal,
      k.online.procedureRate,
      k.postal.received,
      k.postal.returned,
      k.feedback.received,
      k.feedback.resolved,
      k.feedback.resolvedOnTime,
      k.feedback.pending,
      k.feedback.overdue,
      k.feedback.onTimeRate,
    ]),
  };
}

function budgetTable(model: ReportModel): TableSpec {
  const rows: Row[] = model.budget.bySection.flatMap((s) => [
    { values: [s.section, s.title, s.plannedMillionVnd], bold: true },
    ...model.budget.items
      .filter((i) => i.section === s.section)
      .map((i) => ({ values: [i.code, i.content, i.plannedMillionVnd] })),
  ]);
  rows.push({ values: ['', 'Tổng cộng', model.budget.plannedMillionVnd], bold: true });
  return {
    name: XLSX_SHEETS.budget,
    title: 'Kinh phí thực hiện Kế hoạch cải cách hành chính',
    columns: [
      { header: 'Mã', width: 9, kind: 'text' },
      { header: 'Nội dung', width: 70, kind: 'text' },
      { header: 'Kinh phí kế hoạch (triệu đồng)', width: 16, kind: 'amount' },
    ],
    rows,
  };
}

function narrativeTable(model: ReportModel): TableSpec {
  const n = model.narrative;
  const part = (title: string, lines: string[]): Row[] => lines.map((line) => ({ values: [title, line] }));
  return {
    name: XLSX_SHEETS.narrative,
    title: 'Nhận xét, đánh giá',
    columns: [
      { header: 'Phần', width: 24, kind: 'text' },
      { header: 'Nội dung', width: 110, kind: 'text' },
    ],
    rows: [
      ...part('Kết quả đạt được', n.achievements),
      ...part('Tồn tại, hạn chế', n.shortfalls),
      ...part('Cần tập trung chỉ đạo', n.attention),
      ...part('Phương hướng, nhiệm vụ kỳ tới', n.nextSteps),
    ],
  };
}
