import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ReportDrafts } from './report-drafts';
import { ReportSnapshot } from './report-snapshot.entity';
import { ReportSources } from './report-sources';
import { ReportsController } from './reports.controller';
import { ReportsMetrics } from './reports.metrics';
import { REPORTING_CONNECTION, ReportsService } from './reports.service';

@Module({
  imports: [TypeOrmModule.forFeature([ReportSnapshot], REPORTING_CONNECTION)],
  controllers: [ReportsController],
  providers: [ReportsService, ReportDrafts, ReportSources, ReportsMetrics],
})
export class ReportsModule {}
