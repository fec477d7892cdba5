import type { KpiResult, TaskStatus } from '@cchc/contracts';

import {
  TASK_STATUS_LABELS,
  type ReportBudget,
  type ReportModel,
  type ReportNarrative,
  type ReportObjective,
  type ReportSection,
  type ReportTask,
  type ReportUnitKpis,
} from './report.model';

export type NarrativeInput = Pick<
  ReportModel,
  'period' | 'plan' | 'objectives' | 'tasks' | 'sections' | 'tthc'
>;

/** Vietnamese grouping: 1234567 → "1.234.567"; decimals with a comma: 97.5 → "97,5". */
export function formatNumber(value: number, maxFractionDigits = 0): string {
  const factor = 10 ** maxFractionDigits;
  const rounded = Math.round(Math.abs(value) * factor) / factor;
  const [int, frac] = rounded.toFixed(maxFractionDigits).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const trimmed = frac?.replace(/0+$/, '') ?? '';
  const sign = value < 0 && rounded !== 0 ? '-' : '';
  return `${sign}${grouped}${trimmed ? `,${trimmed}` : ''}`;
}

/** A ratio in [0, 1] as a Vietnamese percentage with one decimal: 0.978 → "97,8%", 1 → "100%". */
export function formatPercent(ratio: number): string {
  const pct = ratio * 100;
  // Rounding must not turn a shortfall into "100%" or a non-zero share into "0%".
  if (ratio < 1 && pct >= 99.95) return '99,9%';
  if (ratio > 0 && pct < 0.05) return '0,1%';
  return `${formatNumber(pct, 1)}%`;
}

/** ISO date → "31/03/2021". */
export function formatDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** A numeric objective value with its unit: 100 "%" → "100%", 10 "người" → "10 người". */
export function formatQuantity(value: number, unit: string): string {
  return unit === '%' ? `${formatNumber(value, 1)}%` : `${formatNumber(value, 1)} ${unit}`.trim();
}

export function buildNarrative(input: NarrativeInput): ReportNarrative {
  const k = input.tthc.department;
  const planName = `Kế hoạch cải cách hành chính năm ${input.plan.year}`;
  const overdueTasks = input.sections.flatMap((s) => s.tasks).filter((t) => t.status === 'overdue');

  const tthc: string[] = [...describeDossiers(k)];
  if (k.received.total > 0 && (k.apology.lateDossiers === 0 || k.apology.withApology > 0)) {
    tthc.push(describeApology(k));
  }
  if (k.online.proceduresTotal > 0) tthc.push(describeOnlineProcedures(k)!);
  // Postal receipts are in the received line already; returns are not.
  if (k.postal.returned > 0) {
    tthc.push(
      `Trả ${formatNumber(k.postal.returned)} kết quả giải quyết TTHC qua dịch vụ bưu chính công ích.`,
    );
  }

  const shortfalls = [
    ...tthcShortfalls(k),
    ...objectiveShortfalls(input),
    ...taskShortfalls(input, overdueTasks),
  ];
  return {
    achievements: [
      ...describePlanProgress(input),
      ...objectiveAchievements(input),
      ...tthc,
      describeFeedback(k),
    ],
    shortfalls:
      shortfalls.length > 0
        ? shortfalls
        : ['Trong kỳ, chưa ghi nhận tồn tại, hạn chế so với các chỉ tiêu của Kế hoạch.'],
    attention: [...unitAttention(input.tthc.perUnit), ...overdueTasks.map(overdueTaskLine)],
    nextSteps: nextSteps(k, input, planName, overdueTasks.length),
  };
}

const hoSo = (n: number) => `${formatNumber(n)} hồ sơ`;

/** Plan-wide task counts as of the period end. */
export function describePlanProgress(input: Pick<NarrativeInput, 'plan' | 'period' | 'tasks'>): string[] {
  const { total, byStatus } = input.tasks;
  if (total === 0) return [];
  const planName = `Kế hoạch cải cách hành chính năm ${input.plan.year}`;
  const asOf = `đến ngày ${formatDate(input.period.to)}`;
  if (byStatus.completed === 0 && byStatus.in_progress === 0) {
    return [
      `${planName} có ${formatNumber(total)} nhiệm vụ; ${asOf} chưa có nhiệm vụ được báo cáo triển khai.`,
    ];
  }
  return [
    `${planName} có ${formatNumber(total)} nhiệm vụ; ${asOf} đã hoàn thành ${formatNumber(byStatus.completed)} nhiệm vụ, ` +
      `đang triển khai ${formatNumber(byStatus.in_progress)} nhiệm vụ.`,
  ];
}

