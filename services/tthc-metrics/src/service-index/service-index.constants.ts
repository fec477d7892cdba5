// The QĐ 766/QĐ-TTg service index (architecture.md §5b; domain.md §3): groups and indicators with
// their maxima and targets (the ratio that earns the maximum). Names are those of the national
// portal, in Vietnamese, as leadership reads them.
import type { ServiceIndexGroupCode } from '@cchc/contracts';

export interface IndicatorDefinition {
  code: string;
  name: string;
  max: number;
  target: number;
  /** False for indicators this system cannot compute from the events (listed with a reason). */
  measured: boolean;
}

export const SERVICE_INDEX_GROUP_DEFINITIONS: ReadonlyArray<{
  code: ServiceIndexGroupCode;
  name: string;
  max: number;
}> = [
  { code: '1', name: 'Công khai, minh bạch', max: 18 },
  { code: '2', name: 'Tiến độ, kết quả giải quyết', max: 20 },
  { code: '3', name: 'Cung cấp dịch vụ trực tuyến', max: 22 },
  { code: '4', name: 'Số hóa hồ sơ', max: 22 },
  { code: '5', name: 'Mức độ hài lòng', max: 18 },
];

const m = (code: string, name: string, max: number, target = 1): IndicatorDefinition => ({
  code,
  name,
  max,
  target,
  measured: true,
});
const u = (code: string, name: string, max: number, target = 1): IndicatorDefinition => ({
  code,
  name,
  max,
  target,
  measured: false,
});

export const INDICATOR_DEFINITIONS: readonly IndicatorDefinition[] = [
  u('1.1', 'TTHC công bố đúng hạn', 6),
  u('1.2', 'TTHC cập nhật, công khai đúng hạn trên CSDLQG', 4),
  u('1.3', 'TTHC công khai đầy đủ bộ phận tạo thành', 2),
  u('1.4', 'Hồ sơ đồng bộ lên Cổng DVCQG', 6),
  m('2.1', 'Hồ sơ xử lý trước hạn, đúng hạn', 20),
  u('2.2', 'Thời gian giải quyết trung bình theo TTHC', 0),
  m('3.1', 'TTHC cung cấp dịch vụ công trực tuyến', 2, 0.8),
  m('3.2', 'Dịch vụ công trực tuyến có phát sinh hồ sơ', 4),
  m('3.3', 'Hồ sơ nộp trực tuyến', 6, 0.5),
  u('3.5a', 'TTHC có nghĩa vụ tài chính tích hợp thanh toán trên DVCQG', 2, 0.8),
  u('3.5b', 'TTHC có giao dịch thanh toán trực tuyến', 2, 0.8),
  m('3.6', 'Hồ sơ thanh toán trực tuyến', 6),
  m('4.1', 'Hồ sơ có kết quả điện tử', 6),
  m('4.2', 'Hồ sơ số hóa', 4, 0.8),
  m('4.3', 'Khai thác, sử dụng lại dữ liệu số hóa', 2, 0.8),
  u('4.4', 'Số hóa kết nối kho dữ liệu cá nhân trên Cổng DVCQG', 4),
  u('4.5', 'Sử dụng dữ liệu dân cư, chứng thực bản sao điện tử', 6),
  u('5.1', 'Phản ánh, kiến nghị theo phân loại', 0),
  m('5.2', 'Phản ánh, kiến nghị xử lý đúng hạn', 6),
  m('5.3', 'Hài lòng trong xử lý phản ánh, kiến nghị', 6),
  m('5.4', 'Hài lòng trong tiếp nhận, giải quyết TTHC', 6, 0.9),
];

/** Two decimals, half away from zero (the small epsilon absorbs binary noise such as 1.005). */
export function round2(x: number): number {
  return Math.round(x * 100 + 1e-9) / 100;
}

/** QĐ 766 scoring: min(max, max × ratio / target), 2 decimals; null ratio → null score. */
export function scoreOf(ratio: number | null, max: number, target: number): number | null {
  return ratio === null ? null : round2(Math.min(max, (max * ratio) / target));
}
