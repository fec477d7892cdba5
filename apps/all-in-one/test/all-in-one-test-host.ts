import type { AppConfig } from '@cchc/config';
import { startTestHost, type TestHost } from '@cchc/testing';
import { PlanManagementModule } from '../../../services/plan-management/src/plan-management.module';
import { ReportingModule } from '../../../services/reporting/src/reporting.module';
import { TthcMetricsModule } from '../../../services/tthc-metrics/src/tthc-metrics.module';

/** The all-in-one's three services in this process, on a free port, against the given PostgreSQL. */
export function startAllInOneTestHost(databaseUrl: string, config?: Partial<AppConfig>): Promise<TestHost> {
  return startTestHost({
    service: 'all-in-one',
    features: [PlanManagementModule, TthcMetricsModule, ReportingModule],
    databaseUrl,
    config,
  });
}