/** One plan section's task counts: "Kế hoạch đề ra 3 nhiệm vụ: đã hoàn thành 1, đang thực hiện 2." */
export function describeSectionProgress(section: ReportSection): string {
  if (section.total === 0) return 'Kế hoạch không đề ra nhiệm vụ thuộc lĩnh vực này.';
  const order: TaskStatus[] = ['completed', 'in_progress', 'not_started', 'overdue'];
  const parts = order
    .filter((s) => section.byStatus[s] > 0)
    .map((s) => `${TASK_STATUS_LABELS[s].toLocaleLowerCase('vi')} ${formatNumber(section.byStatus[s])}`);
  return `Kế hoạch đề ra ${formatNumber(section.total)} nhiệm vụ: ${parts.join(', ')}.`;
}

/** One task as a report line: what it is, where it stands, what proves it. */
export function describeTask(t: ReportTask): string {
  const content = t.content.replace(/[\s.;:,]+$/u, '');
  const lead = t.leadUnits.length > 0 ? ` (${t.leadUnits.join(', ')} chủ trì)` : '';
  let state: string;
  switch (t.status) {
    case 'completed':
      state = 'đã hoàn thành';
      break;
    case 'in_progress':
      state = t.progress ? `đang thực hiện, đạt ${formatNumber(t.progress.percent)}%` : 'đang thực hiện';
      break;
    case 'not_started':
      state = t.onTrack ? 'chưa đến thời gian triển khai' : 'chưa triển khai';
      break;
    case 'overdue':
      state =
        `chậm tiến độ so với thời gian đề ra (${t.timeframe})` +
        (t.progress && t.progress.percent > 0 ? `, đạt ${formatNumber(t.progress.percent)}%` : '');
      break;
  }
  const note = t.progress?.note ? ` ${ensurePeriod(t.progress.note)}` : '';
  const evidence =
    t.evidence.length > 0
      ? ` Văn bản: ${t.evidence.map((e) => `${e.title} số ${e.docNo} ngày ${formatDate(e.date)}`).join('; ')}.`
      : '';
  return `${content}${lead}: ${state}.${note}${evidence}`;
}

function ensurePeriod(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/u.test(trimmed) ? trimmed : `${trimmed}.`;
}

function objectiveAchievements(input: NarrativeInput): string[] {
  return input.objectives.filter((o) => o.met === true).map((o) => describeObjective(o)!);
}

/** An objective measured against its target; null when it cannot be (no numeric target or actual). */
export function describeObjective(o: ReportObjective): string | null {
  if (o.met === null) return null;
  const actual = formatQuantity(o.actual!.value, o.actual!.unit);
  return o.met
    ? `Mục tiêu ${o.code} đạt ${actual}, hoàn thành chỉ tiêu đề ra.`
    : `Mục tiêu ${o.code} đạt ${actual}, chưa đạt chỉ tiêu ${formatQuantity(o.target!.value, o.target!.unit)}.`;
}

/** Received, resolved, pending and withdrawn dossiers (the Biểu II.06a row in words). */
export function describeDossiers(k: KpiResult): string[] {
  const r = k.received;
  if (r.total === 0) return ['Không phát sinh hồ sơ thủ tục hành chính trong kỳ.'];
  const lines: string[] = [receivedLine(k)];

  if (k.resolved.total > 0) {
    const s = k.resolved;
    lines.push(
      `Đã giải quyết ${hoSo(s.total)} (trước hạn ${formatNumber(s.early)}, đúng hạn ${formatNumber(s.onTime)}, ` +
        `quá hạn ${formatNumber(s.late)}); tỷ lệ giải quyết trước hạn, đúng hạn đạt ${formatPercent(k.onTimeRate ?? 0)}.`,
    );
  } else {
    lines.push('Trong kỳ chưa có hồ sơ được giải quyết xong.');
  }
  if (k.pending.total > 0) {
    lines.push(
      `Đang giải quyết ${hoSo(k.pending.total)} (trong hạn ${formatNumber(k.pending.withinTime)}, ` +
        `quá hạn ${formatNumber(k.pending.overdue)}).`,
    );
  }
  if (k.withdrawn > 0) lines.push(`Có ${hoSo(k.withdrawn)} được rút theo đề nghị của tổ chức, cá nhân.`);
  return lines;
}

