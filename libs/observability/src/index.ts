export { HealthRegistry, HEALTH_CHECK_TIMEOUT_MS } from './health.registry';
export type { HealthCheck, HealthIndicator, HealthWarning } from './health.registry';
export { ObservabilityModule } from './observability.module';
export { counter, gauge, histogram, collectProcessMetrics, metricsRegistry } from './metrics';
export type { MetricDefinition } from './metrics';
export { PeriodicRefresh } from './periodic-refresh';
export { httpMetricsMiddleware } from './http-metrics.middleware';
export {
  bootLogger,
  createHttpLogger,
  createRootLogger,
  loggerModule,
  PinoNestLogger,
  REDACTED_PATHS,
  requestId,
} from './logging';
export type { LogLevel, RootLogger } from './logging';
export { formatTextLine, textLogStream } from './text-log-stream';
export { UnhandledExceptionFilter } from './unhandled-exception.filter';
