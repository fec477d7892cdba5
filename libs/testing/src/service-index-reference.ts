// Reference implementation of the QĐ 766 service index (architecture.md §5b, revision 2), from the
// raw CloudEvents and the catalog, written from the contract text. Naive on purpose; shares no code
// with services/**.
import type { KpiWindow, ServiceIndexResult, ServiceIndicator } from '@cchc/contracts';
import { computeReferenceKpis, proceduresAt, scopedDossiers, assembleFeedback } from './kpi-reference';
import {
  assembleDossiers,
  versionAt,
  WEEKDAY_CALENDAR,
  type ReferenceCalendar,
  type ReferenceCatalogEntry,
} from './reference-dossiers';
import { parseAll } from './reference-events';

export interface ReferenceServiceIndexQuery {
  from: string;
  to: string;
  window: KpiWindow;
  unit?: string;
}

const GROUPS: Array<{ code: '1' | '2' | '3' | '4' | '5'; name: string; max: number }> = [
  { code: '1', name: 'Công khai, minh bạch', max: 18 },
  { code: '2', name: 'Tiến độ, kết quả giải quyết', max: 20 },
  { code: '3', name: 'Cung cấp dịch vụ trực tuyến', max: 22 },
  { code: '4', name: 'Số hóa hồ sơ', max: 22 },
  { code: '5', name: 'Mức độ hài lòng', max: 18 },
];

// Code, name, max, target (domain.md §3); null counts = not measured here.
const INDICATORS: Array<[string, string, number, number]> = [
  ['1.1', 'TTHC công bố đúng hạn', 6, 1],
  ['1.2', 'TTHC cập nhật, công khai đúng hạn trên CSDLQG', 4, 1],
  ['1.3', 'TTHC công khai đầy đủ bộ phận tạo thành', 2, 1],
  ['1.4', 'Hồ sơ đồng bộ lên Cổng DVCQG', 6, 1],
  ['2.1', 'Hồ sơ xử lý trước hạn, đúng hạn', 20, 1],
  ['2.2', 'Thời gian giải quyết trung bình theo TTHC', 0, 1],
  ['3.1', 'TTHC cung cấp dịch vụ công trực tuyến', 2, 0.8],
  ['3.2', 'Dịch vụ công trực tuyến có phát sinh hồ sơ', 4, 1],
  ['3.3', 'Hồ sơ nộp trực tuyến', 6, 0.5],
  ['3.5a', 'TTHC có nghĩa vụ tài chính tích hợp thanh toán trên DVCQG', 2, 0.8],
  ['3.5b', 'TTHC có giao dịch thanh toán trực tuyến', 2, 0.8],
  ['3.6', 'Hồ sơ thanh toán trực tuyến', 6, 1],
  ['4.1', 'Hồ sơ có kết quả điện tử', 6, 1],
  ['4.2', 'Hồ sơ số hóa', 4, 0.8],
  ['4.3', 'Khai thác, sử dụng lại dữ liệu số hóa', 2, 0.8],
  ['4.4', 'Số hóa kết nối kho dữ liệu cá nhân trên Cổng DVCQG', 4, 1],
  ['4.5', 'Sử dụng dữ liệu dân cư, chứng thực bản sao điện tử', 6, 1],
  ['5.1', 'Phản ánh, kiến nghị theo phân loại', 0, 1],
  ['5.2', 'Phản ánh, kiến nghị xử lý đúng hạn', 6, 1],
  ['5.3', 'Hài lòng trong xử lý phản ánh, kiến nghị', 6, 1],
  ['5.4', 'Hài lòng trong tiếp nhận, giải quyết TTHC', 6, 0.9],
];

const round2 = (x: number): number => Math.round(x * 100 + 1e-9) / 100;

function onlineServiceOf(p: ReferenceCatalogEntry): 'none' | 'partial' | 'full' {
  return p.onlineService ?? (p.level === 4 ? 'full' : p.level === 3 ? 'partial' : 'none');
}

