import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ClientProxy } from '@nestjs/microservices';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuditService } from '@cchc/audit';
import { canActForUnit, type Principal } from '@cchc/auth';
import { Patterns, type EvidenceView, type ProgressView, type TaskStatus } from '@cchc/contracts';
import { MESSAGE_CLIENT } from '@cchc/messaging';
import { PlanGaugesService } from './plan-gauges.service';
import { PlanQueriesService } from './plan-queries.service';
import { toProgressView } from './plan-views';
import { PLAN_CONNECTION } from './plans.constants';
import { PlanError, PlanErrorCode } from './plans.errors';
import { TaskProgress } from './task-progress.entity';

export interface ProgressInput {
  period: string;
  status: TaskStatus;
  percent: number;
  note?: string | null;
  evidence: EvidenceView[];
}

/** Units' progress reports on their tasks. */
@Injectable()
export class PlanProgressService {
  private readonly logger = new Logger(PlanProgressService.name);

  constructor(
    @InjectRepository(TaskProgress, PLAN_CONNECTION) private readonly progress: Repository<TaskProgress>,
    @Inject(MESSAGE_CLIENT) private readonly bus: ClientProxy,
    private readonly queries: PlanQueriesService,
    private readonly gauges: PlanGaugesService,
    private readonly audit: AuditService,
  ) {}

  async recordProgress(
    planId: string,
    taskCode: string,
    input: ProgressInput,
    actor: Principal,
  ): Promise<ProgressView> {
    const task = await this.queries.getTask(planId, taskCode);
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
    // An editor's report waits for the Văn phòng; an admin's own report is approved on entry.
    const byAdmin = actor.role === 'admin';
    const saved = await this.progress.save(
      this.progress.create({
        taskId: task.id,
        period: input.period,
        status: input.status,
        percent: input.percent,
        note: input.note ?? null,
        evidence: input.evidence,
        recordedBy: actor.name,
        reviewState: byAdmin ? 'approved' : 'submitted',
        reviewedBy: byAdmin ? actor.name : null,
        reviewedAt: byAdmin ? new Date() : null,
        reviewComment: null,
      }),
    );
    const view = toProgressView(saved);
    await this.audit.record({
      actor,
      action: byAdmin ? 'plan.progress.approved' : 'plan.progress.submitted',
      entity: 'plan.progress',
      entityId: view.id,
      after: { planId, taskCode, ...view },
    });
    // Fire-and-forget notification for other services; the database row is the record.
    this.bus.emit(Patterns.plans.progressRecorded, { planId, taskCode, ...view }).subscribe({
      error: (e: unknown) => this.logger.warn(`Could not publish progress event: ${String(e)}`),
    });
    await this.gauges.refresh();
    return view;
  }

  /**
   * The Văn phòng's answer to a submitted report: approved (it then counts in reports and
   * summaries) or returned with a comment (the unit resubmits as a new entry). Once only.
   */
  async review(
    planId: string,
    taskCode: string,
    progressId: string,
    decision: { state: 'approved' | 'returned'; comment: string | null },
    actor: Principal,
  ): Promise<ProgressView> {
    const task = await this.queries.getTask(planId, taskCode);
    const entry = /^\d{1,18}$/.test(progressId)
      ? await this.progress.findOneBy({ id: progressId, taskId: task.id })
      : null;
    if (!entry) {
      throw new PlanError(
        PlanErrorCode.ProgressNotFound,
        `Task ${taskCode} of plan ${planId} has no progress entry ${progressId}`,
      );
    }
    // The state check is in the UPDATE itself, so two reviewers cannot both answer.
    const result = await this.progress.update(
      { id: entry.id, reviewState: 'submitted' },
      {
        reviewState: decision.state,
        reviewedBy: actor.name,
        reviewedAt: new Date(),
        reviewComment: decision.comment,
      },
    );
    if (!result.affected) {
      throw new PlanError(
        PlanErrorCode.AlreadyReviewed,
        `Progress entry ${progressId} is ${entry.reviewState} already; only a submitted report can be reviewed`,
      );
    }
    const view = toProgressView(await this.progress.findOneByOrFail({ id: entry.id }));
    await this.audit.record({
      actor,
      action: `plan.progress.${decision.state}`,
      entity: 'plan.progress',
      entityId: view.id,
      before: { planId, taskCode, ...toProgressView(entry) },
      after: { planId, taskCode, ...view },
    });
    await this.gauges.refresh();
    return view;
  }

  async progressHistory(planId: string, taskCode: string): Promise<ProgressView[]> {
    const task = await this.queries.getTask(planId, taskCode);
    const rows = await this.progress.find({ where: { taskId: task.id }, order: { id: 'DESC' } });
    return rows.map(toProgressView);
  }
}
