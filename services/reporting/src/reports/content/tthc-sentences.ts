import type { KpiResult } from '@cchc/contracts';

import type { ReportServiceIndex, ReportTable } from '../report.model';
import { formatNumber, formatPercent, formatScore } from './vietnamese-format';

// Sentences about the TTHC figures. Each one is built from a figure of the report's JSON
// (architecture.md §7 item 6: the narrative never invents).

export const awaitingSupplement = (k: KpiResult): number => k.pending.awaitingSupplement;
export const apologyInTime = (k: KpiResult): number => k.apology.inTime;
export const anomaliesOf = (k: KpiResult): number => k.dataQuality.anomalies;

export const hoSo = (n: number): string => `${formatNumber(n)} hồ sơ`;

/** Received, resolved, pending and withdrawn dossiers (the Biểu II.06a total in words). */
export function describeDossiers(k: KpiResult): string[] {
  const r = k.received;
  if (r.total === 0) return ['Không phát sinh hồ sơ thủ tục hành chính trong kỳ.'];
  const lines: string[] = [receivedLine(k)];
  if (k.resolved.total > 0) {
    const s = k.resolved;
    lines.push(
      `Đã giải quyết ${hoSo(s.total)} (trước hạn ${formatNumber(s.early)}, đúng hạn ${formatNumber(s.onTime)}, ` +
        `quá hạn ${formatNumber(s.late)}).`,
    );
    lines.push(onTimeSentence(k.onTimeRate ?? 0));
  } else {
    lines.push('Trong kỳ chưa có hồ sơ được giải quyết xong.');
  }
  if (k.pending.total > 0) {
    const waiting = awaitingSupplement(k);
    lines.push(
      `Đang giải quyết ${hoSo(k.pending.total)} (trong hạn ${formatNumber(k.pending.withinTime + waiting)}` +
        `${waiting > 0 ? `, trong đó ${formatNumber(waiting)} hồ sơ chờ bổ sung` : ''}, ` +
        `quá hạn ${formatNumber(k.pending.overdue)}).`,
    );
  }
  if (k.withdrawn > 0) lines.push(`Có ${hoSo(k.withdrawn)} được rút theo đề nghị của tổ chức, cá nhân.`);
  return lines;
}

/** The plan's 100% on-time target, met or missed, in words. */
export function onTimeSentence(rate: number): string {
  return rate >= 1
    ? 'Tỷ lệ hồ sơ giải quyết đúng hạn đạt 100%, đạt chỉ tiêu 100%.'
    : `Tỷ lệ hồ sơ giải quyết đúng hạn đạt ${formatPercent(rate)}, chưa đạt chỉ tiêu 100%.`;
}

function receivedLine(k: KpiResult): string {
  const r = k.received;
  const fresh = r.total - r.carriedOver;
  if (fresh === 0) {
    return `Tiếp nhận ${hoSo(r.total)}, đều là hồ sơ kỳ trước chuyển qua; trong kỳ không tiếp nhận hồ sơ mới.`;
  }
  const carried =
    r.carriedOver > 0
      ? ` (kỳ trước chuyển qua ${formatNumber(r.carriedOver)}, mới tiếp nhận ${formatNumber(fresh)})`
      : '';
  return (
    `Tổng số hồ sơ nhận giải quyết ${hoSo(r.total)}${carried}; hồ sơ mới tiếp nhận gồm ` +
    `${formatNumber(r.online)} hồ sơ trực tuyến, ${formatNumber(r.direct)} hồ sơ trực tiếp, ` +
    `${formatNumber(r.postal)} hồ sơ qua dịch vụ bưu chính công ích.`
  );
}

/** Apology letters (Mẫu 04) for late dossiers: coverage and, when known, timeliness. */
export function describeApology(k: KpiResult): string[] {
  const a = k.apology;
  if (a.lateDossiers === 0) {
    return [k.received.total === 0 ? 'Không phát sinh hồ sơ trễ hạn.' : 'Không có hồ sơ giải quyết trễ hạn.'];
  }
  const lines: string[] = [];
  if (a.withApology === 0) {
    lines.push(
      `Chưa ban hành văn bản xin lỗi đối với ${hoSo(a.lateDossiers)} trễ hạn; ` +
        'tỷ lệ hồ sơ trễ hạn có văn bản xin lỗi đạt 0%, chưa đạt chỉ tiêu 100%.',
    );
  } else {
    const coverage = a.coverage ?? 0;
    lines.push(
      `Đã ban hành văn bản xin lỗi đối với ${formatNumber(a.withApology)}/${hoSo(a.lateDossiers)} trễ hạn; ` +
        `tỷ lệ hồ sơ trễ hạn có văn bản xin lỗi đạt ${formatPercent(coverage)}` +
        (coverage >= 1 ? ', đạt chỉ tiêu 100%.' : ', chưa đạt chỉ tiêu 100%.'),
    );
  }
  const inTime = apologyInTime(k);
  if (inTime !== null && a.withApology > 0) {
    lines.push(
      `Có ${formatNumber(inTime)}/${hoSo(a.lateDossiers)} trễ hạn được xin lỗi đúng thời hạn ` +
        '(chậm nhất 01 ngày trước ngày hết hạn giải quyết).',
    );
  }
  return lines;
}

