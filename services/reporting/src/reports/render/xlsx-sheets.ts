import type ExcelJS from 'exceljs';

import { formatDate } from '../content/vietnamese-format';
import { TASK_STATUS_LABELS, type ReportModel, type ReportTable } from '../report.model';
import { ANNEX_SHEET } from './xlsx-annex';
import { FONT, fitRowHeight, linesFor, pageSetup, titleLine } from './xlsx-layout';
import type { Row, TableSpec } from './xlsx-table';

/** Sheet names (Excel allows at most 31 characters). */
export const XLSX_SHEETS = {
  report: 'Báo cáo',
  annex: ANNEX_SHEET,
  tasks: 'Nhiệm vụ kế hoạch',
  objectives: 'Mục tiêu, chỉ tiêu',
  services: 'Xin lỗi–Trực tuyến–BCCI–PAKN',
  serviceIndex: 'Chỉ số 766',
  budget: 'Kinh phí',
} as const;

const REPORT_WIDTHS = [36, 48];

/** The report's text, part by part, from the same blocks as the DOCX (portrait A4). */
export function addReportSheet(wb: ExcelJS.Workbook, model: ReportModel): void {
  const ws = wb.addWorksheet(XLSX_SHEETS.report, { pageSetup: pageSetup(false) });
  ws.columns = REPORT_WIDTHS.map((width) => ({ width }));
  const h = model.header;
  const pair = (
    rowNo: number,
    left: string,
    right: string,
    leftStyle: Partial<ExcelJS.Font>,
    rightStyle: Partial<ExcelJS.Font>,
  ) => {
    const row = ws.getRow(rowNo);
    row.getCell(1).value = left;
    row.getCell(1).font = { name: FONT, size: 12, ...leftStyle };
    row.getCell(2).value = right;
    row.getCell(2).font = { name: FONT, size: 12, ...rightStyle };
    for (const c of [1, 2])
      row.getCell(c).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    fitRowHeight(row, 1, 12);
  };
  pair(1, h.parent, h.motto[0], {}, { bold: true });
  pair(2, h.agency, h.motto[1], { bold: true }, { bold: true });
  pair(3, h.number, h.dateLine, {}, { italic: true });
  const total = REPORT_WIDTHS[0] + REPORT_WIDTHS[1];
  let r = 5;
  const line = (
    text: string,
    style: { bold?: boolean; italic?: boolean; size?: number; align?: 'left' | 'center' },
  ) => {
    titleLine(ws, r, text, 2, total, { size: 12, align: 'left', ...style });
    ws.getCell(r, 1).alignment = { ...ws.getCell(r, 1).alignment, vertical: 'top' };
    r += 1;
  };
  line(h.title[0], { bold: true, size: 13, align: 'center' });
  line(h.title[1], { bold: true, size: 13, align: 'center' });
  line(h.dataWindow, { italic: true, align: 'center' });
  line(h.deadline, { italic: true, size: 11, align: 'center' });
  line(model.introduction, {});
  for (const part of model.parts) {
    line(part.title, { bold: true });
    for (const b of part.blocks) {
      switch (b.kind) {
        case 'heading':
          line(b.text, { bold: true, italic: b.level === 3 });
          break;
        case 'paragraph':
          line(b.text, {});
          break;
        case 'item':
          line(`- ${b.text}`, {});
          break;
        case 'placeholder':
          line(`[${b.text}]`, { italic: true });
          break;
        case 'table':
          // Printed in full on its own sheet; the text names it.
          line(`(Bảng chi tiết tại trang tính "${XLSX_SHEETS.serviceIndex}".)`, { italic: true });
          break;
      }
    }
  }
  line(model.closing, {});
  r += 1;
  const s = model.signature;
  const signatureRows = Math.max(s.recipients.length + 1, s.title.length + 4);
  for (let i = 0; i < signatureRows; i += 1) {
    const left = i === 0 ? s.recipientsTitle : (s.recipients[i - 1] ?? '');
    const right = i < s.title.length ? s.title[i] : i === signatureRows - 1 ? s.signer : '';
    const row = ws.getRow(r + i);
    row.getCell(1).value = left;
    row.getCell(1).font = { name: FONT, size: 11, bold: i === 0, italic: i === 0 };
    row.getCell(2).value = right;
    row.getCell(2).font = { name: FONT, size: 13, bold: true };
    row.getCell(2).alignment = { horizontal: 'center' };
    fitRowHeight(row, Math.max(linesFor(left, REPORT_WIDTHS[0]), 1));
  }
}

