import { Module } from '@nestjs/common';
import { DatabaseModule } from '@cchc/database';
import { CreateReportSnapshot1764130300000 } from './database/migrations/1764130300000-CreateReportSnapshot';
import { AddReportSnapshotFiles1764500000000 } from './database/migrations/1764500000000-AddReportSnapshotFiles';
import { ReportSnapshot } from './reports/report-snapshot.entity';
import { ReportsModule } from './reports/reports.module';
import { REPORTING_CONNECTION } from './reports/reports.service';

/** reporting's schema: issued report snapshots, owned by this service alone. */
export const REPORTING_SCHEMA = {
  name: REPORTING_CONNECTION,
  schema: 'reporting',
  entities: [ReportSnapshot],
  migrations: [CreateReportSnapshot1764130300000, AddReportSnapshotFiles1764500000000],
};

/**
 * The reporting service: builds reports from plan-management and tthc-metrics data pulled over
 * messaging, renders them and freezes issued versions. The host adds the platform.
 */
@Module({ imports: [DatabaseModule.forSchema(REPORTING_SCHEMA), ReportsModule] })
export class ReportingModule {}
