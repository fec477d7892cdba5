import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@cchc/config';
import { databaseFailureKind } from '@cchc/errors';
import {
  LedgerService,
  type DeadLetterInput,
  type IngestTransport,
  type LedgerCandidate,
} from '../ledger/ledger.service';
import { ledgerSubjectKey } from '../ledger/unit-authority';
import { TthcError, TthcErrorCode } from '../kpis/kpis.errors';
import { TthcMetrics } from '../metrics/tthc.metrics';
import { admitEvents, type RawEvent } from './batch-admission';
import { LaneBatcher } from './lane-batcher';
import {
  emptyStored,
  mergeStored,
  splitStored,
  type LanePart,
  type Pending,
  type Stored,
} from './lane-parts';
import { SubjectLanes } from './subject-lanes';

export type SinkStatus = 'accepted' | 'held' | 'duplicate' | 'rejected';

export interface SinkResult {
  status: SinkStatus;
  id: string | null;
  /** Why it was rejected (each naming the field); empty otherwise. */
  errors: string[];
}

/** Parts queued on a lane while it was busy run in one transaction, up to this many events. */
const MAX_MERGED_EVENTS = 2000;

/**
 * A batch of at most this many events is stored whole in one transaction instead of one per lane
 * (alone, or joining a busy lane's next one): at a steady trickle (1,000 events/s flushed every
 * 50 ms: ~50 events a batch) the lanes' transactions would each pay a commit and serialise on the
 * rollup lock anyway. Larger batches (a backlog) are split across the lanes, which run at once.
 */
const ALONE_MAX_EVENTS = 100;

/**
 * The one ingestion path (architecture.md §4 rev. 2) that HTTP, JetStream and the in-process
 * transport hand raw events to: each event is decoded, screened and validated on its own (a bad one
 * is dead-lettered and never sinks the others), checked for unit authority, and stored durably and
 * idempotently by the ledger, which projects it, all in one transaction. The returned results are
 * durable; if this throws, nothing is, and the transport must not acknowledge anything.
 */
@Injectable()
export class EventSink {
  private readonly logger = new Logger(EventSink.name);
  private readonly lanes: SubjectLanes;
  private readonly batcher: LaneBatcher<LanePart, Stored>;

  constructor(
    private readonly ledger: LedgerService,
    private readonly metrics: TthcMetrics,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.lanes = new SubjectLanes(config.ingest.maxInFlight);
    this.batcher = new LaneBatcher<LanePart, Stored>(config.ingest.maxInFlight, {
      size: (p) => p.candidates.length + p.deadLetters.length,
      maxItems: MAX_MERGED_EVENTS,
      compatible: (a, b) => a.transport === b.transport,
      work: async (parts) => {
        const outcome = await this.storeIsolated(
          parts.flatMap((p) => p.candidates),
          parts.flatMap((p) => p.deadLetters),
        );
        // Once per transaction: the metrics of the events it applied (one transport by `compatible`).
        this.metrics.recordOutcome(outcome, parts[0].transport);
        return outcome;
      },
      split: splitStored,
    });
  }

  async accept(events: readonly RawEvent[]): Promise<SinkResult[]> {
    const started = process.hrtime.bigint();
    const results: SinkResult[] = new Array<SinkResult>(events.length);
    const { candidates, rejections } = admitEvents(events);
    for (const { index, deadLetter } of rejections)
      results[index] = { status: 'rejected', id: deadLetter.eventId, errors: deadLetter.errors };
    const deadLetters = rejections.map((r) => r.deadLetter);

    const transport = events[0]?.transport ?? 'in_process';
    const outcome = await this.storeInLanes(candidates, deadLetters, transport);
    for (const c of outcome.unstorable)
      results[c.index] = { status: 'rejected', id: c.event.id, errors: [c.error] };

    for (const c of outcome.applied) results[c.index] = { status: 'accepted', id: c.event.id, errors: [] };
    for (const c of outcome.held) results[c.index] = { status: 'held', id: c.event.id, errors: [] };
    for (const c of outcome.duplicateCandidates)
      results[c.index] = { status: 'duplicate', id: c.event.id, errors: [] };
    const mine = new Set<LedgerCandidate>(candidates);
    for (const { candidate, error } of outcome.refused) {
      // Refused held follow-ups of earlier deliveries are not this call's: their dead letter says it.
      if (mine.has(candidate))
        results[(candidate as Pending).index] = {
          status: 'rejected',
          id: candidate.event.id,
          errors: [error],
        };
    }
    for (const d of deadLetters) {
      this.metrics.rejected(d.transport, d.reason);
      this.metrics.deadLettered(d.transport, d.reason);
    }
    for (const { candidate } of outcome.refused) {
      this.metrics.rejected(candidate.transport, 'unit_mismatch');
      this.metrics.deadLettered(candidate.transport, 'unit_mismatch');
    }
    for (const c of outcome.unstorable) {
      this.metrics.rejected(c.transport, 'unstorable');
      this.metrics.deadLettered(c.transport, 'unstorable');
    }
    this.metrics.batchDuration(transport, Number(process.hrtime.bigint() - started) / 1e9);
    return results;
  }

