import type { KpiResult } from '@cchc/contracts';

import type { AnnexFigures, AnnexRow, ReportAgency, ReportAnnex, ReportPeriod } from '../report.model';
import { awaitingSupplement } from './tthc-sentences';
import { formatDate } from './vietnamese-format';

// Biểu số II.06a/VPCP/KSTT as the Văn phòng UBND tỉnh receives it (architecture.md §7 item 4):
// rows by lĩnh vực grouped by unit, a total, and a "Rút hồ sơ" column so that every row adds up:
// received = resolved + pending + withdrawn.

export const ANNEX_FIELD_OTHER = 'Lĩnh vực khác';

/** Columns (3)–(15), in order, with their place in the three header rows. */
export const ANNEX_COLUMNS: ReadonlyArray<{
  key: keyof AnnexFigures;
  group: string;
  sub?: string;
  header: string;
}> = [
  { key: 'received', group: 'Số hồ sơ nhận giải quyết', header: 'Tổng số' },
  { key: 'carriedOver', group: 'Số hồ sơ nhận giải quyết', header: 'Số kỳ trước chuyển qua' },
  { key: 'online', group: 'Số hồ sơ nhận giải quyết', sub: 'Số mới tiếp nhận', header: 'Trực tuyến' },
  { key: 'direct', group: 'Số hồ sơ nhận giải quyết', sub: 'Số mới tiếp nhận', header: 'Trực tiếp' },
  { key: 'postal', group: 'Số hồ sơ nhận giải quyết', sub: 'Số mới tiếp nhận', header: 'Dịch vụ bưu chính' },
  { key: 'resolved', group: 'Kết quả giải quyết', header: 'Tổng số' },
  { key: 'early', group: 'Kết quả giải quyết', header: 'Trước hạn' },
  { key: 'onTime', group: 'Kết quả giải quyết', header: 'Đúng hạn' },
  { key: 'late', group: 'Kết quả giải quyết', header: 'Quá hạn' },
  { key: 'pending', group: 'Đang giải quyết', header: 'Tổng số' },
  { key: 'pendingWithinTime', group: 'Đang giải quyết', header: 'Trong hạn' },
  { key: 'pendingOverdue', group: 'Đang giải quyết', header: 'Quá hạn' },
  { key: 'withdrawn', group: 'Rút hồ sơ', header: 'Rút hồ sơ' },
];

export function annexFigures(k: KpiResult): AnnexFigures {
  return {
    received: k.received.total,
    carriedOver: k.received.carriedOver,
    online: k.received.online,
    direct: k.received.direct,
    postal: k.received.postal,
    resolved: k.resolved.total,
    early: k.resolved.early,
    onTime: k.resolved.onTime,
    late: k.resolved.late,
    pending: k.pending.total,
    // Dossiers awaiting supplement are within time (their clock is stopped).
    pendingWithinTime: k.pending.withinTime + awaitingSupplement(k),
    pendingOverdue: k.pending.overdue,
    withdrawn: k.withdrawn,
  };
}

const KEYS = ANNEX_COLUMNS.map((c) => c.key);
const zero = (): AnnexFigures => Object.fromEntries(KEYS.map((k) => [k, 0])) as unknown as AnnexFigures;
const add = (a: AnnexFigures, b: AnnexFigures): AnnexFigures =>
  Object.fromEntries(KEYS.map((k) => [k, a[k] + b[k]])) as unknown as AnnexFigures;
const subtract = (a: AnnexFigures, b: AnnexFigures): AnnexFigures =>
  Object.fromEntries(KEYS.map((k) => [k, a[k] - b[k]])) as unknown as AnnexFigures;
const isZero = (f: AnnexFigures): boolean => KEYS.every((k) => f[k] === 0);

/** One procedure's figures per unit, with the catalog's lĩnh vực (absent: "Lĩnh vực khác"). */
export interface ProcedureFigures {
  procedure: string;
  field: string | null;
  units: Array<{ unit: string; kpis: KpiResult }>;
}

