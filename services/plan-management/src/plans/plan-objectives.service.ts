import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
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
  ) {}

  async setObjectiveActual(
    planId: string,
    code: string,
    actual: { value: number; unit: string; asOf: string; note?: string | null },
  ): Promise<ObjectiveView> {
    await this.queries.findPlanOrFail(planId);
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
}
