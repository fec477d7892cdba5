import { createHash } from 'node:crypto';

import type { KpiByUnitResult, KpiResult, KpiWindow, PlanSummary, PlanView } from '@cchc/contracts';

import { buildAnnex, type ProcedureFigures } from './content/annex';
import { assessmentPart } from './content/part-assessment';
import { outlookPart, proposalsPart } from './content/part-outlook';
import { directionPart, resultsPart, type PartInput } from './content/part-results';
import { buildHeader, buildSignature, dateLine } from './content/report-header';
import { buildSections, countByStatus, toReportObjective } from './content/report-tasks';
import { anomaliesOf } from './content/tthc-sentences';
import { formatDate } from './content/vietnamese-format';
import {
  DEFAULT_AGENCY,
  REPORT_MODEL_SCHEMA_VERSION,
  type ReportAgency,
  type ReportBudget,
  type ReportModel,
  type ReportSection,
  type ReportServiceIndex,
  type ReportTthcTarget,
} from './report.model';
import { nextReportPeriod, submissionDeadline } from './report-periods';

export interface BuildReportInput {
  periodCode: string;
  from: string;
  to: string;
  window: KpiWindow;
  label: string;
  plan: PlanView;
  summary: PlanSummary;
  kpis: KpiByUnitResult;
  /** Unit code → name as it should read in the report ("Phòng Giáo dục Trung học"). */
  unitNames: Record<string, string>;
  generatedAt: string;
  agency?: ReportAgency;
  /**
   * Unit code when the TTHC figures are scoped to one unit: `kpis.total` then holds that unit's
   * figures and the per-unit rows are left out (they would repeat the total).
   */
  scopeUnit?: string | null;
  /** Working days between the cut-off and the submission deadline (REPORT_DEADLINE_DAYS). */
  deadlineWorkingDays?: number;
  /** REPORT_SIGNER_TITLE lines; default "KT. GIÁM ĐỐC" over "PHÓ GIÁM ĐỐC". */
  signerTitle?: string[];
  /** Default: the signer of the plan's decision. */
  signerName?: string;
  /** Per-procedure figures for the annex rows by lĩnh vực; null or absent: rows by unit only. */
  byProcedure?: ProcedureFigures[] | null;
  serviceIndex?: ReportServiceIndex | null;
}

/** Builds the whole report from its sources: every section once, for every format. */
export function buildReport(input: BuildReportInput): ReportModel {
  const { plan } = input;
  const agency = input.agency ?? DEFAULT_AGENCY;
  const deadlineWorkingDays = input.deadlineWorkingDays ?? 2;
  const period = {
    code: input.periodCode,
    from: input.from,
    to: input.to,
    window: input.window,
    label: input.label,
    deadline: submissionDeadline(input.to, deadlineWorkingDays),
    deadlineWorkingDays,
    next: nextReportPeriod(input.periodCode, input.window),
  };
  const sections = buildSections(plan, period);
  const allTasks = sections.flatMap((s) => s.tasks);
  const department = input.kpis.total;
  const scopeUnit = input.scopeUnit ?? null;
  const unitName = (unit: string) => input.unitNames[unit] ?? unit;
  const perUnit =
    scopeUnit === null
      ? input.kpis.units.map(({ unit, kpis }) => ({ unit, unitName: unitName(unit), kpis }))
      : [];

  const content: PartInput = {
    period,
    agency,
    plan: { id: plan.id, year: plan.year, title: plan.title, decision: { ...plan.decision } },
    objectives: plan.objectives.map(toReportObjective),
    tasks: { total: allTasks.length, byStatus: countByStatus(allTasks) },
    sections,
    tthc: {
      department,
      perUnit,
      targets: tthcTargets(department),
      scope: scopeUnit === null ? null : { unit: scopeUnit, unitName: unitName(scopeUnit) },
      anomalies: anomaliesOf(department),
      serviceIndex: input.serviceIndex ?? null,
    },
    budget: buildBudget(input.summary, sections),
  };
  const version = {
    status: 'draft' as const,
    version: null,
    contentHash: null,
    issuedAt: null,
    documentNumber: null,
  };
  const annexUnits =
    scopeUnit === null ? perUnit : [{ unit: scopeUnit, unitName: unitName(scopeUnit), kpis: department }];

  return {
    schemaVersion: REPORT_MODEL_SCHEMA_VERSION,
    ...content,
    generatedAt: input.generatedAt,
    header: buildHeader(agency, period, version),
    introduction:
      `Thực hiện ${plan.title} (Quyết định số ${decisionNumber(plan, agency)} ngày ${formatDate(plan.decision.date)} ` +
      `của ${plan.decision.issuer}), ${agency.displayName} báo cáo kết quả thực hiện công tác cải cách hành chính ` +
      `${period.label} như sau:`,
    parts: [
      directionPart(content),
      resultsPart(content),
      assessmentPart(content),
      outlookPart(content),
      proposalsPart(),
    ],
    closing:
      `Trên đây là báo cáo kết quả thực hiện công tác cải cách hành chính ${period.label} ` +
      `của ${agency.displayName}./.`,
    signature: buildSignature(
      input.signerTitle ?? ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC'],
      input.signerName ?? plan.decision.signer,
    ),
    annex: buildAnnex({
      agency,
      period,
      total: department,
      units: annexUnits,
      byProcedure: input.byProcedure ?? null,
      dateLine: dateLine(agency, null),
    }),
    version,
  };
}

