import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ClientProxy } from '@nestjs/microservices';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
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
    await this.gauges.refresh();
    return view;
  }

  async progressHistory(planId: string, taskCode: string): Promise<ProgressView[]> {
    const task = await this.queries.getTask(planId, taskCode);
    const rows = await this.progress.find({ where: { taskId: task.id }, order: { id: 'DESC' } });
    return rows.map(toProgressView);
  }
}
