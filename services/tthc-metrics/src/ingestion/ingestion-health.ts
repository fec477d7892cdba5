import { Injectable } from '@nestjs/common';
import type { HealthIndicatorResult } from '@nestjs/terminus';
import { HealthRegistry } from '@cchc/observability';

/**
 * Readiness says why ingestion is stalled (architecture.md §4 rev. 2): while the database cannot
 * take events, nothing is acknowledged and JetStream keeps the messages. This @nestjs/terminus
 * indicator (`ingestion`) is `down` meanwhile, naming the cause and since when in
 * `details.ingestion.message`, so an operator sees it on /health/ready instead of in a lost count.
 */
@Injectable()
export class IngestionHealth {
  private stalled: { since: Date; reason: string; waiting: number } | undefined;

  constructor(private readonly health: HealthRegistry) {
    health.registerIndicator('ingestion', () => Promise.resolve(this.isHealthy()));
  }

  /** `{ ingestion: { status: 'up' } }`, or `down` with `message`, `since`, `reason`, `unacknowledged`. */
  isHealthy(): HealthIndicatorResult<'ingestion'> {
    const indicator = this.health.indicator('ingestion');
    const s = this.stalled;
    if (!s) return indicator.up();
    return indicator.down({
      message: `ingestion stalled since ${s.since.toISOString()}: ${s.reason}; ${s.waiting} message(s) left unacknowledged for redelivery`,
      since: s.since.toISOString(),
      reason: s.reason,
      unacknowledged: s.waiting,
    });
  }

  stall(reason: string, waiting: number): void {
    this.stalled = { since: this.stalled?.since ?? new Date(), reason, waiting };
  }

  recovered(): void {
    this.stalled = undefined;
  }

  get isStalled(): boolean {
    return this.stalled !== undefined;
  }
}
