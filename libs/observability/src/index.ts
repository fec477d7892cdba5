export { HealthRegistry } from './health.registry';
export type { HealthCheck, HealthReport, HealthWarning } from './health.registry';
export { ObservabilityModule } from './observability.module';
export { counter, gauge, histogram, collectProcessMetrics, metricsRegistry } from './metrics';
export type { MetricDefinition } from './metrics';
export { httpMetricsMiddleware } from './http-metrics.middleware';
export { createLogger } from './logger';
export { UnhandledExceptionFilter } from './unhandled-exception.filter';
