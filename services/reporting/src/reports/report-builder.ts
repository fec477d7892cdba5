import { createHash } from 'node:crypto';

import {
  TASK_STATUSES,
  type KpiByUnitResult,
  type KpiResult,
  type KpiWindow,
  type ObjectiveView,
  type PlanSummary,
  type PlanView,
  type TaskStatus,
  type TaskView,
} from '@cchc/contracts';

import { buildNarrative } from './report-narrative';
import {
  DEFAULT_AGENCY,
  REPORT_MODEL_SCHEMA_VERSION,
  type ReportAgency,
  type ReportBudget,
  type ReportModel,
  type ReportObjective,
  type ReportSection,
  type ReportTask,
  type ReportTthcTarget,
  type StatusCounts,
} from './report.model';

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
}

export function buildReport(input: BuildReportInput): ReportModel {
  const { plan, to } = input;
  const sections = buildSections(plan, to);
  const allTasks = sections.flatMap((s) => s.tasks);
  const department = input.kpis.total;
  const scopeUnit = input.scopeUnit ?? null;

  const content = {
    period: { code: input.periodCode, from: input.from, to, window: input.window, label: input.label },
    plan: {
      id: plan.id,
      year: plan.year,
      title: plan.title,
      decision: { ...plan.decision },
    },
    objectives: plan.objectives.map(toReportObjective),
    tasks: { total: allTasks.length, byStatus: countByStatus(allTasks) },
    sections,
    tthc: {
      department,
      perUnit:
        scopeUnit === null
          ? input.kpis.units.map(({ unit, kpis }) => ({
              unit,
              unitName: input.unitNames[unit] ?? unit,
              kpis,
            }))
          : [],
      targets: tthcTargets(department),
      scope:
        scopeUnit === null ? null : { unit: scopeUnit, unitName: input.unitNames[scopeUnit] ?? scopeUnit },
    },
  };

  return {
    schemaVersion: REPORT_MODEL_SCHEMA_VERSION,
    ...content,
    generatedAt: input.generatedAt,
    agency: input.agency ?? DEFAULT_AGENCY,
    budget: buildBudget(input.summary, sections),
    narrative: buildNarrative(content),
    version: { status: 'draft', version: null, contentHash: null, issuedAt: null, documentNumber: null },
  };
}

/**
 * The status a report shows: the latest reported one, except that a task whose timeframe ended
 * before the period's last day and is not completed is overdue, whatever its unit last said.
 */
export function effectiveTaskStatus(
  task: Pick<TaskView, 'latestProgress' | 'timeframe'>,
  to: string,
): TaskStatus {
  const reported = task.latestProgress?.status ?? 'not_started';
  if (reported === 'completed') return 'completed';
  // ISO dates compare as strings; a deadline equal to `to` has not passed yet on that day.
  if (task.timeframe.end !== null && task.timeframe.end < to) return 'overdue';
  return reported;
}

/** Freezes a draft: the returned copy carries its version, issue time and content hash. */
export function markIssued(
  model: ReportModel,
  issue: { version: number; issuedAt: string; documentNumber?: string | null },
): ReportModel {
  return {
    ...model,
    version: {
      status: 'issued',
      version: issue.version,
      issuedAt: issue.issuedAt,
      documentNumber: issue.documentNumber ?? null,
      contentHash: hashReportContent(model),
    },
  };
}

/**
 * sha256 (hex) of the report's content in canonical JSON (sorted keys). Leaves out `version`, which
 * holds the hash itself, and `generatedAt`, so two snapshots of unchanged data hash the same.
 */
export function hashReportContent(model: ReportModel): string {
  const { version: _version, generatedAt: _generatedAt, ...content } = model;
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
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

function buildSections(plan: PlanView, to: string): ReportSection[] {
  const known = new Set(plan.sections.map((s) => s.code));
  const sections = plan.sections.map((s) => ({ code: s.code, title: s.title }));
  // A task pointing at a section the plan does not list still belongs in the report.
  for (const task of plan.tasks) {
    if (!known.has(task.section)) {
      known.add(task.section);
      sections.push({ code: task.section, title: task.section });
    }
  }
  return sections.map(({ code, title }) => {
    const tasks = plan.tasks.filter((t) => t.section === code).map((t) => toReportTask(t, to));
    return { code, title, total: tasks.length, byStatus: countByStatus(tasks), tasks };
  });
}

function toReportTask(task: TaskView, to: string): ReportTask {
  const status = effectiveTaskStatus(task, to);
  const latest = task.latestProgress;
  return {
    code: task.code,
    group: task.group,
    content: task.content,
    products: task.products,
    leadUnits: task.leadUnits,
    coordinatingUnits: task.coordinatingUnits,
    timeframe: task.timeframe.text,
    deadline: task.timeframe.end,
    status,
    reportedStatus: latest?.status ?? null,
    progress: latest
      ? { period: latest.period, percent: latest.percent, note: latest.note, recordedAt: latest.recordedAt }
      : null,
    evidence: latest?.evidence ?? [],
    onTrack: isOnTrack(status, task.timeframe.start, to),
    budgetMillionVnd: task.budgetMillionVnd,
  };
}

// Behind schedule: overdue, or its timeframe has opened by the period end and nothing was started.
function isOnTrack(status: TaskStatus, start: string | null, to: string): boolean {
  switch (status) {
    case 'completed':
    case 'in_progress':
      return true;
    case 'overdue':
      return false;
    case 'not_started':
      return start === null || start > to;
  }
}

function countByStatus(tasks: ReadonlyArray<{ status: TaskStatus }>): StatusCounts {
  const counts = Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as StatusCounts;
  for (const t of tasks) counts[t.status] += 1;
  return counts;
}

function toReportObjective(o: ObjectiveView): ReportObjective {
  const comparable = o.target !== null && o.actual !== null && o.target.unit === o.actual.unit;
  return {
    code: o.code,
    text: o.text,
    target: o.target,
    actual: o.actual,
    // Every numeric objective of the plan is a floor ("100% …", "80% trở lên").
    met: comparable ? o.actual!.value >= o.target!.value : null,
  };
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
    target('onTimeRate', 'Tỷ lệ hồ sơ TTHC giải quyết trước hạn, đúng hạn', k.onTimeRate),
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
