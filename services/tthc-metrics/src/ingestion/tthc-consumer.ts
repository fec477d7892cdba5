import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@cchc/config';
import {
  eventUnitCode,
  TTHC_CONSUMER,
  TTHC_STREAM,
  validateTthcEvent,
  type TthcEvent,
} from '@cchc/contracts';
import { BatchConsumer, ensureDurableConsumer, type JsMsg } from '@cchc/messaging';
import { LedgerService, type DeadLetterInput } from '../ledger/ledger.service';
import { TthcMetrics } from '../metrics/tthc.metrics';
import { deadLetter } from './ingestion.service';
import { JetStreamPublisher } from './jetstream-publisher';

// Redelivery delays after a transient failure (database down, deadlock): bounded by max_deliver.
const BACKOFF_MS = [1_000, 5_000, 15_000, 30_000, 60_000];
const decoder = new TextDecoder();

/**
 * Consumes TTHC_EVENTS with the durable pull consumer shared by every replica. A batch is acked
 * only after it is committed to PostgreSQL; an invalid message is dead-lettered (with its raw
 * payload and reasons) and terminated, never blocking those behind it; a message that keeps
 * failing is retried with backoff, then dead-lettered at max_deliver.
 */
@Injectable()
export class TthcConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TthcConsumer.name);
  private consumer: BatchConsumer | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly publisher: JetStreamPublisher,
    private readonly ledger: LedgerService,
    private readonly metrics: TthcMetrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const conn = this.publisher.jetstream;
    if (!conn) return;
    await ensureDurableConsumer(conn.jsm, {
      stream: TTHC_STREAM,
      durable: TTHC_CONSUMER,
      maxDeliver: this.config.ingest.maxDeliver,
      ackWaitMs: this.config.ingest.ackWaitSeconds * 1000,
      backoffMs: BACKOFF_MS,
    });
    this.consumer = new BatchConsumer(
      conn.js,
      {
        stream: TTHC_STREAM,
        durable: TTHC_CONSUMER,
        batchSize: this.config.ingest.batchSize,
        flushMs: this.config.ingest.flushMs,
        onError: (e) => this.logger.error(`Consumer error: ${String(e)}`),
      },
      (batch) => this.handleBatch(batch),
    );
    await this.consumer.start();
    this.logger.log(`Consuming ${TTHC_STREAM} as ${TTHC_CONSUMER}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }

  async handleBatch(batch: JsMsg[]): Promise<void> {
    const started = process.hrtime.bigint();
    const valid: Array<{ msg: JsMsg; event: TthcEvent }> = [];
    const invalid: Array<{ msg: JsMsg; letter: DeadLetterInput }> = [];
    for (const msg of batch) {
      const checked = this.check(msg);
      if ('event' in checked) valid.push({ msg, event: checked.event });
      else invalid.push({ msg, letter: checked.letter });
    }
    try {
      const outcome = await this.ledger.ingest(
        valid.map((v) => v.event),
        'nats',
        invalid.map((i) => i.letter),
      );
      // Durable first, then acknowledged.
      for (const v of valid) v.msg.ack();
      for (const i of invalid) {
        i.msg.term(i.letter.errors[0]?.slice(0, 200));
        this.metrics.rejected('nats', i.letter.reason);
        this.metrics.deadLettered('nats', i.letter.reason);
      }
      this.metrics.recordOutcome(outcome, 'nats');
      this.metrics.batchDuration('nats', Number(process.hrtime.bigint() - started) / 1e9);
      const oldest = Math.min(...batch.map((m) => m.info.timestampNanos / 1e6));
      this.metrics.lag((Date.now() - oldest) / 1000);
    } catch (e) {
      if (batch.length > 1) {
        // Find the poison message: retry one by one, so the others are not held back by it.
        for (const msg of batch) await this.handleBatch([msg]);
        return;
      }
      await this.failed(batch[0], e);
    }
  }

  private check(msg: JsMsg): { event: TthcEvent } | { letter: DeadLetterInput } {
    const raw = decoder.decode(msg.data);
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch (e) {
      return {
        letter: deadLetter(
          null,
          raw,
          [`body: not JSON (${e instanceof Error ? e.message : String(e)})`],
          'malformed',
          'nats',
          msg.subject,
        ),
      };
    }
    const result = validateTthcEvent(parsed);
    if (!result.ok) {
      const reason = result.errors.some((x) => x.startsWith('type:')) ? 'unknown_type' : 'invalid';
      return { letter: deadLetter(result.id, raw, result.errors, reason, 'nats', msg.subject) };
    }
    // The subject names the unit the publisher may speak for (deploy/nats permissions); an event
    // carrying another unitCode is refused.
    const subjectUnit = msg.subject.split('.')[2];
    const unit = eventUnitCode(result.event);
    if (unit !== null && subjectUnit !== unit) {
      return {
        letter: deadLetter(
          result.event.id,
          raw,
          [`unitCode: "${unit}" does not match the subject's unit "${subjectUnit}" (${msg.subject})`],
          'unit_forbidden',
          'nats',
          msg.subject,
        ),
      };
    }
    return { event: result.event };
  }

  private async failed(msg: JsMsg, error: unknown): Promise<void> {
    const reason = error instanceof Error ? error.message : String(error);
    if (msg.info.deliveryCount < this.config.ingest.maxDeliver) {
      const delay = BACKOFF_MS[Math.min(msg.info.deliveryCount - 1, BACKOFF_MS.length - 1)];
      this.logger.warn(
        `Message ${msg.seq} failed (delivery ${msg.info.deliveryCount}), retrying in ${delay} ms: ${reason}`,
      );
      msg.nak(delay);
      return;
    }
    // Poison: give up on it, but only once the dead-letter record is safely written.
    try {
      const raw = decoder.decode(msg.data);
      await this.ledger.recordDeadLetters([
        deadLetter(
          null,
          raw,
          [`processing failed ${msg.info.deliveryCount} times: ${reason}`],
          'max_deliveries',
          'nats',
          msg.subject,
        ),
      ]);
      msg.term('max deliveries');
      this.metrics.deadLettered('nats', 'max_deliveries');
      this.logger.error(
        `Message ${msg.seq} dead-lettered after ${msg.info.deliveryCount} deliveries: ${reason}`,
      );
    } catch (e) {
      this.logger.error(`Could not dead-letter message ${msg.seq}, leaving it for redelivery: ${String(e)}`);
      msg.nak(BACKOFF_MS[BACKOFF_MS.length - 1]);
    }
  }
}
