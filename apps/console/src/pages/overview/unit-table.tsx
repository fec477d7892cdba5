import type { KpiByUnitResult, KpiResult, Unit } from '../../api/types';
import { DataTable, type Column } from '../../components/data-table';
import { formatNumber, formatRate } from '../../format';

interface Row {
  unit: string;
  name: string;
  kpis: KpiResult;
}

const COLUMNS: Array<Column<Row>> = [
  { header: 'Đơn vị', cell: (r) => r.name },
  { header: 'Tiếp nhận', cell: (r) => formatNumber(r.kpis.received.total), numeric: true },
  { header: 'Đã giải quyết', cell: (r) => formatNumber(r.kpis.resolved.total), numeric: true },
  { header: 'Đúng hạn', cell: (r) => formatRate(r.kpis.onTimeRate), numeric: true },
  { header: 'Trễ hạn', cell: (r) => formatNumber(r.kpis.resolved.late), numeric: true },
  { header: 'Đang giải quyết quá hạn', cell: (r) => formatNumber(r.kpis.pending.overdue), numeric: true },
  {
    header: 'Trễ hạn chưa có thư xin lỗi',
    cell: (r) => formatNumber(r.kpis.apology.withoutApology),
    numeric: true,
  },
  { header: 'Trực tuyến', cell: (r) => formatRate(r.kpis.online.dossierRate), numeric: true },
];

/** One row per unit with dossiers in the period, then the department's total (GET …/kpis/by-unit). */
export function UnitTable({ data, units }: { data: KpiByUnitResult; units: Unit[] }) {
  const names = new Map(units.map((u) => [u.code, u.name]));
  const rows: Row[] = data.units
    .filter((u) => u.kpis.received.total > 0)
    .map((u) => ({ unit: u.unit, name: names.get(u.unit) ?? u.unit, kpis: u.kpis }));
  rows.push({ unit: '__total', name: 'Toàn Sở', kpis: data.total });
  return (
    <DataTable
      caption="Kết quả giải quyết hồ sơ theo đơn vị"
      columns={COLUMNS}
      rows={rows}
      rowKey={(r) => r.unit}
      testId="unit-table"
    />
  );
}
