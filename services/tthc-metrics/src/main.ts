import 'reflect-metadata';
import { runServiceProcess, startServiceHost } from '@cchc/platform';
import { TthcMetricsModule } from './tthc-metrics.module';

// Distributed mode: tthc-metrics alone (DATABASE_URL, NATS_URL, port 3002).
void runServiceProcess(() =>
  startServiceHost({ service: 'tthc-metrics', title: 'CCHC tthc-metrics', features: [TthcMetricsModule] }),
);