function subtitle(model: ReportModel): string {
  return (
    `${model.agency.displayName} – ${model.period.label} (từ ngày ${formatDate(model.period.from)} ` +
    `đến ngày ${formatDate(model.period.to)})${model.version.status === 'draft' ? ' – DỰ THẢO' : ''}`
  );
}

export function tasksTable(model: ReportModel): TableSpec {
  return {
    name: XLSX_SHEETS.tasks,
    title: `Tiến độ thực hiện nhiệm vụ ${model.plan.title}`,
    subtitle: subtitle(model),
    landscape: true,
    columns: [
      { header: 'Mã', width: 8, kind: 'text' },
      { header: 'Nội dung, nhiệm vụ', width: 42, kind: 'text' },
      { header: 'Cơ quan chủ trì', width: 15, kind: 'text' },
      { header: 'Thời gian thực hiện', width: 13, kind: 'text' },
      { header: 'Trạng thái', width: 12, kind: 'text' },
      { header: 'Tiến độ', width: 8, kind: 'ratio' },
      { header: 'Kết quả, văn bản trong kỳ', width: 37, kind: 'text' },
    ],
    rows: model.sections.flatMap((s) => [
      { values: [s.code, s.title, null, null, null, null, null], bold: true },
      ...s.tasks.map((t) => ({
        values: [
          t.code,
          t.content,
          t.leadUnits.join('; '),
          t.timeframe,
          TASK_STATUS_LABELS[t.status],
          t.progress && t.status !== 'not_reported' ? t.progress.percent / 100 : null,
          [
            t.status === 'not_reported' ? null : t.progress?.note,
            ...t.evidence.map((e) => `${e.docNo} ngày ${formatDate(e.date)}: ${e.title}`),
          ]
            .filter((x): x is string => typeof x === 'string' && x !== '')
            .join('\n'),
        ],
      })),
    ]),
  };
}

export function objectivesTable(model: ReportModel): TableSpec {
  // Percent targets become fractions so they share the percent format with the TTHC ratios.
  const quantity = (q: { value: number; unit: string } | null) =>
    q === null ? null : q.unit === '%' ? q.value / 100 : q.value;
  const verdict = (met: boolean | null, none: string) =>
    met === true ? 'Đạt' : met === false ? 'Chưa đạt' : none;
  const rows: Row[] = [
    ...model.objectives.map((o) => ({
      values: [
        o.code,
        o.text,
        quantity(o.target),
        quantity(o.actual),
        o.target?.unit ?? o.actual?.unit ?? null,
        verdict(o.met, o.target === null ? 'Không định lượng' : 'Chưa có số liệu'),
      ],
    })),
    ...model.tthc.targets.map((t) => ({
      values: ['', t.label, t.target, t.actual, '%', verdict(t.met, 'Không phát sinh')],
    })),
  ];
  return {
    name: XLSX_SHEETS.objectives,
    title: 'Kết quả thực hiện mục tiêu, chỉ tiêu',
    subtitle: subtitle(model),
    landscape: false,
    columns: [
      { header: 'Mã', width: 6, kind: 'text' },
      { header: 'Mục tiêu, chỉ tiêu', width: 42, kind: 'text' },
      { header: 'Chỉ tiêu', width: 9, kind: 'ratio' },
      { header: 'Kết quả', width: 9, kind: 'ratio' },
      { header: 'Đơn vị tính', width: 8, kind: 'text' },
      { header: 'Đánh giá', width: 10, kind: 'text' },
    ],
    rows,
  };
}

