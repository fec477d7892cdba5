import type {
  ReportAgency,
  ReportHeader,
  ReportPeriod,
  ReportSignature,
  ReportVersion,
} from '../report.model';
import { formatDate, formatLongDate, vietnamDay } from './vietnamese-format';

/** "Số: …/BC-SGDĐT" to fill in by hand, or the number the office assigned. */
export function documentNumberLine(agency: ReportAgency, documentNumber: string | null): string {
  const suffix = `/BC-${agency.abbreviation}`;
  if (documentNumber === null) return `Số: …${suffix}`;
  return `Số: ${documentNumber.includes('/') ? documentNumber : `${documentNumber}${suffix}`}`;
}

/**
 * "Đắk Nông, ngày … tháng … năm …" with dots to write on for a draft; an issued report carries the
 * day it was frozen (its `issuedAt`, kept in the snapshot), never the day it is downloaded.
 */
export function dateLine(agency: ReportAgency, issuedAt: string | null): string {
  if (issuedAt === null) return `${agency.place}, ngày … tháng … năm …`;
  return `${agency.place}, ${formatLongDate(vietnamDay(issuedAt))}`;
}

export function buildHeader(
  agency: ReportAgency,
  period: ReportPeriod,
  version: Pick<ReportVersion, 'issuedAt' | 'documentNumber'>,
): ReportHeader {
  return {
    parent: agency.parent,
    agency: agency.name,
    motto: ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'],
    number: documentNumberLine(agency, version.documentNumber),
    dateLine: dateLine(agency, version.issuedAt),
    title: ['BÁO CÁO', `Kết quả thực hiện công tác cải cách hành chính ${period.label}`],
    dataWindow: `(Số liệu từ ngày ${formatDate(period.from)} đến ngày ${formatDate(period.to)})`,
    deadline:
      `Hạn gửi báo cáo: ngày ${formatDate(period.deadline)} (${period.deadlineWorkingDays} ngày làm việc ` +
      `sau ngày chốt số liệu ${formatDate(period.to)}).`,
  };
}

/** Decree 30/2020 Appendix I: "Nơi nhận" beside the signer; a deputy signs "KT. GIÁM ĐỐC". */
export function buildSignature(title: string[], signer: string): ReportSignature {
  return {
    recipientsTitle: 'Nơi nhận:',
    recipients: [
      '- UBND tỉnh (b/c);',
      '- Sở Nội vụ (để tổng hợp);',
      '- Giám đốc, các PGĐ Sở;',
      '- Lưu: VT, VP.',
    ],
    title: title.map((line) => line.toLocaleUpperCase('vi')),
    signer,
  };
}
