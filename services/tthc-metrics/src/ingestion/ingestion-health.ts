import { Injectable } from '@nestjs/common';
import { HealthRegistry } from '@cchc/observability';

/**
 * Readiness says why ingestion is stalled (architecture.md §4 rev. 2): while the database cannot
 * take events, nothing is acknowledged and JetStream keeps the messages; this check names the
 * cause and since when, so an operator sees it on /health/ready instead of in a lost count.
 */
@Injectable()
export class IngestionHealth {
  private stalled: { since: Date; reason: string; waiting: number } | undefined;

  constructor(health: HealthRegistry) {
    health.register('ingestion', () => {
      const s = this.stalled;
      if (!s) return Promise.resolve();
      return Promise.reject(
        new Error(
          `ingestion stalled since ${s.since.toISOString()}: ${s.reason}; ${s.waiting} message(s) left unacknowledged for redelivery`,
        ),
      );
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
