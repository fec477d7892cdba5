import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ReportSnapshot } from './report-snapshot.entity';
import { ReportsController } from './reports.controller';
import { ReportsMetrics } from './reports.metrics';
import { REPORTING_CONNECTION, ReportsService } from './reports.service';

@Module({
  imports: [TypeOrmModule.forFeature([ReportSnapshot], REPORTING_CONNECTION)],
  controllers: [ReportsController],
  providers: [ReportsService, ReportsMetrics],
})
export class ReportsModule {}
