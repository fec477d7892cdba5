import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Objective } from './objective.entity';
import { Plan } from './plan.entity';
import { PlansController } from './plans.controller';
import { PlansHandler } from './plans.handler';
import { PlansMetrics } from './plans.metrics';
import { PLAN_CONNECTION, PlansService } from './plans.service';
import { TaskProgress } from './task-progress.entity';
import { Task } from './task.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Plan, Objective, Task, TaskProgress], PLAN_CONNECTION)],
  controllers: [PlansController, PlansHandler],
  providers: [PlansService, PlansMetrics],
})
export class PlansModule {}