/** Apology letters (Mẫu 04) for late dossiers. */
export function describeApology(k: KpiResult): string {
  const a = k.apology;
  if (a.lateDossiers === 0) {
    return k.received.total === 0 ? 'Không phát sinh hồ sơ trễ hạn.' : 'Không có hồ sơ giải quyết trễ hạn.';
  }
  if (a.withApology === 0) return `Chưa ban hành văn bản xin lỗi đối với ${hoSo(a.lateDossiers)} trễ hạn.`;
  return (
    `Đã ban hành văn bản xin lỗi đối với ${formatNumber(a.withApology)}/${hoSo(a.lateDossiers)} ` +
    `trễ hạn (đạt ${formatPercent(a.coverage ?? 0)}).`
  );
}

/** Procedures offered online at level 3 or 4; null without a catalog. */
export function describeOnlineProcedures(k: KpiResult): string | null {
  const o = k.online;
  if (o.proceduresTotal === 0) return null;
  return (
    `Có ${formatNumber(o.proceduresLevel3or4)}/${formatNumber(o.proceduresTotal)} TTHC được cung cấp ` +
    `dịch vụ công trực tuyến mức độ 3, 4 (đạt ${formatPercent(o.procedureRate ?? 0)}).`
  );
}

/** Dossiers submitted online among those received in the period. */
export function describeOnlineDossiers(k: KpiResult): string {
  const fresh = k.received.total - k.received.carriedOver;
  if (fresh === 0) return 'Trong kỳ không tiếp nhận hồ sơ mới.';
  if (k.received.online === 0) return `Trong ${hoSo(fresh)} tiếp nhận mới, chưa có hồ sơ nộp trực tuyến.`;
  return (
    `Tiếp nhận ${hoSo(k.received.online)} nộp trực tuyến, chiếm ${formatPercent(k.online.dossierRate ?? 0)} ` +
    `số hồ sơ tiếp nhận mới trong kỳ.`
  );
}

/** Dossiers received and results returned through the public postal service (BCCI). */
export function describePostal(k: KpiResult): string {
  const { received, returned } = k.postal;
  if (received === 0 && returned === 0) {
    return 'Không phát sinh hồ sơ tiếp nhận, trả kết quả qua dịch vụ bưu chính công ích.';
  }
  return (
    `Tiếp nhận ${hoSo(received)}, trả ${formatNumber(returned)} kết quả giải quyết TTHC ` +
    `qua dịch vụ bưu chính công ích.`
  );
}

function receivedLine(k: KpiResult): string {
  const r = k.received;
  const fresh = r.total - r.carriedOver;
  if (fresh === 0) {
    return `Tiếp nhận ${hoSo(r.total)}, đều là hồ sơ kỳ trước chuyển sang; trong kỳ không tiếp nhận hồ sơ mới.`;
  }
  const carried =
    r.carriedOver > 0
      ? ` (kỳ trước chuyển sang ${formatNumber(r.carriedOver)}, tiếp nhận mới ${formatNumber(fresh)})`
      : '';
  return (
    `Tiếp nhận ${hoSo(r.total)}${carried}, trong đó ${formatPercent(k.online.dossierRate ?? 0)} hồ sơ tiếp nhận mới ` +
    `nộp trực tuyến (${formatNumber(r.online)} hồ sơ), ${hoSo(r.direct)} nộp trực tiếp, ` +
    `${hoSo(r.postal)} qua dịch vụ bưu chính công ích.`
  );
}