/** Procedures offered online at level 3 or 4, and dossiers submitted online. */
export function describeOnline(k: KpiResult): string[] {
  const o = k.online;
  const lines: string[] = [];
  if (o.proceduresTotal > 0) {
    lines.push(
      `Có ${formatNumber(o.proceduresLevel3or4)}/${formatNumber(o.proceduresTotal)} TTHC được cung cấp ` +
        `dịch vụ công trực tuyến mức độ 3, 4 (đạt ${formatPercent(o.procedureRate ?? 0)}).`,
    );
  }
  const fresh = k.received.total - k.received.carriedOver;
  if (fresh === 0) lines.push('Trong kỳ không tiếp nhận hồ sơ mới.');
  else if (k.received.online === 0)
    lines.push(`Trong ${hoSo(fresh)} mới tiếp nhận, chưa có hồ sơ nộp trực tuyến.`);
  else {
    lines.push(
      `Tiếp nhận ${hoSo(k.received.online)} nộp trực tuyến, chiếm ${formatPercent(o.dossierRate ?? 0)} ` +
        'số hồ sơ mới tiếp nhận trong kỳ.',
    );
  }
  return lines;
}

/** Dossiers received and results returned through the public postal service (BCCI). */
export function describePostal(k: KpiResult): string {
  const { received, returned } = k.postal;
  if (received === 0 && returned === 0) {
    return 'Không phát sinh hồ sơ tiếp nhận, trả kết quả qua dịch vụ bưu chính công ích.';
  }
  return (
    `Tiếp nhận ${hoSo(received)}, trả ${formatNumber(returned)} kết quả giải quyết TTHC ` +
    'qua dịch vụ bưu chính công ích.'
  );
}

/** Feedback (PAKN) received and handled. */
export function describeFeedback(k: KpiResult): string[] {
  const f = k.feedback;
  if (f.received === 0 && f.resolved === 0 && f.pending === 0) {
    return ['Không phát sinh phản ánh, kiến nghị của cá nhân, tổ chức về quy định hành chính.'];
  }
  const parts = [`tiếp nhận ${formatNumber(f.received)} phản ánh, kiến nghị của cá nhân, tổ chức`];
  if (f.resolved > 0)
    parts.push(`đã xử lý ${formatNumber(f.resolved)} (đúng hạn ${formatNumber(f.resolvedOnTime)})`);
  if (f.pending > 0) parts.push(`đang xử lý ${formatNumber(f.pending)}`);
  const lines = [`Trong kỳ, ${parts.join('; ')}.`];
  if (f.onTimeRate !== null) {
    lines.push(
      f.onTimeRate >= 1
        ? 'Tỷ lệ phản ánh, kiến nghị được xử lý đúng hạn đạt 100%, đạt chỉ tiêu 100%.'
        : `Tỷ lệ phản ánh, kiến nghị được xử lý đúng hạn đạt ${formatPercent(f.onTimeRate)}, chưa đạt chỉ tiêu 100%.`,
    );
  }
  return lines;
}

/** Data anomalies (`dataQuality.anomalies`); null when the KPI source does not count them. */
export function describeAnomalies(anomalies: number | null): string | null {
  if (anomalies === null) return null;
  if (anomalies === 0) return 'Không phát hiện hồ sơ có dữ liệu bất thường.';
  return (
    `Có ${hoSo(anomalies)} có dữ liệu bất thường (ví dụ ngày hẹn trả không phải ngày làm việc), ` +
    'cần rà soát, điều chỉnh trên Hệ thống thông tin một cửa điện tử.'
  );
}

/** The service index (QĐ 766) in one sentence. */
export function describeServiceIndex(index: ReportServiceIndex): string {
  const t = index.total;
  const normalized = t.normalized === null ? '' : `, quy đổi ${formatScore(t.normalized)}/100 điểm`;
  return (
    `Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ người dân, doanh nghiệp (Quyết định số ` +
    `766/QĐ-TTg) đạt ${formatScore(t.score)}/${formatScore(t.maxMeasured)} điểm của các chỉ số đo được${normalized}.`
  );
}

/** The service index by indicator; an indicator this system cannot measure says so. */
export function serviceIndexTable(index: ReportServiceIndex): ReportTable {
  const rows: ReportTable['rows'] = [];
  for (const g of index.groups) {
    rows.push({ cells: [g.code, g.name, null, g.max, g.score], bold: true });
    for (const i of g.indicators) {
      rows.push({
        cells: [
          i.code,
          i.name,
          i.reason === 'not measured' ? 'Chưa đo được' : (i.ratio ?? null),
          i.max,
          i.score,
        ],
      });
    }
  }
  rows.push({
    cells: ['', 'Tổng điểm các chỉ số đo được', null, index.total.maxMeasured, index.total.score],
    bold: true,
  });
  return {
    columns: [
      { header: 'Mã', kind: 'text' },
      { header: 'Nhóm, chỉ số', kind: 'text' },
      { header: 'Tỷ lệ', kind: 'ratio' },
      { header: 'Điểm tối đa', kind: 'score' },
      { header: 'Điểm đạt', kind: 'score' },
    ],
    rows,
  };
}
