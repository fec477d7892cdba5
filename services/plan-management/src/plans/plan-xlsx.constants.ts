// The plan as a workbook (architecture.md §6, revision 2): its table in the shape the decision's
// appendix prints it, under section and group headings, and the plan's other parts on their own
// sheets, so that an exported plan imports back as the same plan.

export const PLAN_SHEET = 'Kế hoạch';
export const INFO_SHEET = 'Thông tin';
export const OBJECTIVES_SHEET = 'Mục tiêu';
export const REQUIREMENTS_SHEET = 'Yêu cầu';
export const UNITS_SHEET = 'Đơn vị';

/** The appendix's columns, in order (column A … G). */
export const PLAN_COLUMNS = [
  'STT',
  'Nội dung',
  'Sản phẩm',
  'Đơn vị chủ trì',
  'Đơn vị phối hợp',
  'Thời gian',
  'Kinh phí (triệu đồng)',
] as const;

/** The "Thông tin" sheet: one label and value per row, in this order. */
export const INFO_ROWS = {
  year: 'Năm',
  title: 'Tên kế hoạch',
  number: 'Số quyết định',
  date: 'Ngày quyết định (YYYY-MM-DD)',
  issuer: 'Cơ quan ban hành',
  signer: 'Người ký',
  signerTitle: 'Chức vụ người ký',
} as const;

export const OBJECTIVE_COLUMNS = [
  'Mã',
  'Nội dung',
  'Chỉ tiêu',
  'Đơn vị tính',
  'Chỉ số đo (KPI)',
  'Nhiệm vụ liên kết',
] as const;
export const REQUIREMENT_COLUMNS = ['Mã', 'Nội dung'] as const;
export const UNIT_COLUMNS = ['Mã', 'Tên', 'Tên khác'] as const;

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Several values in one cell (products, units) are one per line, as the printed table has them. */
export const CELL_LIST_SEPARATOR = '\n';
