import type { KpiResult } from '@cchc/contracts';

import type { ReportBlock, ReportObjective, ReportPart, ReportTask, ReportUnitKpis } from '../report.model';
import type { PartInput } from './part-results';
import { hoSo, onTimeSentence } from './tthc-sentences';
import { formatNumber, formatPercent, formatQuantity } from './vietnamese-format';

const h = (level: 1 | 2 | 3, text: string): ReportBlock => ({ kind: 'heading', level, text });
const item = (text: string): ReportBlock => ({ kind: 'item', text });

/**
 * III. Đánh giá chung: what was achieved and what fell short, both measured; the causes are the
 * office's to write (a placeholder, never invented).
 */
export function assessmentPart(input: PartInput): ReportPart {
  const achievements = [
    ...objectiveLines(input.objectives, true),
    ...tthcAchievements(input.tthc.department),
  ];
  const shortfalls = [
    ...tthcShortfalls(input.tthc.department),
    ...objectiveLines(input.objectives, false),
    ...taskShortfalls(input),
    ...unitAttention(input.tthc.perUnit),
  ];
  return {
    code: 'III',
    title: 'III. ĐÁNH GIÁ CHUNG',
    blocks: [
      h(2, '1. Kết quả đạt được'),
      ...(achievements.length > 0
        ? achievements
        : ['Trong kỳ chưa có chỉ tiêu đo được để đánh giá kết quả đạt được.']
      ).map(item),
      h(2, '2. Tồn tại, hạn chế'),
      ...(shortfalls.length > 0
        ? shortfalls
        : ['Trong kỳ chưa ghi nhận tồn tại, hạn chế so với các chỉ tiêu của Kế hoạch.']
      ).map(item),
      h(2, '3. Nguyên nhân'),
      {
        kind: 'placeholder',
        text: 'Văn phòng Sở bổ sung nguyên nhân khách quan, chủ quan của tồn tại, hạn chế trước khi trình ký.',
      },
    ],
  };
}

/** An objective measured against its target; null when it cannot be (no numeric target or actual). */
export function describeObjective(o: ReportObjective): string | null {
  if (o.met === null) return null;
  const actual = formatQuantity(o.actual!.value, o.actual!.unit);
  const target = formatQuantity(o.target!.value, o.target!.unit);
  return o.met
    ? `Mục tiêu ${o.code} đạt ${actual}, đạt chỉ tiêu ${target}.`
    : `Mục tiêu ${o.code} đạt ${actual}, chưa đạt chỉ tiêu ${target}.`;
}

function objectiveLines(objectives: ReportObjective[], met: boolean): string[] {
  return objectives.filter((o) => o.met === met).map((o) => describeObjective(o)!);
}

function tthcAchievements(k: KpiResult): string[] {
  const lines: string[] = [];
  if (k.onTimeRate !== null && k.onTimeRate >= 1) lines.push(onTimeSentence(k.onTimeRate));
  if (k.apology.lateDossiers > 0 && k.apology.withoutApology === 0) {
    lines.push('100% hồ sơ trễ hạn có văn bản xin lỗi tổ chức, cá nhân, đạt chỉ tiêu 100%.');
  }
  if (k.online.dossierRate !== null && k.received.online > 0) {
    lines.push(`Hồ sơ nộp trực tuyến chiếm ${formatPercent(k.online.dossierRate)} số hồ sơ mới tiếp nhận.`);
  }
  if (k.feedback.onTimeRate !== null && k.feedback.onTimeRate >= 1) {
    lines.push('Tỷ lệ phản ánh, kiến nghị được xử lý đúng hạn đạt 100%, đạt chỉ tiêu 100%.');
  }
  return lines;
}

function tthcShortfalls(k: KpiResult): string[] {
  const lines: string[] = [];
  if (k.onTimeRate !== null && k.onTimeRate < 1) {
    lines.push(`${onTimeSentence(k.onTimeRate).slice(0, -1)} (${hoSo(k.resolved.late)} giải quyết quá hạn).`);
  }
  if (k.pending.overdue > 0) lines.push(`Còn ${hoSo(k.pending.overdue)} đang giải quyết đã quá hạn.`);
  if (k.apology.withoutApology > 0) {
    lines.push(
      `Còn ${hoSo(k.apology.withoutApology)} trễ hạn chưa có văn bản xin lỗi; tỷ lệ hồ sơ trễ hạn có văn bản xin lỗi ` +
        `đạt ${formatPercent(k.apology.coverage ?? 0)}, chưa đạt chỉ tiêu 100%.`,
    );
  }
  if (k.received.total - k.received.carriedOver > 0 && k.received.online === 0) {
    lines.push('Chưa phát sinh hồ sơ nộp trực tuyến.');
  }
  if (k.feedback.onTimeRate !== null && k.feedback.onTimeRate < 1) {
    lines.push(
      `Tỷ lệ phản ánh, kiến nghị được xử lý đúng hạn đạt ${formatPercent(k.feedback.onTimeRate)}, chưa đạt chỉ tiêu 100%.`,
    );
  }
  if (k.feedback.overdue > 0) {
    lines.push(`Còn ${formatNumber(k.feedback.overdue)} phản ánh, kiến nghị quá hạn chưa được xử lý.`);
  }
  return lines;
}

function taskShortfalls(input: PartInput): string[] {
  const tasks = input.sections.flatMap((s) => s.tasks);
  const lines: string[] = [];
  const overdue = tasks.filter((t) => t.status === 'overdue');
  if (overdue.length > 0) {
    lines.push(
      `Có ${formatNumber(overdue.length)}/${formatNumber(input.tasks.total)} nhiệm vụ của Kế hoạch chậm tiến độ ` +
        `so với thời gian đề ra: ${codes(overdue)}.`,
    );
  }
  const unreported = tasks.filter(
    (t) => t.status === 'not_reported' && t.start !== null && t.start <= input.period.to,
  );
  if (unreported.length > 0) {
    lines.push(
      `Có ${formatNumber(unreported.length)} nhiệm vụ đã đến thời gian thực hiện nhưng đơn vị chủ trì chưa báo cáo ` +
        `kết quả: ${codes(unreported)}.`,
    );
  }
  return lines;
}

const codes = (tasks: ReportTask[]): string => tasks.map((t) => t.code).join(', ');

function unitAttention(units: ReportUnitKpis[]): string[] {
  return units.flatMap(({ unitName, kpis: k }) => {
    const parts: string[] = [];
    if (k.onTimeRate !== null && k.onTimeRate < 1)
      parts.push(`tỷ lệ giải quyết đúng hạn đạt ${formatPercent(k.onTimeRate)}`);
    if (k.pending.overdue > 0) parts.push(`còn ${hoSo(k.pending.overdue)} đang giải quyết quá hạn`);
    if (k.apology.withoutApology > 0)
      parts.push(`${hoSo(k.apology.withoutApology)} trễ hạn chưa có văn bản xin lỗi`);
    return parts.length > 0 ? [`${unitName}: ${parts.join('; ')}.`] : [];
  });
}