/** Feedback (PAKN) received and handled. */
export function describeFeedback(k: KpiResult): string {
  const f = k.feedback;
  if (f.received === 0 && f.resolved === 0 && f.pending === 0) {
    return 'Không phát sinh phản ánh, kiến nghị của cá nhân, tổ chức về quy định hành chính.';
  }
  const parts = [`tiếp nhận ${formatNumber(f.received)} phản ánh, kiến nghị của cá nhân, tổ chức`];
  if (f.resolved > 0)
    parts.push(`đã xử lý ${formatNumber(f.resolved)} (đúng hạn ${formatNumber(f.resolvedOnTime)})`);
  if (f.pending > 0) parts.push(`đang xử lý ${formatNumber(f.pending)}`);
  return `Trong kỳ, ${parts.join('; ')}.`;
}

/** The plan's budget in words: total, then each section that has one. */
export function describeBudget(budget: ReportBudget, year: number): string {
  const million = (v: number) => `${formatNumber(v, 2)} triệu đồng`;
  const parts = budget.bySection
    .filter((s) => s.plannedMillionVnd > 0)
    .map((s) => `${sectionHeading(s.title)} ${million(s.plannedMillionVnd)}`);
  const detail = parts.length > 0 ? `, trong đó: ${parts.join('; ')}` : '';
  return `Kinh phí thực hiện Kế hoạch cải cách hành chính năm ${year} là ${million(budget.plannedMillionVnd)}${detail}.`;
}

// Acronyms the plan writes in capitals inside otherwise upper-case titles.
const ACRONYMS = new Set([
  'CBCC',
  'CBCCVC',
  'VC',
  'TTHC',
  'CCHC',
  'QPPL',
  'CNTT',
  'UBND',
  'ISO',
  'BCCI',
  'PAKN',
  'GDĐT',
]);

/** "XÂY DỰNG VÀ NÂNG CAO CHẤT LƯỢNG ĐỘI NGŨ CBCC" → "Xây dựng và nâng cao chất lượng đội ngũ CBCC". */
/** Label of the results tables' total row: the department, or the one unit a scoped report covers. */
export function totalRowLabel(tthc: Pick<ReportModel['tthc'], 'scope'>): string {
  return tthc.scope === null ? 'Tổng cộng toàn Sở' : `Tổng cộng: ${tthc.scope.unitName}`;
}

export function sectionHeading(title: string): string {
  const words = title.trim().split(/\s+/u);
  return words
    .map((w, i) => {
      const bare = w.replace(/[^\p{L}]/gu, '');
      if (ACRONYMS.has(bare)) return w;
      const lower = w.toLocaleLowerCase('vi');
      return i === 0 ? lower.charAt(0).toLocaleUpperCase('vi') + lower.slice(1) : lower;
    })
    .join(' ');
}

