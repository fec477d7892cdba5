import type { ReportBlock, ReportPart, ReportTask } from '../report.model';
import type { PartInput } from './part-results';
import { formatNumber } from './vietnamese-format';

const h = (level: 1 | 2 | 3, text: string): ReportBlock => ({ kind: 'heading', level, text });
const item = (text: string): ReportBlock => ({ kind: 'item', text });

const DATED_KINDS = new Set(['quarter', 'months', 'date']);

/**
 * IV. Phương hướng, nhiệm vụ: the plan's unfinished tasks whose timeframe falls in the next period,
 * by timeframe; after an annual report (or its last quarter or half) the next year.
 */
export function outlookPart(input: PartInput): ReportPart {
  const next = input.period.next;
  // After a year, its last quarter or its second half, the outlook is the whole next year.
  const nextYear = /^năm \d{4}$/u.test(next.label);
  const tasks = input.sections.flatMap((s) => s.tasks);
  const open = (t: ReportTask) => t.status !== 'completed' && t.status !== 'not_applicable';
  const blocks: ReportBlock[] = [];

  if (nextYear) {
    blocks.push(
      item(
        `Tham mưu xây dựng, ban hành Kế hoạch cải cách hành chính ${next.label} của ${input.agency.displayName}, ` +
          'bám sát chỉ tiêu của UBND tỉnh và kết quả, tồn tại của năm ' +
          `${input.plan.year}.`,
      ),
    );
    const unfinished = tasks.filter(open);
    if (unfinished.length > 0) {
      blocks.push(
        item(
          `Tiếp tục thực hiện ${formatNumber(unfinished.length)} nhiệm vụ chưa hoàn thành của Kế hoạch năm ` +
            `${input.plan.year}: ${unfinished.map((t) => t.code).join(', ')}.`,
        ),
      );
    }
  } else {
    const due = tasks
      .filter((t) => open(t) && DATED_KINDS.has(t.timeframeKind) && overlaps(t, next.from, next.to))
      .sort(
        (a, b) => (a.deadline ?? '9999').localeCompare(b.deadline ?? '9999') || a.code.localeCompare(b.code),
      );
    for (const t of due)
      blocks.push(item(`${t.content.replace(/[\s.;:,]+$/u, '')} (${t.code}; thời gian: ${t.timeframe}).`));
    const overdue = tasks.filter((t) => t.status === 'overdue' && !due.includes(t));
    if (overdue.length > 0) {
      blocks.push(
        item(
          `Khẩn trương hoàn thành ${formatNumber(overdue.length)} nhiệm vụ chậm tiến độ: ` +
            `${overdue.map((t) => t.code).join(', ')}.`,
        ),
      );
    }
    const recurring = tasks.filter((t) => open(t) && t.timeframeKind === 'recurring');
    if (recurring.length > 0) {
      blocks.push(
        item(`Tiếp tục thực hiện ${formatNumber(recurring.length)} nhiệm vụ thường xuyên của Kế hoạch.`),
      );
    }
  }
  blocks.push(...tthcSteps(input));
  return { code: 'IV', title: `IV. PHƯƠNG HƯỚNG, NHIỆM VỤ ${next.label.toLocaleUpperCase('vi')}`, blocks };
}

function overlaps(t: ReportTask, from: string, to: string): boolean {
  const start = t.start ?? t.deadline;
  const end = t.deadline ?? t.start;
  if (start === null || end === null) return false;
  return start <= to && end >= from;
}

function tthcSteps(input: PartInput): ReportBlock[] {
  const k = input.tthc.department;
  const lines: string[] = [
    k.pending.overdue > 0 || (k.onTimeRate !== null && k.onTimeRate < 1)
      ? `Giải quyết dứt điểm ${formatNumber(k.pending.overdue)} hồ sơ đang quá hạn; bảo đảm 100% hồ sơ TTHC được giải quyết đúng hạn.`
      : 'Duy trì 100% hồ sơ TTHC được giải quyết đúng hạn.',
  ];
  if (k.apology.withoutApology > 0) {
    lines.push(
      `Ban hành văn bản xin lỗi đối với ${formatNumber(k.apology.withoutApology)} hồ sơ trễ hạn còn thiếu; ` +
        'bảo đảm 100% hồ sơ trễ hạn được xin lỗi theo quy định.',
    );
  }
  if (k.feedback.overdue > 0) {
    lines.push(`Xử lý dứt điểm ${formatNumber(k.feedback.overdue)} phản ánh, kiến nghị quá hạn.`);
  }
  return [h(3, 'Về giải quyết thủ tục hành chính:'), ...lines.map(item)];
}

/** V. Kiến nghị, đề xuất: the office's to write. */
export function proposalsPart(): ReportPart {
  return {
    code: 'V',
    title: 'V. KIẾN NGHỊ, ĐỀ XUẤT',
    blocks: [
      {
        kind: 'placeholder',
        text: 'Nêu kiến nghị, đề xuất với UBND tỉnh, Sở Nội vụ và các cơ quan liên quan (nếu có).',
      },
    ],
  };
}
