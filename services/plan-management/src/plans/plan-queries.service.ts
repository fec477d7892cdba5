import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@cchc/config';
import {
  taskPeriodStatus,
  type ApprovedReport,
  type PlanView,
  type ProgressView,
  type TaskView,
} from '@cchc/contracts';
import { ObjectiveKpisService } from './objective-kpis.service';
import { Objective } from './objective.entity';
import { withProgressActual } from './objective-progress';
import { PlanClock } from './plan-clock';
import { toObjectiveView, toProgressView } from './plan-views';
import { Plan } from './plan.entity';
import { PLAN_CONNECTION } from './plans.constants';
import { PlanError, PlanErrorCode } from './plans.errors';
import { reportRange, statusPeriod } from './status-period';
import { TaskProgress } from './task-progress.entity';
import { Task } from './task.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads plans and assembles their views (tasks, statuses, latest progress). */
@Injectable()
export class PlanQueriesService {
  constructor(
    @InjectRepository(Plan, PLAN_CONNECTION) private readonly plans: Repository<Plan>,
    @InjectRepository(Objective, PLAN_CONNECTION) private readonly objectives: Repository<Objective>,
    @InjectRepository(Task, PLAN_CONNECTION) private readonly tasks: Repository<Task>,
    @InjectRepository(TaskProgress, PLAN_CONNECTION) private readonly progress: Repository<TaskProgress>,
    private readonly clock: PlanClock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly objectiveKpis: ObjectiveKpisService,
  ) {}

  /**
   * Plans with their tasks' latest approved progress. With `asOf` (YYYY-MM-DD), the plan as a
   * report on a period ending that day sees it: the latest progress about periods begun by then,
   * statuses for the reporting period holding that day (a Q1 report must not show Q2 progress, but
   * does show Q1 reports recorded in April). Without it, today.
   */
  async listPlans(year?: number, asOf?: string): Promise<PlanView[]> {
    const plans = await this.plans.find({
      where: year ? { year } : {},
      order: { year: 'DESC', importedAt: 'ASC' },
    });
    return Promise.all(
      plans.map(async (p) => this.objectiveKpis.withLiveActuals(await this.assemble(p, asOf))),
    );
  }

  /** The plan as the API serves it: with the live actuals of its KPI-measured objectives. */
  async getPlan(planId: string, asOf?: string): Promise<PlanView> {
    return this.objectiveKpis.withLiveActuals(await this.assemble(await this.findPlanOrFail(planId), asOf));
  }

  /** The plan's statuses and progress without its live objective actuals (summaries, reminders). */
  async getPlanStatuses(planId: string, asOf?: string): Promise<PlanView> {
    return this.assemble(await this.findPlanOrFail(planId), asOf);
  }

  /** The current year's plan (or the latest one), for gauges and reminders; undefined when none. */
  async findCurrentPlan(): Promise<Plan | undefined> {
    const year = Number(this.clock.today().slice(0, 4));
    const plan =
      (await this.plans.findOne({ where: { year }, order: { importedAt: 'DESC' } })) ??
      (await this.plans.findOne({ where: {}, order: { year: 'DESC', importedAt: 'DESC' } }));
    return plan ?? undefined;
  }

  async findPlanOrFail(planId: string): Promise<Plan> {
    const plan = UUID.test(planId) ? await this.plans.findOneBy({ id: planId }) : null;
    if (!plan) throw new PlanError(PlanErrorCode.PlanNotFound, `No plan ${planId}`);
    return plan;
  }

  async getTask(planId: string, taskCode: string): Promise<Task> {
    await this.findPlanOrFail(planId);
    const task = await this.tasks.findOneBy({ planId, code: taskCode });
    if (!task) throw new PlanError(PlanErrorCode.TaskNotFound, `Plan ${planId} has no task ${taskCode}`);
    return task;
  }

  async assemble(plan: Plan, asOf?: string): Promise<PlanView> {
    const [objectives, tasks] = await Promise.all([
      this.objectives.find({ where: { planId: plan.id }, order: { position: 'ASC' } }),
      this.tasks.find({ where: { planId: plan.id }, order: { position: 'ASC' } }),
    ]);
    const statusDay = asOf ?? this.clock.today();
    const { period, range } = statusPeriod(statusDay, plan.year, this.config.report.window);
    const progress = await this.progressByTask(tasks.map((t) => t.id));
    const unitName = new Map(plan.units.map((u) => [u.code, u.name]));
    // Names as the row writes them; tasks imported before they were stored show the units' names.
    const asWritten = (codes: string[], names: string[]): string[] =>
      names.length === codes.length ? names : codes.map((c) => unitName.get(c) ?? c);
    const groupTitle = new Map(
      plan.sections.flatMap((s) => s.groups.map((g) => [`${s.code}.${g.code}`, g.title] as const)),
    );
    const taskViews: TaskView[] = tasks.map((t) => {
      const timeframe = {
        text: t.timeframeText,
        kind: t.timeframeKind,
        start: t.timeframeStart,
        end: t.timeframeEnd,
      };
      // Units report on a quarter after it ends, so the day a report was recorded says nothing
      // about what a day's view sees; its period does: reports about periods begun by then.
      const history = (progress.get(t.id) ?? []).filter((p) => reportRange(p.period).from <= statusDay);
      const approved = history.filter((p) => p.review.state === 'approved');
      const approvedReports: ApprovedReport[] = approved.map((p) => ({
        period: reportRange(p.period),
        status: p.status,
      }));
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
        status: taskPeriodStatus({ timeframe, approved: approvedReports, period: range, asOf: statusDay }),
        latestProgress: approved[0] ?? null,
        awaitingReview: history.find((p) => p.review.state === 'submitted') ?? null,
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
      objectives: objectives.map((o) => withProgressActual(toObjectiveView(o), taskViews, statusDay, period)),
      requirements: plan.requirements,
      sections: plan.sections,
      units: plan.units.map((u) => ({ code: u.code, name: u.name })),
      tasks: taskViews,
      budgetTotalMillionVnd: taskViews.reduce((sum, t) => sum + (t.budgetMillionVnd ?? 0), 0),
      statusAsOf: statusDay,
      statusPeriod: period,
    };
  }

  /** Every task's progress history, newest first (a few reports per task: one query, no paging). */
  private async progressByTask(taskIds: string[]): Promise<Map<string, ProgressView[]>> {
    const byTask = new Map<string, ProgressView[]>();
    if (taskIds.length === 0) return byTask;
    const rows = await this.progress.find({ where: { taskId: In(taskIds) }, order: { id: 'DESC' } });
    for (const r of rows) {
      const list = byTask.get(r.taskId) ?? [];
      list.push(toProgressView(r));
      byTask.set(r.taskId, list);
    }
    return byTask;
  }
}