/** The service index of architecture.md §5b computed from raw events. */
export function computeReferenceServiceIndex(
  events: unknown[],
  query: ReferenceServiceIndexQuery,
  catalog: ReferenceCatalogEntry[],
  calendar: ReferenceCalendar = WEEKDAY_CALENDAR,
): ServiceIndexResult {
  const { from, to } = query;
  const unit = query.unit ?? null;
  const kpis = computeReferenceKpis(events, query, catalog, calendar);
  const parsed = parseAll(events);
  const dossiers = assembleDossiers(parsed, catalog, calendar);
  const scoped = scopedDossiers(dossiers, query);
  const flags = (code: string) => versionAt(catalog, code, to);
  const procedures = proceduresAt(parsed, catalog, to).filter((p) => unit === null || p.unitCode === unit);
  const onlineServices = procedures.filter((p) => onlineServiceOf(p) !== 'none');

  const receivedInPeriod = scoped.filter(({ d }) => d.receivedDate >= from).map(({ d }) => d);
  const resolvedInPeriod = scoped
    .filter(({ bucket }) => bucket === 'early' || bucket === 'onTime' || bucket === 'late')
    .map(({ d }) => d);
  const eResultByTo = (d: (typeof receivedInPeriod)[number]) =>
    d.end !== null && d.end.kind === 'resolved' && d.end.eResult && d.end.date <= to;
  const paperRequired = (d: (typeof receivedInPeriod)[number]) =>
    flags(d.procedureCode)?.paperResultRequired === true;

  const counts = new Map<string, [number, number]>();
  const k = kpis;
  counts.set('2.1', [
    k.resolved.early + k.resolved.onTime + k.pending.withinTime + k.pending.awaitingSupplement,
    k.resolved.total + k.pending.total,
  ]);
  counts.set('3.1', [onlineServices.length, procedures.length]);
  counts.set('3.2', [
    onlineServices.filter((p) =>
      receivedInPeriod.some((d) => d.procedureCode === p.code && d.channel === 'online'),
    ).length,
    onlineServices.length,
  ]);
  counts.set('3.3', [
    receivedInPeriod.filter((d) => d.channel === 'online' && (!paperRequired(d) || eResultByTo(d))).length,
    receivedInPeriod.length,
  ]);
  const feeBearing = receivedInPeriod.filter((d) => flags(d.procedureCode)?.feeBearing === true);
  counts.set('3.6', [
    feeBearing.filter((d) => d.paidOnlineDates.some((x) => x <= to)).length,
    feeBearing.length,
  ]);
  const resolvedPaper = resolvedInPeriod.filter(paperRequired);
  counts.set('4.1', [resolvedPaper.filter((d) => d.end?.eResult === true).length, resolvedPaper.length]);
  counts.set('4.2', [
    receivedInPeriod.filter((d) => d.digitized && (!paperRequired(d) || eResultByTo(d))).length,
    receivedInPeriod.length,
  ]);
  counts.set('4.3', [receivedInPeriod.filter((d) => d.reusedData).length, receivedInPeriod.length]);

  const feedback = assembleFeedback(parsed);
  const paknResolved = feedback.filter(
    (f) =>
      (unit === null || f.unitCode === unit) &&
      f.resolvedDate !== null &&
      from <= f.resolvedDate &&
      f.resolvedDate <= to,
  );
  const onTime = paknResolved.filter((f) => (f.resolvedDate as string) <= f.dueDate);
  counts.set('5.2', [onTime.length, paknResolved.length]);
  counts.set('5.3', [onTime.filter((f) => f.satisfaction !== 'dissatisfied').length, paknResolved.length]);
  const withPakn = new Set(feedback.filter((f) => f.receivedDate <= to).map((f) => f.dossierCode));
  const r = resolvedInPeriod.filter(
    (d) => d.dissatisfiedDates.some((x) => x <= to) || withPakn.has(d.code),
  ).length;
  counts.set('5.4', [Math.max(0, k.resolved.total - k.resolved.late - r), k.resolved.total]);

  const indicators: ServiceIndicator[] = INDICATORS.map(([code, name, max, target]) => {
    const c = counts.get(code);
    if (c === undefined) {
      return {
        code,
        name,
        numerator: null,
        denominator: null,
        ratio: null,
        target,
        max,
        score: null,
        reason: 'not measured',
      };
    }
    const [numerator, denominator] = c;
    const ratio = denominator === 0 ? null : numerator / denominator;
    const score = ratio === null ? null : round2(Math.min(max, (max * ratio) / target));
    return { code, name, numerator, denominator, ratio, target, max, score };
  });

  let total = 0;
  let maxMeasured = 0;
  const groups = GROUPS.map((g) => {
    const mine = indicators.filter((i) => i.code.split('.')[0] === g.code);
    const scored = mine.filter((i) => i.score !== null);
    for (const i of scored) {
      total += i.score as number;
      maxMeasured += i.max;
    }
    const score = scored.length === 0 ? null : round2(scored.reduce((s, i) => s + (i.score as number), 0));
    return { ...g, score, indicators: mine };
  });
  const score = round2(total);
  return {
    period: { from, to, window: query.window },
    scope: { unit },
    groups,
    total: { score, maxMeasured, normalized: maxMeasured === 0 ? null : round2((100 * score) / maxMeasured) },
  };
}
