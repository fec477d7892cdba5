import 'reflect-metadata';
import { runServiceProcess, startServiceHost } from '@cchc/platform';
import { PlanManagementModule } from './plan-management.module';

// Distributed mode: plan-management alone (DATABASE_URL, NATS_URL, port 3001).
void runServiceProcess(() =>
  startServiceHost({
    service: 'plan-management',
    title: 'CCHC plan-management',
    features: [PlanManagementModule],
  }),
);
