import type { KpiWindow, REPORT_FORMATS } from '@cchc/contracts';
import type { ReportModel } from './report.model';
import { renderDocx } from './render/render-docx';
import { renderXlsx } from './render/render-xlsx';

export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const MEDIA_TYPES: Record<ReportFormat, string> = {
  json: 'application/json',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** Which report: a period, its window, and optionally one unit for the TTHC figures. */
export interface ReportKey {
  period: string;
  window: KpiWindow;
  unit?: string;
}

/** `bao-cao-cchc-2021-Q1.docx`; `-nd09` for the Decree 09 window, `-<unit>` for a unit's report. */
export function reportFileName(key: ReportKey, format: ReportFormat): string {
  const window = key.window === 'decree09' ? '-nd09' : '';
  const unit = key.unit ? `-${key.unit}` : '';
  return `bao-cao-cchc-${key.period}${window}${unit}.${format}`;
}

/** The file of one format, rendered from the model alone. */
export async function renderFile(model: ReportModel, format: ReportFormat): Promise<Buffer> {
  switch (format) {
    case 'json':
      return Buffer.from(JSON.stringify(model), 'utf8');
    case 'xlsx':
      return renderXlsx(model);
    case 'docx':
      return renderDocx(model);
  }
}