function decisionNumber(plan: PlanView, agency: ReportAgency): string {
  const n = plan.decision.number;
  return n.includes('/') ? n : `${n}/QĐ-${agency.abbreviation}`;
}

/**
 * Freezes a draft: the returned copy carries its version, issue time and content hash, and its
 * date lines show the issue date from then on.
 */
export function markIssued(
  model: ReportModel,
  issue: { version: number; issuedAt: string; documentNumber?: string | null },
): ReportModel {
  const version = {
    status: 'issued' as const,
    version: issue.version,
    issuedAt: issue.issuedAt,
    documentNumber: issue.documentNumber ?? null,
    contentHash: hashReportContent(model),
  };
  return {
    ...model,
    header: buildHeader(model.agency, model.period, version),
    annex: { ...model.annex, dateLine: dateLine(model.agency, issue.issuedAt) },
    version,
  };
}

/**
 * sha256 (hex) of the report's content in canonical JSON (sorted keys). Leaves out `version`
 * (it holds the hash), `generatedAt`, and the header and annex date lines, which follow the
 * version: two snapshots of unchanged data hash the same.
 */
export function hashReportContent(model: ReportModel): string {
  const {
    version: _version,
    generatedAt: _generatedAt,
    header: _header,
    annex: { dateLine: _dateLine, ...annex },
    ...content
  } = model;
  return createHash('sha256')
    .update(canonicalJson({ ...content, annex }))
    .digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function tthcTargets(k: KpiResult): ReportTthcTarget[] {
  const target = (key: ReportTthcTarget['key'], label: string, actual: number | null): ReportTthcTarget => ({
    key,
    label,
    target: 1,
    actual,
    met: actual === null ? null : actual >= 1,
  });
  // The plan's 100% targets: task III.4 (on time), III.5.2 (apology letters), III.5.1 (PAKN).
  return [
    target('onTimeRate', 'Tỷ lệ hồ sơ TTHC giải quyết đúng hạn', k.onTimeRate),
    target('apologyCoverage', 'Tỷ lệ hồ sơ trễ hạn có văn bản xin lỗi', k.apology.coverage),
    target('feedbackOnTimeRate', 'Tỷ lệ phản ánh, kiến nghị được xử lý đúng hạn', k.feedback.onTimeRate),
  ];
}

function buildBudget(summary: PlanSummary, sections: ReportSection[]): ReportBudget {
  const items = sections.flatMap((s) =>
    s.tasks
      .filter((t) => t.budgetMillionVnd !== null && t.budgetMillionVnd !== 0)
      .map((t) => ({
        code: t.code,
        section: s.code,
        content: t.content,
        plannedMillionVnd: t.budgetMillionVnd!,
      })),
  );
  const fromSummary = new Map(summary.budget.bySection.map((b) => [b.section, b.plannedMillionVnd]));
  return {
    // plan-management's figures: the plan's "Tổng cộng" row, which the task rows need not add up to.
    plannedMillionVnd: summary.budget.plannedMillionVnd,
    bySection: sections.map((s) => ({
      section: s.code,
      title: s.title,
      plannedMillionVnd:
        fromSummary.get(s.code) ??
        items.filter((i) => i.section === s.code).reduce((a, i) => a + i.plannedMillionVnd, 0),
    })),
    items,
  };
}
