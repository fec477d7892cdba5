import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuditService, type AuditActor } from '@cchc/audit';
import type { ObjectiveView } from '@cchc/contracts';
import { Objective } from './objective.entity';
import { PlanQueriesService } from './plan-queries.service';
import { toObjectiveView } from './plan-views';
import { PLAN_CONNECTION } from './plans.constants';
import { PlanError, PlanErrorCode } from './plans.errors';

/** The plan's objectives and their measured actuals. */
@Injectable()
export class PlanObjectivesService {
  constructor(
    @InjectRepository(Objective, PLAN_CONNECTION) private readonly objectives: Repository<Objective>,
    private readonly queries: PlanQueriesService,
    private readonly audit: AuditService,
  ) {}

  async setObjectiveActual(
    planId: string,
    code: string,
    actual: { value: number; unit: string; asOf: string; note?: string | null },
    actor: AuditActor | null,
  ): Promise<ObjectiveView> {
    await this.queries.findPlanOrFail(planId);
    const before = await this.objectives.findOneBy({ planId, code });
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
    const view = toObjectiveView(await this.objectives.findOneByOrFail({ planId, code }));
    await this.audit.record({
      actor,
      action: 'plan.objective.actual-set',
      entity: 'plan.objective',
      entityId: `${planId}/${code}`,
      before: before ? toObjectiveView(before).actual : null,
      after: view.actual,
    });
    return view;
  }
}