  /**
   * Stores the batch's part of each subject lane on that lane (one transaction at a time a lane;
   * lanes run at once; parts of other batches queued on the same lane may share the transaction:
   * LaneBatcher), or a small batch whole in one transaction: on its own when no lane is busy
   * (LaneBatcher.runAlone), else in the next transaction of a busy lane (LaneBatcher.submitToBusy;
   * until session 20 it was split across the lanes, and the part on the idle lane started a
   * transaction that then waited for the busy one's counter locks). Such a batch may hold subjects
   * of the other lane: the ledger's subject locks, taken in one order, keep that correct. Each
   * part's outcome is durable on its own: when one part fails, the others may have committed,
   * and the caller, which then acknowledges nothing, sees them as duplicates on redelivery (ids
   * deduplicate, exactly once).
   */
  private async storeInLanes(
    candidates: Pending[],
    deadLetters: DeadLetterInput[],
    transport: IngestTransport,
  ): Promise<Stored> {
    if (candidates.length + deadLetters.length <= ALONE_MAX_EVENTS) {
      const part = { candidates, deadLetters, transport };
      return this.batcher.runAlone(part) ?? this.batcher.submitToBusy(part);
    }
    const partitioned = this.lanes.partition(candidates, (c) => ledgerSubjectKey(c.event));
    // A batch of rejected events only still has its dead letters to store (on lane 0).
    const parts = partitioned.length > 0 ? partitioned : [{ lane: 0, items: [] }];
    const settled = await Promise.allSettled(
      parts.map((p, i) =>
        this.batcher.submit(p.lane, {
          candidates: p.items,
          deadLetters: i === 0 ? deadLetters : [],
          transport,
        }),
      ),
    );
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    return mergeStored(settled.map((s) => (s as PromiseFulfilledResult<Stored>).value));
  }

  /**
   * Stores the batch in one transaction; when that fails with the database up, the failure is one
   * event's: halves are stored apart until the event that cannot be stored is found and
   * dead-lettered (O(k log n) transactions for k such events, never one per event). With the
   * database down nothing is stored and this throws `UNAVAILABLE`.
   */
  private async storeIsolated(candidates: Pending[], deadLetters: DeadLetterInput[]): Promise<Stored> {
    try {
      return { ...(await this.ledger.store(candidates, deadLetters)), unstorable: [] };
    } catch (error) {
      await this.requireDatabase(error);
      if (candidates.length === 0) throw error;
      if (candidates.length === 1) {
        const [c] = candidates;
        const message = error instanceof Error ? error.message : 'unknown error';
        this.logger.error(
          `Event ${c.event.id} cannot be stored, dead-lettered: ${message}`,
          error instanceof Error ? error.stack : undefined,
        );
        const why = `event: could not be stored (${message.slice(0, 200)})`;
        await this.ledger.recordDeadLetters([
          ...deadLetters,
          {
            eventId: c.event.id,
            transport: c.transport,
            subject: c.subject,
            reason: 'unstorable',
            errors: [why],
            payload: c.payload,
          },
        ]);
        return { ...emptyStored(), unstorable: [{ ...c, error: why }] };
      }
      const mid = Math.ceil(candidates.length / 2);
      const a = await this.storeIsolated(candidates.slice(0, mid), deadLetters);
      const b = await this.storeIsolated(candidates.slice(mid), []);
      return mergeStored([a, b]);
    }
  }

  /**
   * Throws `UNAVAILABLE` unless the failure can be the batch's own: the database answers, and the
   * error is not one of a connection or server that is away or busy. Right after an outage a pooled
   * connection may still be dead while a fresh one answers the ping: such an error is transient,
   * never grounds to dead-letter an event.
   */
  private async requireDatabase(cause: unknown): Promise<void> {
    let reason: string | undefined;
    if (databaseFailureKind(cause) === 'unavailable')
      reason = cause instanceof Error ? cause.message : 'unavailable';
    else
      try {
        await this.ledger.ping();
      } catch (e) {
        reason = e instanceof Error ? e.message : 'unreachable';
      }
    if (reason !== undefined)
      throw new TthcError(TthcErrorCode.Unavailable, `The database cannot store events now (${reason})`, {
        cause,
      });
  }
}
