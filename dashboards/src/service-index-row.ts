// Leadership row for the QĐ 766 service index and data quality (contract revision 2): the gauges
// tthc-metrics computes for the current quarter from the database (architecture.md §5b).
import { Metrics } from '@cchc/contracts';
import { BLUE, GREEN, ORANGE, RED, UNIT, ZERO_IS_GOOD, barPanel, db, statPanel, steps } from './presets';

export function serviceIndexNormalized() {
  return statPanel({
    title: 'Chỉ số phục vụ người dân, doanh nghiệp (QĐ 766), quý này',
    description:
      'Điểm Bộ chỉ số QĐ 766/QĐ-TTg quy về thang 100 trên các chỉ số hệ thống đo được từ dữ liệu hồ sơ (không gồm các chỉ số công khai TTHC, đồng bộ Cổng DVCQG, thanh toán tích hợp, kho dữ liệu). Chi tiết từng chỉ số: GET /api/v1/tthc/service-index.',
    queries: [{ expr: `max(${Metrics.tthcServiceIndexNormalized.name})`, legend: 'Điểm (thang 100)' }],
    unit: 'none',
    decimals: 2,
    thresholds: steps({ value: null, color: RED }, { value: 50, color: ORANGE }, { value: 80, color: GREEN }),
    background: true,
    w: 6,
  });
}

export function serviceIndexGroups() {
  return barPanel({
    title: 'Điểm theo nhóm chỉ số QĐ 766 (quý này)',
    description:
      'Điểm của từng nhóm trên các chỉ số đo được: 2 Tiến độ, kết quả giải quyết (tối đa 20); 3 Cung cấp dịch vụ trực tuyến (22); 4 Số hóa hồ sơ (22); 5 Mức độ hài lòng (18). Nhóm 1 Công khai, minh bạch không đo được từ dữ liệu hồ sơ.',
    queries: [{ expr: db(Metrics.tthcServiceIndexScore), legend: 'Nhóm {{group}}' }],
    unit: 'none',
    min: 0,
    max: 22,
    thresholds: steps({ value: null, color: BLUE }),
    w: 6,
  });
}

export function dossiersWithAnomalies() {
  return statPanel({
    title: 'Hồ sơ có bất thường dữ liệu (quý này)',
    description:
      'Hồ sơ trong kỳ có ít nhất một bất thường: hẹn trả vào ngày nghỉ, vượt thời hạn luật định, ngoài phạm vi lịch làm việc, thư xin lỗi sau hạn, yêu cầu bổ sung lần hai, kết thúc trước khi tiếp nhận. Danh sách: GET /api/v1/tthc/dossiers/anomalies.',
    queries: [{ expr: `sum(${db(Metrics.tthcDossiersWithAnomalies, UNIT)})`, legend: 'Hồ sơ bất thường' }],
    thresholds: ZERO_IS_GOOD(),
    background: true,
    w: 6,
  });
}

export function anomaliesByKind() {
  return barPanel({
    title: 'Bất thường dữ liệu theo loại (quý này)',
    description:
      'Số hồ sơ trong kỳ có từng loại bất thường (một hồ sơ có thể có nhiều loại): due-date-not-working-day hẹn trả vào ngày nghỉ; due-date-beyond-duration vượt thời hạn; date-outside-calendar ngoài phạm vi lịch; apology-after-due-date thư xin lỗi sau hạn; supplement-requested-repeatedly bổ sung lần hai; end-before-receipt kết thúc trước khi tiếp nhận.',
    queries: [{ expr: db(Metrics.tthcDossierAnomalies), legend: '{{anomaly}}' }],
    thresholds: steps({ value: null, color: BLUE }),
    w: 6,
  });
}
