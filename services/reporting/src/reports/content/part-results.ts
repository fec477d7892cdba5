import type {
  ReportBlock,
  ReportBudget,
  ReportModel,
  ReportPart,
  ReportSection,
  ReportTask,
  ReportTaskStatus,
} from '../report.model';
import { TASK_STATUS_LABELS } from '../report.model';
import {
  describeAnomalies,
  describeApology,
  describeDossiers,
  describeFeedback,
  describeOnline,
  describePostal,
  describeServiceIndex,
  serviceIndexTable,
} from './tthc-sentences';
import { formatDate, formatNumber, sentenceCase } from './vietnamese-format';

export type PartInput = Pick<
  ReportModel,
  'period' | 'agency' | 'plan' | 'objectives' | 'tasks' | 'sections' | 'tthc' | 'budget'
>;

const h = (level: 1 | 2 | 3, text: string): ReportBlock => ({ kind: 'heading', level, text });
const p = (text: string): ReportBlock => ({ kind: 'paragraph', text });
const item = (text: string): ReportBlock => ({ kind: 'item', text });

/** The plan's section I (steering): "CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH", or the one numbered I. */
export function directionSection(sections: ReportSection[]): ReportSection | undefined {
  return (
    sections.find((s) => /CHỈ ĐẠO/u.test(s.title.toLocaleUpperCase('vi'))) ??
    sections.find((s) => s.code === 'I')
  );
}

function tthcSection(sections: ReportSection[]): ReportSection | undefined {
  return (
    sections.find((s) => /THỦ TỤC HÀNH CHÍNH/u.test(s.title.toLocaleUpperCase('vi'))) ??
    sections.find((s) => s.code === 'III')
  );
}

/** I. Công tác chỉ đạo, điều hành: the plan itself and the tasks of its steering section. */
export function directionPart(input: PartInput): ReportPart {
  const d = input.plan.decision;
  const number = d.number.includes('/') ? d.number : `${d.number}/QĐ-${input.agency.abbreviation}`;
  const blocks: ReportBlock[] = [
    p(
      `${input.agency.displayName} ban hành ${input.plan.title} tại Quyết định số ${number} ngày ` +
        `${formatDate(d.date)} của ${d.issuer}.`,
    ),
    ...describePlanProgress(input),
  ];
  const section = directionSection(input.sections);
  if (section !== undefined) {
    blocks.push(p(describeSectionProgress(section)), ...section.tasks.map((t) => item(describeTask(t))));
  }
  return { code: 'I', title: 'I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH', blocks };
}

/** II. Kết quả thực hiện: one heading per reform area of the plan; TTHC with the live figures. */
export function resultsPart(input: PartInput): ReportPart {
  const steering = directionSection(input.sections);
  const areas = input.sections.filter((s) => s !== steering);
  const tthc = tthcSection(areas);
  const blocks: ReportBlock[] = [];
  areas.forEach((section, i) => {
    blocks.push(h(2, `${i + 1}. ${sentenceCase(section.title)}`));
    blocks.push(p(describeSectionProgress(section)));
    blocks.push(...section.tasks.map((t) => item(describeTask(t))));
    if (section === tthc) blocks.push(...tthcBlocks(input));
  });
  let next = areas.length + 1;
  if (tthc === undefined) {
    blocks.push(h(2, `${next}. Cải cách thủ tục hành chính`), ...tthcBlocks(input));
    next += 1;
  }
  blocks.push(
    h(2, `${next}. Kinh phí thực hiện`),
    p(describeBudget(input.budget, input.plan.year)),
    // The system knows the planned amounts only; what was spent comes from the accounts.
    {
      kind: 'placeholder',
      text: `Văn phòng Sở bổ sung kinh phí đã sử dụng đến ngày ${formatDate(input.period.to)}.`,
    },
  );
  return { code: 'II', title: 'II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH', blocks };
}

