import ExcelJS from 'exceljs';

import type { ReportModel } from '../report.model';
import { addAnnexSheet } from './xlsx-annex';
import {
  addReportSheet,
  budgetTable,
  objectivesTable,
  serviceIndexSheet,
  servicesTable,
  tasksTable,
} from './xlsx-sheets';
import { addTable } from './xlsx-table';

// One worksheet per table of the report. Figures are numbers and ratios fractions with a percent
// format, so the office can re-total and chart them; every sheet prints on A4 as delivered.

export async function renderXlsx(model: ReportModel): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = model.agency.name;
  // The model's own time, so that one model always gives the same workbook properties.
  wb.created = new Date(model.version.issuedAt ?? model.generatedAt);
  wb.modified = wb.created;
  wb.title = `${model.header.title[0]} ${model.header.title[1]}`;

  addReportSheet(wb, model);
  addAnnexSheet(wb, model.annex);
  addTable(wb, tasksTable(model));
  addTable(wb, objectivesTable(model));
  addTable(wb, servicesTable(model));
  const index = model.parts.flatMap((p) => p.blocks).find((b) => b.kind === 'table');
  if (index?.kind === 'table') addTable(wb, serviceIndexSheet(model, index.table));
  addTable(wb, budgetTable(model));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
