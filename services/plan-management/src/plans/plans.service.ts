import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { ClientProxy } from '@nestjs/microservices';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { readFile } from 'node:fs/promises';
import { DataSource, In, Repository } from 'typeorm';
import { canActForUnit, type Principal } from '@cchc/auth';
import { localDate, parsePeriod } from '@cchc/calendar';
import { APP_CONFIG, appPath, type AppConfig } from '@cchc/config';
import {
  Patterns,
  type EvidenceView,
  type ObjectiveView,
  type PlanSummary,
  type PlanView,
  type ProgressView,
  type TaskStatus,
  type TaskView,
} from '@cchc/contracts';
import { MESSAGE_CLIENT } from '@cchc/messaging';
import { Objective } from './objective.entity';
import {
  loadPlanYaml,
  parsePlanDocument,
  writtenUnits,
  type PlanDocument,
  type PlanDocumentResult,
} from './plan-document';
import { Plan } from './plan.entity';
import { PlanError, PlanErrorCode } from './plans.errors';
import { PlansMetrics } from './plans.metrics';
import { effectiveStatus, isDueBy } from './task-status';
import { TaskProgress } from './task-progress.entity';
import { Task } from './task.entity';
import { parseTimeframe } from './timeframe';

export const PLAN_CONNECTION = 'plan';
/** The 2021 plan shipped with the system (Decision 1634/QĐ-SGDĐT), relative to the repository root. */
export const SEED_PLAN_PATH = 'services/plan-management/seed/ke-hoach-cchc-2021.yaml';

