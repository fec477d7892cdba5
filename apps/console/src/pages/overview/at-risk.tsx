import type { AtRisk, DossierRow, Unit } from '../../api/types';
import { DataTable } from '../../components/data-table';
import { formatDate } from '../../format';
import { Link } from '../../router';

/** Open dossiers due today or on the next working day without an apology letter (Mẫu 04) yet. */
export function AtRiskList({ data, units }: { data: AtRisk; units: Unit[] }) {
  const names = new Map(units.map((u) => [u.code, u.name]));
  return (
    <>
      <p className="muted">
        Hồ sơ chưa giải quyết, đến hạn từ {formatDate(data.asOf)} đến {formatDate(data.dueBy)}, chưa có thư
        xin lỗi.
      </p>
      <DataTable<DossierRow>
        caption="Hồ sơ sắp quá hạn"
        testId="at-risk-table"
        empty="Không có hồ sơ nào sắp quá hạn."
        rows={data.dossiers.slice(0, 50)}
        rowKey={(d) => d.dossierCode}
        columns={[
          {
            header: 'Mã hồ sơ',
            cell: (d) => <Link href={`/ho-so?ma=${encodeURIComponent(d.dossierCode)}`}>{d.dossierCode}</Link>,
          },
          { header: 'Đơn vị', cell: (d) => names.get(d.unitCode) ?? d.unitCode },
          { header: 'Thủ tục', cell: (d) => d.procedureCode },
          { header: 'Hạn trả', cell: (d) => formatDate(d.dueDate) },
        ]}
      />
      {data.dossiers.length > 50 && <p className="muted">Hiển thị 50 trên {data.dossiers.length} hồ sơ.</p>}
    </>
  );
}
