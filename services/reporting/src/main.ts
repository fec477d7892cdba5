import 'reflect-metadata';
import { runServiceProcess, startServiceHost } from '@cchc/platform';
import { ReportingModule } from './reporting.module';

// Distributed mode: reporting alone (DATABASE_URL, NATS_URL, port 3003).
void runServiceProcess(() =>
  startServiceHost({ service: 'reporting', title: 'CCHC reporting', features: [ReportingModule] }),
);
