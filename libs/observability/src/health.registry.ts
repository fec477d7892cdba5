import { Injectable, Optional } from '@nestjs/common';
import { type HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';

/** A dependency's readiness: resolves when usable, rejects with a human-readable reason otherwise. */
export type HealthCheck = () => Promise<void>;

/** A condition worth an operator's attention that does not make the service unready: a message, or null. */
export type HealthWarning = () => string | null;

/** A terminus indicator: resolves to `{ [key]: { status: 'up' | 'degraded' | 'down', … } }`. */
export type HealthIndicator = () => Promise<HealthIndicatorResult>;

/** How long one check may take before its indicator is `down` ("timeout of … exceeded"). */
export const HEALTH_CHECK_TIMEOUT_MS = 2000;

/**
 * Where dependencies (each database schema, NATS, JetStream, ingestion, the working calendar) add
 * their @nestjs/terminus health indicator; `/health/ready` runs them all through terminus's
 * `HealthCheckService` (health.controller.ts).
 *
 * - `register`: a check turned into an indicator, `up` (with `responseTime`) or `down` with the
 *   check's error as `message`;
 * - `registerWarning`: `up`, or `degraded` with the warning as `message`. A degraded indicator never
 *   fails readiness: the body's `status` is `degraded` and the HTTP status stays 200;
 * - `registerIndicator`: an indicator written against terminus directly (e.g. `IngestionHealth`).
 */
@Injectable()
export class HealthRegistry {
  private readonly entries = new Map<string, HealthIndicator>();

  constructor(
    @Optional() private readonly indicators: HealthIndicatorService = new HealthIndicatorService(),
  ) {}

  register(name: string, check: HealthCheck): void {
    this.entries.set(name, () =>
      Promise.resolve(
        this.indicators
          .check(name)
          .attempt(() => check())
          .withTimeout(HEALTH_CHECK_TIMEOUT_MS),
      ),
    );
  }

  /** A warning reported by /health/ready as a `degraded` indicator, without failing it. */
  registerWarning(name: string, warning: HealthWarning): void {
    this.entries.set(name, () => {
      const indicator = this.indicators.check(name);
      const message = warning();
      return Promise.resolve(message === null ? indicator.up() : indicator.degraded({ message }));
    });
  }

  registerIndicator(name: string, indicator: HealthIndicator): void {
    this.entries.set(name, indicator);
  }

  /** The session to build an indicator's result with (`up`, `degraded`, `down`). */
  indicator<const K extends string>(name: K) {
    return this.indicators.check(name);
  }

  /** Every registered indicator, for `HealthCheckService.check`. */
  all(): HealthIndicator[] {
    return [...this.entries.values()];
  }

  /** Every indicator's result merged, as terminus puts them under `details` (for tests and tools). */
  async details(): Promise<HealthIndicatorResult> {
    const results = await Promise.all(this.all().map((indicator) => indicator()));
    return Object.assign({}, ...results) as HealthIndicatorResult;
  }
}