function tthcShortfalls(k: KpiResult): string[] {
  const lines: string[] = [];
  if (k.onTimeRate !== null && k.onTimeRate < 1) {
    lines.push(
      `Tỷ lệ hồ sơ giải quyết trước hạn, đúng hạn đạt ${formatPercent(k.onTimeRate)}, chưa đạt chỉ tiêu 100% ` +
        `(${hoSo(k.resolved.late)} giải quyết quá hạn).`,
    );
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

function objectiveShortfalls(input: NarrativeInput): string[] {
  return input.objectives.filter((o) => o.met === false).map((o) => describeObjective(o)!);
}

function taskShortfalls(input: NarrativeInput, overdue: ReportTask[]): string[] {
  const lines: string[] = [];
  if (overdue.length > 0) {
    lines.push(
      `Có ${formatNumber(overdue.length)}/${formatNumber(input.tasks.total)} nhiệm vụ của Kế hoạch chậm tiến độ so với thời gian đề ra.`,
    );
  }
  const notStarted = input.sections
    .flatMap((s) => s.tasks)
    .filter((t) => t.status === 'not_started' && !t.onTrack);
  if (notStarted.length > 0) {
    lines.push(
      `Có ${formatNumber(notStarted.length)} nhiệm vụ đã đến thời gian thực hiện nhưng chưa triển khai.`,
    );
  }
  return lines;
}

interface UnitIssue {
  name: string;
  rate: number | null;
  details: string[];
}

function unitAttention(units: ReportUnitKpis[]): string[] {
  const issues: UnitIssue[] = units
    .map(({ unitName, kpis: k }) => {
      const details: string[] = [];
      if (k.pending.overdue > 0) details.push(`còn ${hoSo(k.pending.overdue)} đang giải quyết quá hạn`);
      if (k.apology.withoutApology > 0)
        details.push(`${hoSo(k.apology.withoutApology)} trễ hạn chưa có văn bản xin lỗi`);
      if (k.feedback.overdue > 0)
        details.push(`${formatNumber(k.feedback.overdue)} phản ánh, kiến nghị quá hạn`);
      const rate = k.onTimeRate !== null && k.onTimeRate < 1 ? k.onTimeRate : null;
      return { name: unitName, rate, details };
    })
    .filter((u) => u.rate !== null || u.details.length > 0);

  // Lowest on-time rate first; units whose only issue is overdue work follow.
  issues.sort((a, b) => (a.rate ?? 2) - (b.rate ?? 2));
  const rates = units.map((u) => u.kpis.onTimeRate).filter((r): r is number => r !== null);
  const lowest = rates.length > 1 ? Math.min(...rates) : null;
  const uniqueLowest = lowest !== null && rates.filter((r) => r === lowest).length === 1;

  return issues.map((u) => {
    const parts = [...u.details];
    if (u.rate !== null) {
      const rateText =
        uniqueLowest && u.rate === lowest
          ? `tỷ lệ giải quyết trước hạn, đúng hạn thấp nhất trong các đơn vị (${formatPercent(u.rate)})`
          : `tỷ lệ giải quyết trước hạn, đúng hạn đạt ${formatPercent(u.rate)}`;
      parts.unshift(rateText);
    }
    return `${u.name}: ${parts.join('; ')}.`;
  });
}

function overdueTaskLine(t: ReportTask): string {
  const lead = t.leadUnits.length > 0 ? `${t.leadUnits.join(', ')} chủ trì; ` : '';
  return `Nhiệm vụ ${t.code} “${t.content}” (${lead}thời gian thực hiện: ${t.timeframe}) chưa hoàn thành, đã quá thời hạn.`;
}

function nextSteps(k: KpiResult, input: NarrativeInput, planName: string, overdueCount: number): string[] {
  const lines: string[] = [];
  const { total, byStatus } = input.tasks;
  if (total > 0 && byStatus.completed < total) {
    lines.push(
      overdueCount > 0
        ? `Tiếp tục triển khai các nhiệm vụ còn lại của ${planName}, tập trung hoàn thành ${formatNumber(overdueCount)} nhiệm vụ chậm tiến độ.`
        : `Tiếp tục triển khai các nhiệm vụ còn lại của ${planName} theo đúng tiến độ đề ra.`,
    );
  }
  lines.push(
    k.pending.overdue > 0 || (k.onTimeRate !== null && k.onTimeRate < 1)
      ? 'Chỉ đạo các phòng, đơn vị giải quyết dứt điểm hồ sơ quá hạn; bảo đảm 100% hồ sơ TTHC được giải quyết trước hạn, đúng hạn.'
      : 'Duy trì 100% hồ sơ TTHC được giải quyết trước hạn, đúng hạn.',
  );
  if (k.apology.withoutApology > 0) {
    lines.push('Thực hiện đầy đủ việc xin lỗi cá nhân, tổ chức đối với 100% hồ sơ trễ hạn theo quy định.');
  }
  if (k.feedback.overdue > 0 || (k.feedback.onTimeRate !== null && k.feedback.onTimeRate < 1)) {
    lines.push('Tiếp nhận, xử lý kịp thời, đúng quy định 100% phản ánh, kiến nghị của cá nhân, tổ chức.');
  }
  lines.push(
    'Đẩy mạnh tuyên truyền, hướng dẫn cá nhân, tổ chức sử dụng dịch vụ công trực tuyến mức độ 3, 4 ' +
      'và dịch vụ bưu chính công ích trong giải quyết TTHC.',
  );
  return lines;
}
