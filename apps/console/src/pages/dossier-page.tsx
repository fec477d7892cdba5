import { useId, useState, type FormEvent } from 'react';
import { useApiQuery } from '../api/queries';
import type { DossierDetail, DossierEvent, Unit } from '../api/types';
import { Panel, QueryView } from '../components/states';
import { formatDate, formatDateTime } from '../format';
import { setParam, type Location } from '../router';

// Event types (architecture.md §4) as the one-stop counter's staff call them.
const EVENT_LABELS: Record<string, string> = {
  'dossier.received.v1': 'Tiếp nhận hồ sơ',
  'dossier.supplement_requested.v1': 'Yêu cầu bổ sung hồ sơ',
  'dossier.supplement_received.v1': 'Nhận hồ sơ bổ sung',
  'dossier.apology_issued.v1': 'Gửi thư xin lỗi (Mẫu 04)',
  'dossier.resolved.v1': 'Giải quyết xong',
  'dossier.returned.v1': 'Trả kết quả',
  'dossier.withdrawn.v1': 'Công dân rút hồ sơ',
  'dossier.paid.v1': 'Nộp phí, lệ phí',
  'dossier.rated.v1': 'Đánh giá mức độ hài lòng',
  'feedback.received.v1': 'Tiếp nhận phản ánh, kiến nghị',
  'feedback.resolved.v1': 'Xử lý xong phản ánh, kiến nghị',
};

const VALUE_LABELS: Record<string, string> = {
  direct: 'trực tiếp',
  online: 'trực tuyến',
  postal: 'bưu chính',
  approved: 'chấp thuận',
  rejected: 'từ chối',
  satisfied: 'hài lòng',
  neutral: 'bình thường',
  dissatisfied: 'không hài lòng',
};

const FIELD_LABELS: Record<string, string> = {
  procedureCode: 'Thủ tục',
  unitCode: 'Đơn vị',
  channel: 'Kênh',
  dueDate: 'Hẹn trả',
  newDueDate: 'Hẹn trả mới',
  reason: 'Lý do',
  letterNo: 'Số thư',
  outcome: 'Kết quả',
  returnChannel: 'Trả qua',
  amountVnd: 'Số tiền (đồng)',
  rating: 'Đánh giá',
};

function describe(e: DossierEvent): string {
  return Object.entries(FIELD_LABELS)
    .filter(([k]) => e.data[k] !== undefined && e.data[k] !== null)
    .map(([k, label]) => {
      const v = e.data[k];
      const text =
        typeof v === 'string'
          ? /^\d{4}-\d{2}-\d{2}$/.test(v)
            ? formatDate(v)
            : (VALUE_LABELS[v] ?? v)
          : String(v);
      return `${label}: ${text}`;
    })
    .join(' · ');
}

/** The event's own business time (from `data`), not the envelope's. */
function when(e: DossierEvent): string {
  const t = Object.entries(e.data).find(([k, v]) => k.endsWith('At') && typeof v === 'string')?.[1];
  return formatDateTime(typeof t === 'string' ? t : e.time);
}

interface Procedure {
  code: string;
  name: string;
}

function Timeline({ detail }: { detail: DossierDetail }) {
  const d = detail.dossier;
  const units = useApiQuery<Unit[]>('/api/v1/tthc/units');
  const procedures = useApiQuery<Procedure[]>('/api/v1/tthc/procedures');
  const unitName = (code: string) => units.data?.find((u) => u.code === code)?.name ?? code;
  const procedureName = (code: string) => {
    const name = procedures.data?.find((p) => p.code === code)?.name;
    return name ? `${name} (${code})` : code;
  };
  return (
    <>
      {d ? (
        <dl className="facts" data-testid="dossier-facts">
          <dt>Mã hồ sơ</dt>
          <dd>{d.dossierCode}</dd>
          <dt>Đơn vị</dt>
          <dd>{unitName(d.unitCode)}</dd>
          <dt>Thủ tục</dt>
          <dd>{procedureName(d.procedureCode)}</dd>
          <dt>Tiếp nhận</dt>
          <dd>
            {formatDate(d.receivedDate)} ({VALUE_LABELS[d.channel] ?? d.channel})
          </dd>
          <dt>Hẹn trả</dt>
          <dd>
            {formatDate(d.dueDate)}
            {d.rescheduledDueDate ? ` (hẹn lại ${formatDate(d.rescheduledDueDate)})` : ''}
          </dd>
          <dt>Tình trạng</dt>
          <dd>
            {d.endKind === 'resolved'
              ? `Đã giải quyết ngày ${formatDate(d.endDate)}`
              : d.endKind === 'withdrawn'
                ? `Đã rút ngày ${formatDate(d.endDate)}`
                : 'Đang giải quyết'}
            {d.hasApology ? '; đã có thư xin lỗi' : ''}
          </dd>
          {d.anomalies.length > 0 && (
            <>
              <dt>Bất thường</dt>
              <dd>{d.anomalies.join(', ')}</dd>
            </>
          )}
        </dl>
      ) : (
        <p className="nodata">
          Chưa nhận được sự kiện tiếp nhận của hồ sơ này; các sự kiện khác được giữ lại.
        </p>
      )}
      <ol className="timeline" aria-label="Diễn biến hồ sơ" data-testid="timeline">
        {detail.events.map((e) => (
          <li key={e.id}>
            <p>
              <strong>{EVENT_LABELS[e.type.replace(/^vn\.cchc\.tthc\./, '')] ?? e.type}</strong>{' '}
              <span className="muted">{when(e)}</span>
            </p>
            <p className="small">{describe(e)}</p>
          </li>
        ))}
      </ol>
    </>
  );
}

/** Hồ sơ: one dossier's timeline by its code (GET /api/v1/tthc/dossiers/{code}). */
export function DossierPage({ location }: { location: Location }) {
  const id = useId();
  const code = location.params.get('ma') ?? '';
  const [input, setInput] = useState(code);
  const query = useApiQuery<DossierDetail>(code ? `/api/v1/tthc/dossiers/${encodeURIComponent(code)}` : null);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setParam('ma', input.trim());
  };
  return (
    <>
      <div className="page-head">
        <h1>Tra cứu hồ sơ</h1>
      </div>
      <form className="controls" role="search" onSubmit={onSubmit}>
        <label htmlFor={`${id}-code`}>
          Mã hồ sơ
          <input
            id={`${id}-code`}
            className="code-input"
            value={input}
            placeholder="000.00.36.H17-210105-0001"
            onChange={(e) => setInput(e.target.value)}
          />
        </label>
        <button type="submit">Tra cứu</button>
      </form>
      {code && (
        <Panel id="dossier" title={`Hồ sơ ${code}`} wide>
          <QueryView query={query} missing={`Không tìm thấy hồ sơ ${code}.`}>
            {(detail) => <Timeline detail={detail} />}
          </QueryView>
        </Panel>
      )}
    </>
  );
}
