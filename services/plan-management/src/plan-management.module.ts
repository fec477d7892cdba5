import { Module } from '@nestjs/common';
import { DatabaseModule } from '@cchc/database';
import { CreatePlanSchema1764130100000 } from './database/migrations/1764130100000-CreatePlanSchema';
import { AddTaskUnitNames1795666059655 } from './database/migrations/1795666059655-AddTaskUnitNames';
import { AddProgressReview1796099715931 } from './database/migrations/1796099715931-AddProgressReview';
import { AddObjectiveKpi1796101171331 } from './database/migrations/1796101171331-AddObjectiveKpi';
import { AddObjectiveTasks1796200000000 } from './database/migrations/1796200000000-AddObjectiveTasks';
import { Objective } from './plans/objective.entity';
import { Plan } from './plans/plan.entity';
import { PlansModule } from './plans/plans.module';
import { PLAN_CONNECTION } from './plans/plans.constants';
import { TaskProgress } from './plans/task-progress.entity';
import { Task } from './plans/task.entity';

/** plan-management's schema: owned by this service alone. */
export const PLAN_SCHEMA = {
  name: PLAN_CONNECTION,
  schema: 'plan',
  entities: [Plan, Objective, Task, TaskProgress],
  migrations: [
    CreatePlanSchema1764130100000,
    AddTaskUnitNames1795666059655,
    AddProgressReview1796099715931,
    AddObjectiveKpi1796101171331,
    AddObjectiveTasks1796200000000,
  ],
};

/** The plan-management service: its schema and features. The host adds the platform. */
@Module({ imports: [DatabaseModule.forSchema(PLAN_SCHEMA), PlansModule] })
export class PlanManagementModule {}
