import { Injectable } from '@nestjs/common';
import { Metrics, REJECT_REASONS, TRANSPORTS } from '@cchc/contracts';
import { counter, gauge, histogram } from '@cchc/observability';
import type { IngestOutcome, IngestTransport } from '../ledger/ledger.service';

type Timeliness = 'early' | 'on_time' | 'late';

function timeliness(resolved: string, due: string): Timeliness {
  return resolved < due ? 'early' : resolved === due ? 'on_time' : 'late';
}

/**
 * tthc-metrics' counters and histograms (the catalog in @cchc/contracts); the gauges are
 * KpiGauges and ServiceIndexGauges, refreshed by GaugeRefresh.
 */
@Injectable()
export class TthcMetrics {
  private readonly ingested = counter(Metrics.tthcEventsIngested);
  private readonly rejectedTotal = counter(Metrics.tthcEventsRejected);
  private readonly duplicates = counter(Metrics.tthcEventsDuplicate);
  private readonly deadLetters = counter(Metrics.tthcDeadLetters);
  private readonly batch = histogram(Metrics.tthcIngestBatchDuration);
  private readonly lagSeconds = gauge(Metrics.tthcProcessingLag);
  private readonly received = counter(Metrics.tthcDossiersReceived);
  private readonly resolved = counter(Metrics.tthcDossiersResolved);

  constructor() {
    // Fixed label sets start at 0, so that a rate() panel shows 0 rather than "no data".
    for (const transport of TRANSPORTS) {
      for (const reason of REJECT_REASONS) {
        this.rejectedTotal.inc({ transport, reason }, 0);
        this.deadLetters.inc({ transport, reason }, 0);
      }
    }
  }

  recordOutcome(outcome: IngestOutcome, transport: IngestTransport): void {
    const units = new Map<string, string>();
    for (const c of outcome.dossierChanges) units.set(c.after.dossierCode, c.after.unitCode);
    // Follow-up events carry no unit: the dossier's, when known (a bounded label either way).
    const unitOf = (e: IngestOutcome['accepted'][number]): string => {
      if ('unitCode' in e.data) return e.data.unitCode;
      const code = 'dossierCode' in e.data ? e.data.dossierCode : undefined;
      return (code && units.get(code)) || 'unknown';
    };
    for (const e of outcome.accepted) this.ingested.inc({ unit: unitOf(e), transport });
    for (const e of outcome.duplicates) this.duplicates.inc({ unit: unitOf(e), transport });
    for (const { before, after } of outcome.dossierChanges) {
      if (!before) this.received.inc({ unit: after.unitCode, channel: after.channel });
      if (after.resolvedDate && !before?.resolvedDate) {
        this.resolved.inc({
          unit: after.unitCode,
          timeliness: timeliness(after.resolvedDate, after.dueDate),
        });
      }
    }
  }

  duplicate(unit: string, transport: IngestTransport): void {
    this.duplicates.inc({ unit, transport });
  }

  rejected(transport: IngestTransport, reason: string): void {
    this.rejectedTotal.inc({ transport, reason });
  }

  deadLettered(transport: IngestTransport, reason: string): void {
    this.deadLetters.inc({ transport, reason });
  }

  batchDuration(transport: IngestTransport, seconds: number): void {
    this.batch.observe({ transport }, seconds);
  }

  /** Seconds from JetStream storing the oldest message of the batch to its commit. */
  lag(seconds: number): void {
    this.lagSeconds.set(Math.max(0, seconds));
  }
}