export interface AnnexInput {
  agency: ReportAgency;
  period: Pick<ReportPeriod, 'code' | 'from' | 'to'>;
  total: KpiResult;
  /** The units in report order (the scoped unit alone for a unit's report). */
  units: Array<{ unit: string; unitName: string; kpis: KpiResult }>;
  /** null when the per-procedure figures are unavailable: the annex then stops at the units. */
  byProcedure: ProcedureFigures[] | null;
  dateLine: string;
}

export function buildAnnex(input: AnnexInput): ReportAnnex {
  const rows: AnnexRow[] = [
    { kind: 'total', stt: '', label: 'Tổng cộng', figures: annexFigures(input.total) },
  ];
  input.units.forEach((u, i) => {
    const unitFigures = annexFigures(u.kpis);
    rows.push({ kind: 'unit', stt: String(i + 1), label: u.unitName, figures: unitFigures });
    if (input.byProcedure === null) return;
    const byField = new Map<string, AnnexFigures>();
    for (const p of input.byProcedure) {
      const row = p.units.find((x) => x.unit === u.unit);
      if (row === undefined) continue;
      const field = p.field?.trim() || ANNEX_FIELD_OTHER;
      byField.set(field, add(byField.get(field) ?? zero(), annexFigures(row.kpis)));
    }
    // Dossiers of procedures missing from the catalog still count: the unit's rows add up to it.
    const listed = [...byField.values()].reduce(add, zero());
    const rest = subtract(unitFigures, listed);
    if (!isZero(rest)) byField.set(ANNEX_FIELD_OTHER, add(byField.get(ANNEX_FIELD_OTHER) ?? zero(), rest));
    const fields = [...byField.entries()]
      .filter(([, f]) => !isZero(f))
      .sort(([a], [b]) =>
        a === ANNEX_FIELD_OTHER ? 1 : b === ANNEX_FIELD_OTHER ? -1 : a.localeCompare(b, 'vi'),
      );
    fields.forEach(([field, figures], j) =>
      rows.push({ kind: 'field', stt: `${i + 1}.${j + 1}`, label: field, figures }),
    );
  });
  return {
    code: 'Biểu số II.06a/VPCP/KSTT',
    title:
      'KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH',
    periodLine:
      `Kỳ báo cáo: ${annexPeriodName(input.period.code)} (Từ ngày ${formatDate(input.period.from)} ` +
      `đến ngày ${formatDate(input.period.to)})`,
    reportingUnit: `Đơn vị báo cáo: ${input.agency.displayName}`,
    receivingUnit: `Đơn vị nhận báo cáo: ${input.agency.annexRecipient}`,
    unitOfMeasure: 'Đơn vị tính: Số hồ sơ TTHC',
    rows,
    dateLine: input.dateLine,
    signatures: [
      { title: 'Người lập biểu', note: '(Ký, ghi rõ họ tên)' },
      { title: 'Thủ trưởng đơn vị', note: '(Ký, ghi rõ họ tên, đóng dấu)' },
    ],
    note:
      input.byProcedure === null
        ? 'Ghi chú: chưa lấy được số liệu theo từng thủ tục; biểu tổng hợp theo đơn vị.'
        : null,
  };
}

const ROMAN = ['I', 'II', 'III', 'IV'];

/** "Quý I/2021", "6 tháng đầu năm 2021", "9 tháng năm 2021", "Năm 2021". */
export function annexPeriodName(code: string): string {
  const [year, part] = code.split('-') as [string, string | undefined];
  if (part === undefined) return `Năm ${year}`;
  if (part === '9M') return `9 tháng năm ${year}`;
  if (part === 'H1') return `6 tháng đầu năm ${year}`;
  if (part === 'H2') return `6 tháng cuối năm ${year}`;
  return `Quý ${ROMAN[Number(part.slice(1)) - 1]}/${year}`;
}
