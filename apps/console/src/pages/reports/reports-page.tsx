import { useId, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson, describeError } from '../../api/client';
import { useApiQuery, withQuery } from '../../api/queries';
import type { ReportInfo, ReportPreview as Preview } from '../../api/types';
import { DataTable } from '../../components/data-table';
import { PeriodControls } from '../../components/period-controls';
import { Panel, QueryView } from '../../components/states';
import { formatDateTime } from '../../format';
import { currentQuarter, periodLabel, reportPeriodOptions, todayLocal, type KpiWindow } from '../../period';
import { setParam, type Location } from '../../router';
import { useSession } from '../../session';
import { downloadFile } from './download';
import { ReportPreview } from './report-preview';

const FIRST_YEAR = 2021;

function periodChoices(): string[] {
  const year = Number(todayLocal().slice(0, 4));
  const out: string[] = [];
  for (let y = year; y >= FIRST_YEAR; y--) out.push(...reportPeriodOptions(y));
  return out;
}

/** Báo cáo: choose a period and window, preview, download DOCX/XLSX, issue (admin). §7, §9. */
export function ReportsPage({ location }: { location: Location }) {
  const { token, me } = useSession();
  const client = useQueryClient();
  const id = useId();
  const choices = periodChoices();
  const requested = location.params.get('ky');
  const period = requested && choices.includes(requested) ? requested : currentQuarter();
  // Reports to the provincial People's Committee use the Decree 09 cut-off by default (§7).
  const window: KpiWindow = location.params.get('cach-chot') === 'calendar' ? 'calendar' : 'decree09';
  const [draft, setDraft] = useState(false);
  const [preview, setPreview] = useState(false);
  const [docNo, setDocNo] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const base = `/api/v1/reports/${encodeURIComponent(period)}`;
  const params = { window, draft: draft ? 'true' : null };
  const report = useApiQuery<Preview>(preview ? withQuery(base, { format: 'json', ...params }) : null);
  const issued = useApiQuery<ReportInfo[]>(withQuery('/api/v1/reports', { period, window }));

  const download = useMutation({
    mutationFn: (format: 'docx' | 'xlsx') =>
      downloadFile(token, withQuery(base, { format, ...params }), `bao-cao-cchc-${period}.${format}`),
    onSuccess: (name) => setMessage(`Đã tải xuống ${name}.`),
  });
  const issue = useMutation({
    mutationFn: () =>
      apiJson<ReportInfo>(token, withQuery(`${base}/issue`, { window }), {
        method: 'POST',
        body: JSON.stringify(docNo.trim() ? { documentNumber: docNo.trim() } : {}),
      }),
    onSuccess: (info) => {
      setMessage(`Đã ban hành báo cáo ${periodLabel(period)}, phiên bản ${info.version}.`);
      return client.invalidateQueries({ queryKey: ['api', token] });
    },
  });

  return (
    <>
      <div className="page-head">
        <h1>Báo cáo cải cách hành chính</h1>
        <PeriodControls
          period={period}
          periods={choices}
          window={window}
          onPeriod={(p) => setParam('ky', p)}
          onWindow={(w) => setParam('cach-chot', w === 'decree09' ? null : w)}
        />
      </div>
      <div className="panels">
        <Panel id="report-actions" title={`Báo cáo ${periodLabel(period)}`} wide>
          <label className="inline">
            <input type="checkbox" checked={draft} onChange={(e) => setDraft(e.target.checked)} />
            Bản nháp từ số liệu hiện tại (bỏ qua bản đã ban hành)
          </label>
          <div className="form-actions">
            <button type="button" onClick={() => setPreview(true)}>
              Xem trước
            </button>
            <button
              type="button"
              className="secondary"
              disabled={download.isPending}
              onClick={() => download.mutate('docx')}
            >
              Tải Word (DOCX)
            </button>
            <button
              type="button"
              className="secondary"
              disabled={download.isPending}
              onClick={() => download.mutate('xlsx')}
            >
              Tải Excel (XLSX)
            </button>
          </div>
          <p role="status" aria-live="polite" className="ok">
            {message}
          </p>
          {(download.isError || issue.isError) && (
            <p className="error" role="alert">
              {describeError(download.error ?? issue.error)}
            </p>
          )}
          {preview && <QueryView query={report}>{(r) => <ReportPreview report={r} />}</QueryView>}
        </Panel>
        {me.role === 'admin' && (
          <Panel id="report-issue" title="Ban hành">
            <p className="muted">
              Ban hành sẽ lưu cố định báo cáo (JSON, Word, Excel) thành một phiên bản mới; các lần tải sau
              nhận đúng bản này.
            </p>
            <label htmlFor={`${id}-docno`}>
              Số văn bản (không bắt buộc)
              <input
                id={`${id}-docno`}
                placeholder="15/BC-SGDĐT"
                value={docNo}
                onChange={(e) => setDocNo(e.target.value)}
              />
            </label>
            <div className="form-actions">
              <button
                type="button"
                disabled={issue.isPending}
                onClick={() => {
                  if (globalThis.confirm(`Ban hành báo cáo ${periodLabel(period)}?`)) issue.mutate();
                }}
              >
                Ban hành báo cáo
              </button>
            </div>
          </Panel>
        )}
        <Panel id="report-versions" title="Các phiên bản đã ban hành">
          <QueryView query={issued}>
            {(list) => (
              <DataTable<ReportInfo>
                caption="Các phiên bản đã ban hành"
                rows={list}
                empty="Chưa ban hành phiên bản nào."
                rowKey={(r) => `${r.version}-${r.contentHash}`}
                columns={[
                  { header: 'Phiên bản', cell: (r) => r.version },
                  { header: 'Ngày ban hành', cell: (r) => formatDateTime(r.issuedAt) },
                  { header: 'Số văn bản', cell: (r) => r.documentNumber ?? '—' },
                ]}
              />
            )}
          </QueryView>
        </Panel>
      </div>
    </>
  );
}