export function servicesTable(model: ReportModel): TableSpec {
  const apology = 'Xin lỗi (hồ sơ trễ hạn)';
  const online = 'Dịch vụ công trực tuyến';
  const postal = 'Bưu chính công ích';
  const pakn = 'Phản ánh, kiến nghị';
  const units =
    model.tthc.scope === null
      ? [
          { name: 'Toàn Sở', kpis: model.tthc.department, bold: true },
          ...model.tthc.perUnit.map((u) => ({ name: u.unitName, kpis: u.kpis, bold: false })),
        ]
      : [{ name: model.tthc.scope.unitName, kpis: model.tthc.department, bold: true }];
  return {
    name: XLSX_SHEETS.services,
    title: 'Xin lỗi, dịch vụ công trực tuyến, bưu chính công ích, phản ánh kiến nghị',
    subtitle: subtitle(model),
    landscape: true,
    numberRow: true,
    columns: [
      { header: 'STT', width: 5, kind: 'text' },
      { header: 'Đơn vị', width: 28, kind: 'text' },
      { group: apology, header: 'Hồ sơ trễ hạn', width: 7.5, kind: 'int' },
      { group: apology, header: 'Có văn bản xin lỗi', width: 7.5, kind: 'int' },
      { group: apology, header: 'Tỷ lệ', width: 7.5, kind: 'ratio' },
      { group: online, header: 'Hồ sơ trực tuyến', width: 7.5, kind: 'int' },
      { group: online, header: 'Tỷ lệ hồ sơ', width: 7.5, kind: 'ratio' },
      { group: online, header: 'TTHC mức 3, 4', width: 7.5, kind: 'int' },
      { group: online, header: 'Tỷ lệ TTHC', width: 7.5, kind: 'ratio' },
      { group: postal, header: 'Tiếp nhận', width: 7.5, kind: 'int' },
      { group: postal, header: 'Trả kết quả', width: 7.5, kind: 'int' },
      { group: pakn, header: 'Tiếp nhận', width: 7.5, kind: 'int' },
      { group: pakn, header: 'Đã xử lý', width: 7.5, kind: 'int' },
      { group: pakn, header: 'Tỷ lệ đúng hạn', width: 7.5, kind: 'ratio' },
      { group: pakn, header: 'Quá hạn', width: 7.5, kind: 'int' },
    ],
    rows: units.map(({ name, kpis: k, bold }, i) => ({
      bold,
      values: [
        bold ? '' : String(i),
        name,
        k.apology.lateDossiers,
        k.apology.withApology,
        k.apology.coverage,
        k.received.online,
        k.online.dossierRate,
        k.online.proceduresLevel3or4,
        k.online.procedureRate,
        k.postal.received,
        k.postal.returned,
        k.feedback.received,
        k.feedback.resolved,
        k.feedback.onTimeRate,
        k.feedback.overdue,
      ],
    })),
  };
}

export function serviceIndexSheet(model: ReportModel, table: ReportTable): TableSpec {
  const widths = [6, 50, 10, 10, 10];
  return {
    name: XLSX_SHEETS.serviceIndex,
    title: 'Bộ chỉ số phục vụ người dân, doanh nghiệp (Quyết định số 766/QĐ-TTg)',
    subtitle: subtitle(model),
    landscape: false,
    columns: table.columns.map((c, i) => ({ header: c.header, width: widths[i] ?? 10, kind: c.kind })),
    rows: table.rows.map((r) => ({ values: r.cells, bold: r.bold })),
  };
}

export function budgetTable(model: ReportModel): TableSpec {
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
    subtitle: subtitle(model),
    landscape: false,
    columns: [
      { header: 'Mã', width: 9, kind: 'text' },
      { header: 'Nội dung', width: 58, kind: 'text' },
      { header: 'Kinh phí được giao (triệu đồng)', width: 15, kind: 'amount' },
    ],
    rows,
  };
}
