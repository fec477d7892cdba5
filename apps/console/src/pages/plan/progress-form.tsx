import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson, describeError } from '../../api/client';
import type { Evidence, Progress, Task, TaskStatus } from '../../api/types';
import { periodLabel, reportPeriodOptions, currentQuarter } from '../../period';
import { useSession } from '../../session';
import { REPORTABLE, STATUS_LABELS } from './status';

const EMPTY_EVIDENCE: Evidence = { docNo: '', date: '', title: '' };

/** An editor's progress report on one task, with its evidence (POST …/tasks/{code}/progress). */
export function ProgressForm({ planId, planYear, task }: { planId: string; planYear: number; task: Task }) {
  const { token } = useSession();
  const client = useQueryClient();
  const id = useId();
  const quarter = currentQuarter();
  const periods = reportPeriodOptions(planYear);
  const [period, setPeriod] = useState(periods.includes(quarter) ? quarter : periods[0]);
  const [status, setStatus] = useState<TaskStatus>(
    task.latestProgress && REPORTABLE.includes(task.latestProgress.status)
      ? task.latestProgress.status
      : 'in_progress',
  );
  const [percent, setPercent] = useState(task.latestProgress?.percent ?? 0);
  const [note, setNote] = useState('');
  const [evidence, setEvidence] = useState<Evidence[]>([]);

  const submit = useMutation({
    mutationFn: () =>
      apiJson<Progress>(token, `/api/v1/plans/${planId}/tasks/${encodeURIComponent(task.code)}/progress`, {
        method: 'POST',
        body: JSON.stringify({ period, status, percent, note: note.trim() || null, evidence }),
      }),
    onSuccess: () => {
      setNote('');
      setEvidence([]);
      return client.invalidateQueries({ queryKey: ['api', token] });
    },
  });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    submit.mutate();
  };
  const setEvidenceField = (i: number, field: keyof Evidence, value: string) =>
    setEvidence((list) => list.map((ev, j) => (j === i ? { ...ev, [field]: value } : ev)));

  return (
    <form className="progress-form" onSubmit={onSubmit} aria-label={`Báo cáo tiến độ nhiệm vụ ${task.code}`}>
      <h4>Báo cáo tiến độ</h4>
      <div className="form-row">
        <label htmlFor={`${id}-period`}>
          Kỳ báo cáo
          <select id={`${id}-period`} value={period} onChange={(e) => setPeriod(e.target.value)}>
            {periods.map((p) => (
              <option key={p} value={p}>
                {periodLabel(p)}
              </option>
            ))}
          </select>
        </label>
        <label htmlFor={`${id}-status`}>
          Tình trạng
          <select
            id={`${id}-status`}
            value={status}
            onChange={(e) => setStatus(e.target.value as TaskStatus)}
          >
            {REPORTABLE.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <label htmlFor={`${id}-percent`}>
          Tỷ lệ hoàn thành (%)
          <input
            id={`${id}-percent`}
            type="number"
            min={0}
            max={100}
            step={1}
            required
            value={percent}
            onChange={(e) => setPercent(Number(e.target.value))}
          />
        </label>
      </div>
      <label htmlFor={`${id}-note`}>
        Nội dung thực hiện
        <textarea id={`${id}-note`} rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      <fieldset className="evidence">
        <legend>Văn bản, sản phẩm minh chứng</legend>
        {evidence.map((ev, i) => (
          <div className="form-row evidence-row" key={i}>
            <label>
              Số, ký hiệu
              <input
                required
                value={ev.docNo}
                onChange={(e) => setEvidenceField(i, 'docNo', e.target.value)}
              />
            </label>
            <label>
              Ngày ban hành
              <input
                type="date"
                required
                value={ev.date}
                onChange={(e) => setEvidenceField(i, 'date', e.target.value)}
              />
            </label>
            <label className="grow">
              Trích yếu
              <input
                required
                value={ev.title}
                onChange={(e) => setEvidenceField(i, 'title', e.target.value)}
              />
            </label>
            <button
              type="button"
              className="secondary"
              onClick={() => setEvidence((list) => list.filter((_, j) => j !== i))}
              aria-label={`Bỏ minh chứng ${i + 1}`}
            >
              Bỏ
            </button>
          </div>
        ))}
        <button
          type="button"
          className="secondary"
          onClick={() => setEvidence((l) => [...l, { ...EMPTY_EVIDENCE }])}
        >
          Thêm minh chứng
        </button>
      </fieldset>
      <div className="form-actions">
        <button type="submit" disabled={submit.isPending}>
          {submit.isPending ? 'Đang gửi…' : 'Gửi báo cáo'}
        </button>
        <span role="status" aria-live="polite">
          {submit.isSuccess && (
            <span className="ok">
              Đã ghi nhận báo cáo {periodLabel(submit.data.period)}
              {submit.data.review?.state === 'submitted' ? ', đang chờ Văn phòng duyệt' : ''}.
            </span>
          )}
        </span>
        {submit.isError && (
          <span className="error" role="alert">
            {describeError(submit.error)}
          </span>
        )}
      </div>
    </form>
  );
}