function tthcBlocks(input: PartInput): ReportBlock[] {
  const k = input.tthc.department;
  const scope = input.tthc.scope;
  const blocks: ReportBlock[] = [
    h(3, 'a) Kết quả giải quyết thủ tục hành chính'),
    ...(scope === null ? [] : [p(`Số liệu giải quyết thủ tục hành chính của ${scope.unitName}.`)]),
    ...describeDossiers(k).map(item),
    p('(Chi tiết tại Biểu số II.06a kèm theo Báo cáo này.)'),
    h(3, 'b) Thực hiện xin lỗi tổ chức, cá nhân khi giải quyết TTHC trễ hạn'),
    ...describeApology(k).map(item),
    h(3, 'c) Cung cấp dịch vụ công trực tuyến'),
    ...describeOnline(k).map(item),
    h(3, 'd) Tiếp nhận hồ sơ, trả kết quả qua dịch vụ bưu chính công ích'),
    item(describePostal(k)),
    h(3, 'đ) Tiếp nhận, xử lý phản ánh, kiến nghị'),
    ...describeFeedback(k).map(item),
  ];
  const index = input.tthc.serviceIndex;
  if (index !== null) {
    blocks.push(
      h(3, 'e) Bộ chỉ số phục vụ người dân, doanh nghiệp (Quyết định số 766/QĐ-TTg)'),
      item(describeServiceIndex(index)),
      { kind: 'table', table: serviceIndexTable(index) },
    );
  }
  const anomalies = describeAnomalies(input.tthc.anomalies);
  if (anomalies !== null)
    blocks.push(h(3, `${index === null ? 'e' : 'g'}) Chất lượng dữ liệu`), item(anomalies));
  return blocks;
}

/** Plan-wide task counts at the cut-off. */
export function describePlanProgress(input: Pick<PartInput, 'plan' | 'period' | 'tasks'>): ReportBlock[] {
  const { total, byStatus } = input.tasks;
  if (total === 0) return [];
  const asOf = `Đến ngày ${formatDate(input.period.to)}`;
  return [p(`${asOf}, Kế hoạch có ${formatNumber(total)} nhiệm vụ: ${statusList(byStatus)}.`)];
}

const STATUS_ORDER: ReportTaskStatus[] = [
  'completed',
  'in_progress',
  'not_started',
  'overdue',
  'not_reported',
  'not_applicable',
];

function statusList(byStatus: Record<ReportTaskStatus, number>): string {
  return STATUS_ORDER.filter((s) => byStatus[s] > 0)
    .map((s) => `${TASK_STATUS_LABELS[s].toLocaleLowerCase('vi')} ${formatNumber(byStatus[s])}`)
    .join(', ');
}

/** One plan section's task counts: "Kế hoạch đề ra 3 nhiệm vụ: đã hoàn thành 1, chưa báo cáo 2." */
export function describeSectionProgress(section: ReportSection): string {
  if (section.total === 0) return 'Kế hoạch không đề ra nhiệm vụ thuộc lĩnh vực này.';
  return `Kế hoạch đề ra ${formatNumber(section.total)} nhiệm vụ: ${statusList(section.byStatus)}.`;
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
      state = 'chưa triển khai (theo báo cáo của đơn vị)';
      break;
    case 'overdue':
      state =
        `chậm tiến độ so với thời gian đề ra (${t.timeframe})` +
        (t.progress && t.progress.percent > 0 ? `, đạt ${formatNumber(t.progress.percent)}%` : '');
      break;
    case 'not_reported':
      state = 'chưa báo cáo kết quả trong kỳ';
      break;
    case 'not_applicable':
      state = 'không phát sinh trong kỳ';
      break;
  }
  // A stale note would describe another period; only this period's report speaks here.
  const current = t.status !== 'not_reported' && t.status !== 'not_applicable';
  const note = current && t.progress?.note ? ` ${ensurePeriod(t.progress.note)}` : '';
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

/** The plan's budget in words: total, then each section that has one. */
export function describeBudget(budget: ReportBudget, year: number): string {
  const million = (v: number) => `${formatNumber(v, 2)} triệu đồng`;
  const parts = budget.bySection
    .filter((s) => s.plannedMillionVnd > 0)
    .map((s) => `${sentenceCase(s.title)} ${million(s.plannedMillionVnd)}`);
  const detail = parts.length > 0 ? `, trong đó: ${parts.join('; ')}` : '';
  return `Kinh phí được giao thực hiện Kế hoạch cải cách hành chính năm ${year} là ${million(budget.plannedMillionVnd)}${detail}.`;
}
