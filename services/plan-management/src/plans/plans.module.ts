import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ObjectiveKpisService } from './objective-kpis.service';
import { Objective } from './objective.entity';
import { PlanClock } from './plan-clock';
import { PlanExportService } from './plan-export.service';
import { PlanGaugesService } from './plan-gauges.service';
import { PlanImportService } from './plan-import.service';
import { PlanObjectivesService } from './plan-objectives.service';
import { PlanProgressService } from './plan-progress.service';
import { PlanQueriesService } from './plan-queries.service';
import { PlanRemindersService } from './plan-reminders.service';
import { PlanSummariesService } from './plan-summaries.service';
import { Plan } from './plan.entity';
import { PLAN_CONNECTION } from './plans.constants';
import { PlansController } from './plans.controller';
import { PlansHandler } from './plans.handler';
import { PlansMetrics } from './plans.metrics';
import { TaskProgress } from './task-progress.entity';
import { Task } from './task.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Plan, Objective, Task, TaskProgress], PLAN_CONNECTION)],
  controllers: [PlansController, PlansHandler],
  providers: [
    PlanClock,
    ObjectiveKpisService,
    PlanQueriesService,
    PlanSummariesService,
    PlanRemindersService,
    PlanGaugesService,
    PlanProgressService,
    PlanImportService,
    PlanExportService,
    PlanObjectivesService,
    PlansMetrics,
  ],
})
export class PlansModule {}