export interface ProgressInput {
  period: string;
  status: TaskStatus;
  percent: number;
  note?: string | null;
  evidence: EvidenceView[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function today(): string {
  return localDate(new Date().toISOString());
}

function emptyByStatus(): Record<TaskStatus, number> {
  return { not_started: 0, in_progress: 0, completed: 0, overdue: 0 };
}

@Injectable()
export class PlansService implements OnApplicationBootstrap {
  private readonly logger = new Logger(PlansService.name);

  constructor(
    @InjectDataSource(PLAN_CONNECTION) private readonly db: DataSource,
    @InjectRepository(Plan, PLAN_CONNECTION) private readonly plans: Repository<Plan>,
    @InjectRepository(Objective, PLAN_CONNECTION) private readonly objectives: Repository<Objective>,
    @InjectRepository(Task, PLAN_CONNECTION) private readonly tasks: Repository<Task>,
    @InjectRepository(TaskProgress, PLAN_CONNECTION) private readonly progress: Repository<TaskProgress>,
    @Inject(MESSAGE_CLIENT) private readonly bus: ClientProxy,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: PlansMetrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Only the all-in-one start seeds (architecture.md §6); a distributed deployment imports plans.
    if (this.config.service === 'all-in-one' && this.config.seedPlan) await this.seedShippedPlan();
    await this.refreshMetrics();
  }

  /** Loads the shipped 2021 plan unless it is there already (idempotent across restarts). */
  async seedShippedPlan(): Promise<void> {
    const result = loadPlanYaml(await readFile(appPath(SEED_PLAN_PATH), 'utf8'));
    if (!result.ok)
      throw new Error(`The shipped plan ${SEED_PLAN_PATH} is invalid: ${JSON.stringify(result.errors)}`);
    const existing = await this.plans.findOne({
      where: { year: result.plan.year, decisionNumber: result.plan.decision.number },
    });
    if (existing) return;
    const view = await this.importDocument(result.plan);
    this.logger.log(`Loaded the ${view.year} plan (${view.decision.number}): ${view.tasks.length} tasks`);
  }

  /** A YAML text or an already-parsed JSON value, validated and imported all-or-nothing. */
  async importRaw(body: unknown): Promise<PlanView> {
    let result: PlanDocumentResult;
    if (typeof body === 'string') result = loadPlanYaml(body);
    else if (
      body === undefined ||
      body === null ||
      (typeof body === 'object' && Object.keys(body).length === 0)
    )
      result = {
        ok: false,
        errors: [{ path: '', message: 'the request has no plan document (send YAML or JSON)' }],
      };
    else result = parsePlanDocument(body);
    if (!result.ok)
      throw new PlanError(PlanErrorCode.InvalidDocument, 'The plan document is invalid', result.errors);
    return this.importDocument(result.plan);
  }

  async importDocument(doc: PlanDocument): Promise<PlanView> {
    const planId = await this.db.transaction(async (em) => {
      const exists = await em.findOne(Plan, {
        where: { year: doc.year, decisionNumber: doc.decision.number },
      });
      if (exists) {
        throw new PlanError(
          PlanErrorCode.PlanExists,
          `A plan for ${doc.year} under decision ${doc.decision.number} exists already (${exists.id})`,
        );
      }
      const plan = await em.save(
        em.create(Plan, {
          year: doc.year,
          title: doc.title,
          decisionNumber: doc.decision.number,
          decisionDate: doc.decision.date,
          issuer: doc.decision.issuer,
          signer: doc.decision.signer,
          signerTitle: doc.decision.signerTitle,
          units: doc.units,
          requirements: doc.requirements,
          sections: doc.sections.map((s) => ({ code: s.code, title: s.title, groups: s.groups })),
        }),
      );
      if (doc.objectives.length > 0) {
        await em.insert(
          Objective,
          doc.objectives.map((o, position) => ({
            planId: plan.id,
            code: o.code,
            position,
            text: o.text,
            targetValue: o.target?.value ?? null,
            targetUnit: o.target?.unit ?? null,
          })),
        );
      }
      const rows = doc.sections.flatMap((section) =>
        section.tasks.map((t) => {
          const timeframe = parseTimeframe(t.timeframe, doc.year);
          const lead = writtenUnits(t.leadUnits, doc.units);
          const coordinating = writtenUnits(t.coordinatingUnits, doc.units);
          return {
            planId: plan.id,
            code: t.code,
            sectionCode: section.code,
            groupCode: t.group ?? null,
            content: t.content,
            products: t.products,
            leadUnits: lead.codes,
            coordinatingUnits: coordinating.codes,
            leadUnitNames: lead.names,
            coordinatingUnitNames: coordinating.names,
            timeframeText: timeframe.text,
            timeframeKind: timeframe.kind,
            timeframeStart: timeframe.start,
            timeframeEnd: timeframe.end,
            budgetMillionVnd: t.budgetMillionVnd,
          };
        }),
      );
      // One multi-row insert for the whole appendix.
      await em.insert(
        Task,
        rows.map((r, position) => ({ ...r, position })),
      );
      return plan.id;
    });
    await this.refreshMetrics();
    return this.getPlan(planId);
  }

  /**
   * Plans with their tasks' latest progress. With `asOf` (YYYY-MM-DD), the plan as a report on a
   * period ending that day sees it: the latest progress about periods begun by then, statuses
   * effective on that day (a Q1 report must not show Q2 progress, but does show Q1 reports
   * recorded in April).
   */
  async listPlans(year?: number, asOf?: string): Promise<PlanView[]> {
    const plans = await this.plans.find({
      where: year ? { year } : {},
      order: { year: 'DESC', importedAt: 'ASC' },
    });
    return Promise.all(plans.map((p) => this.assemble(p, asOf)));
  }

  async getPlan(planId: string, asOf?: string): Promise<PlanView> {
    return this.assemble(await this.findPlanOrFail(planId), asOf);
  }

  async recordProgress(
    planId: string,
    taskCode: string,
    input: ProgressInput,
    actor: Principal,
  ): Promise<ProgressView> {
    const task = await this.getTask(planId, taskCode);
    // architecture.md §6: an editor reports on tasks its units lead; coordinating units do not.
    if (!task.leadUnits.some((u) => canActForUnit(actor, u))) {
      throw new PlanError(
        PlanErrorCode.UnitForbidden,
        `Task ${taskCode} is led by ${task.leadUnits.join(', ')}; this token acts for ${actor.units.join(', ') || 'no unit'}`,
      );
    }
    if (input.status === 'completed' && input.percent !== 100) {
      throw new PlanError(PlanErrorCode.InvalidProgress, 'A completed task must report percent = 100', [
        { path: 'percent', message: 'must be 100 when status is completed' },
      ]);
    }
    const saved = await this.progress.save(
      this.progress.create({
        taskId: task.id,
        period: input.period,
        status: input.status,
        percent: input.percent,
        note: input.note ?? null,
        evidence: input.evidence,
        recordedBy: actor.name,
      }),
    );
    const view = toProgressView(saved);
    // Fire-and-forget notification for other services; the database row is the record.
    this.bus.emit(Patterns.plans.progressRecorded, { planId, taskCode, ...view }).subscribe({
      error: (e: unknown) => this.logger.warn(`Could not publish progress event: ${String(e)}`),
    });
    await this.refreshMetrics();
    return view;
  }

  async progressHistory(planId: string, taskCode: string): Promise<ProgressView[]> {
    const task = await this.getTask(planId, taskCode);
    const rows = await this.progress.find({ where: { taskId: task.id }, order: { id: 'DESC' } });
    return rows.map(toProgressView);
  }

  async setObjectiveActual(
    planId: string,
    code: string,
    actual: { value: number; unit: string; asOf: string; note?: string | null },
  ): Promise<ObjectiveView> {
    await this.findPlanOrFail(planId);
    const result = await this.objectives.update(
      { planId, code },
      {
        actualValue: actual.value,
        actualUnit: actual.unit,
        actualAsOf: actual.asOf,
        actualNote: actual.note ?? null,
      },
    );
    if (!result.affected)
      throw new PlanError(PlanErrorCode.ObjectiveNotFound, `Plan ${planId} has no objective ${code}`);
    const row = await this.objectives.findOneByOrFail({ planId, code });
    return toObjectiveView(row);
  }

  async summary(planId: string, asOf: string = today()): Promise<PlanSummary> {
    const plan = await this.getPlan(planId, asOf);
    return summarise(plan, asOf);
  }

  /** Sets the plan gauges from the current year's plan (or the latest one). */
  async refreshMetrics(): Promise<void> {
    const year = Number(today().slice(0, 4));
    const plan =
      (await this.plans.findOne({ where: { year }, order: { importedAt: 'DESC' } })) ??
      (await this.plans.findOne({ where: {}, order: { year: 'DESC', importedAt: 'DESC' } }));
    if (!plan) return;
    const view = await this.assemble(plan);
    const asOf = today();
    const dueBySection = new Map<string, number>();
    for (const t of view.tasks)
      if (isDueBy(t.timeframe, asOf)) dueBySection.set(t.section, (dueBySection.get(t.section) ?? 0) + 1);
    this.metrics.update(view, summarise(view, asOf), dueBySection);
  }

  private async findPlanOrFail(planId: string): Promise<Plan> {
    const plan = UUID.test(planId) ? await this.plans.findOneBy({ id: planId }) : null;
    if (!plan) throw new PlanError(PlanErrorCode.PlanNotFound, `No plan ${planId}`);
    return plan;
  }

  private async getTask(planId: string, taskCode: string): Promise<Task> {
    await this.findPlanOrFail(planId);
    const task = await this.tasks.findOneBy({ planId, code: taskCode });
    if (!task) throw new PlanError(PlanErrorCode.TaskNotFound, `Plan ${planId} has no task ${taskCode}`);
    return task;
  }

  private async assemble(plan: Plan, asOf?: string): Promise<PlanView> {
    const [objectives, tasks] = await Promise.all([
      this.objectives.find({ where: { planId: plan.id }, order: { position: 'ASC' } }),
      this.tasks.find({ where: { planId: plan.id }, order: { position: 'ASC' } }),
    ]);
    const latest = await this.latestProgress(
      tasks.map((t) => t.id),
      asOf,
    );
    const unitName = new Map(plan.units.map((u) => [u.code, u.name]));
    // Names as the row writes them; tasks imported before they were stored show the units' names.
    const asWritten = (codes: string[], names: string[]): string[] =>
      names.length === codes.length ? names : codes.map((c) => unitName.get(c) ?? c);
    const groupTitle = new Map(
      plan.sections.flatMap((s) => s.groups.map((g) => [`${s.code}.${g.code}`, g.title] as const)),
    );
    const statusDay = asOf ?? today();
    const taskViews: TaskView[] = tasks.map((t) => {
      const timeframe = {
        text: t.timeframeText,
        kind: t.timeframeKind,
        start: t.timeframeStart,
        end: t.timeframeEnd,
      };
      const progress = latest.get(t.id) ?? null;
      return {
        code: t.code,
        section: t.sectionCode,
        group: t.groupCode
          ? { code: t.groupCode, title: groupTitle.get(`${t.sectionCode}.${t.groupCode}`) ?? '' }
          : null,
        content: t.content,
        products: t.products,
        leadUnits: asWritten(t.leadUnits, t.leadUnitNames),
        coordinatingUnits: asWritten(t.coordinatingUnits, t.coordinatingUnitNames),
        leadUnitCodes: t.leadUnits,
        coordinatingUnitCodes: t.coordinatingUnits,
        timeframe,
        budgetMillionVnd: t.budgetMillionVnd,
        status: effectiveStatus(timeframe, progress, statusDay),
        latestProgress: progress,
      };
    });
    return {
      id: plan.id,
      year: plan.year,
      title: plan.title,
      decision: {
        number: plan.decisionNumber,
        date: plan.decisionDate,
        issuer: plan.issuer,
        signer: plan.signer,
        signerTitle: plan.signerTitle,
      },
      objectives: objectives.map(toObjectiveView),
      requirements: plan.requirements,
      sections: plan.sections,
      units: plan.units.map((u) => ({ code: u.code, name: u.name })),
      tasks: taskViews,
      budgetTotalMillionVnd: taskViews.reduce((sum, t) => sum + (t.budgetMillionVnd ?? 0), 0),
    };
  }

  private async latestProgress(taskIds: string[], asOf?: string): Promise<Map<string, ProgressView>> {
    if (taskIds.length === 0) return new Map();
    if (!asOf) {
      // DISTINCT ON: the newest report per task in one query.
      const rows = await this.progress
        .createQueryBuilder('p')
        .distinctOn(['p.taskId'])
        .where({ taskId: In(taskIds) })
        .orderBy('p.taskId')
        .addOrderBy('p.id', 'DESC')
        .getMany();
      return new Map(rows.map((r) => [r.taskId, toProgressView(r)]));
    }
    // As of a day: the newest report about a period that had begun by then. Units report on a
    // quarter after it ends, so the day a report was recorded says nothing; its period does. (The
    // history is a few reports per task: filtering in memory is simpler than period dates in SQL.)
    const rows = await this.progress.find({ where: { taskId: In(taskIds) }, order: { id: 'DESC' } });
    const latest = new Map<string, ProgressView>();
    for (const r of rows) {
      if (!latest.has(r.taskId) && periodStart(r.period) <= asOf) latest.set(r.taskId, toProgressView(r));
    }
    return latest;
  }
}

/** First day of a progress report's period (`2021-Q2` → `2021-04-01`; periods are validated on entry). */
function periodStart(period: string): string {
  try {
    return parsePeriod(period).from;
  } catch {
    return ''; // a period the calendar cannot place counts as begun
  }
}

function toProgressView(p: TaskProgress): ProgressView {
  return {
    period: p.period,
    status: p.status,
    percent: p.percent,
    note: p.note,
    evidence: p.evidence,
    recordedAt: p.recordedAt.toISOString(),
    recordedBy: p.recordedBy,
  };
}

function toObjectiveView(o: Objective): ObjectiveView {
  return {
    code: o.code,
    text: o.text,
    target:
      o.targetValue === null || o.targetUnit === null ? null : { value: o.targetValue, unit: o.targetUnit },
    actual:
      o.actualValue === null || o.actualUnit === null || o.actualAsOf === null
        ? null
        : { value: o.actualValue, unit: o.actualUnit, asOf: o.actualAsOf, note: o.actualNote },
  };
}

/** Counts by status (effective on `asOf`), section and lead unit; overdue tasks; budget. */
export function summarise(plan: PlanView, asOf: string): PlanSummary {
  const byStatus = emptyByStatus();
  const sections = new Map(
    plan.sections.map((s) => [
      s.code,
      { section: s.code, title: s.title, total: 0, byStatus: emptyByStatus() },
    ]),
  );
  const units = new Map<
    string,
    { unit: string; name: string; total: number; byStatus: Record<TaskStatus, number> }
  >();
  // Counted per unit, so named by the unit's name rather than by the wording of its first row.
  const unitName = new Map(plan.units.map((u) => [u.code, u.name]));
  const overdueTasks: PlanSummary['overdueTasks'] = [];
  const budgetBySection = new Map<string, number>(plan.sections.map((s) => [s.code, 0]));
  for (const task of plan.tasks) {
    const status = effectiveStatus(task.timeframe, task.latestProgress, asOf);
    byStatus[status] += 1;
    const section = sections.get(task.section);
    if (section) {
      section.total += 1;
      section.byStatus[status] += 1;
    }
    task.leadUnitCodes.forEach((code, i) => {
      const entry = units.get(code) ?? {
        unit: code,
        name: unitName.get(code) ?? task.leadUnits[i] ?? code,
        total: 0,
        byStatus: emptyByStatus(),
      };
      entry.total += 1;
      entry.byStatus[status] += 1;
      units.set(code, entry);
    });
    if (status === 'overdue') {
      overdueTasks.push({
        code: task.code,
        content: task.content,
        timeframe: task.timeframe,
        leadUnits: task.leadUnits,
      });
    }
    budgetBySection.set(
      task.section,
      (budgetBySection.get(task.section) ?? 0) + (task.budgetMillionVnd ?? 0),
    );
  }
  return {
    planId: plan.id,
    asOf,
    tasks: { total: plan.tasks.length, byStatus },
    bySection: [...sections.values()],
    byLeadUnit: [...units.values()].sort((a, b) => a.unit.localeCompare(b.unit)),
    overdueTasks,
    budget: {
      plannedMillionVnd: [...budgetBySection.values()].reduce((a, b) => a + b, 0),
      bySection: [...budgetBySection.entries()].map(([section, plannedMillionVnd]) => ({
        section,
        plannedMillionVnd,
      })),
    },
  };
}
