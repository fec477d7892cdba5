import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@cchc/config';
import { TTHC_CONSUMER, TTHC_STREAM } from '@cchc/contracts';
import { BatchConsumer, ensureDurableConsumer, type JsMsg } from '@cchc/messaging';
import { TthcError, TthcErrorCode } from '../kpis/kpis.errors';
import { TthcMetrics } from '../metrics/tthc.metrics';
import { EventSink } from './event-sink.service';
import { IngestionHealth } from './ingestion-health';
import { JetStreamPublisher } from './jetstream-publisher';

/** The unit a NATS subject `tthc.v1.<unit>.<type>` is sent for (deploy/nats permissions). */
export function subjectUnit(subject: string): string {
  return subject.split('.')[2] ?? '';
}

/**
 * The JetStream adapter of the one ingestion path: consumes TTHC_EVENTS with the durable pull
 * consumer shared by every replica and hands each batch to the EventSink. Acks only what the sink
 * made durable (stored, held, duplicate, or dead-lettered: terminated); when the sink cannot store
 * anything (database down) every message is nak'ed with a growing delay and never given up on
 * (the consumer's max_deliver is unlimited), while readiness says why.
 */
@Injectable()
export class TthcConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TthcConsumer.name);
  private consumer: BatchConsumer | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly publisher: JetStreamPublisher,
    private readonly sink: EventSink,
    private readonly metrics: TthcMetrics,
    private readonly health: IngestionHealth,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const conn = this.publisher.jetstream;
    if (!conn) return;
    await ensureDurableConsumer(conn.jsm, {
      stream: TTHC_STREAM,
      durable: TTHC_CONSUMER,
      maxDeliver: -1,
      ackWaitMs: this.config.ingest.ackWaitSeconds * 1000,
      // The batches in hand (twice the lanes, below) and the client's pull buffer of two batches:
      // the server's default (1,000) would hold the consumer to two batches of 500.
      maxAckPending: this.config.ingest.batchSize * (this.config.ingest.maxInFlight * 2 + 2),
    });
    this.consumer = new BatchConsumer(
      conn.js,
      {
        stream: TTHC_STREAM,
        durable: TTHC_CONSUMER,
        batchSize: this.config.ingest.batchSize,
        flushMs: this.config.ingest.flushMs,
        // Twice the lanes: while a lane commits, the parts of the next batches queue on it and
        // then share one transaction (EventSink's LaneBatcher), instead of one transaction each.
        maxInFlight: this.config.ingest.maxInFlight * 2,
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

  /** Redelivery delay after the n-th failed delivery: doubling from retryBaseMs to retryMaxMs. */
  private retryDelay(deliveryCount: number): number {
    const { retryBaseMs, retryMaxMs } = this.config.ingest;
    return Math.min(retryMaxMs, retryBaseMs * 2 ** Math.min(20, Math.max(0, deliveryCount - 1)));
  }

  async handleBatch(batch: JsMsg[]): Promise<void> {
    try {
      const results = await this.sink.accept(
        batch.map((msg) => ({
          raw: { bytes: msg.data },
          transport: 'nats' as const,
          senderUnits: [subjectUnit(msg.subject)],
          subject: msg.subject,
        })),
      );
      // Durable first, then acknowledged; a dead-lettered one is terminated (its record is kept).
      // No reason text on +TERM: nats-server before 2.10 does not parse one and ignores the ack.
      results.forEach((r, i) => {
        if (r.status === 'rejected') batch[i].term();
        else batch[i].ack();
      });
      this.health.recovered();
      const oldest = Math.min(...batch.map((m) => m.info.timestampNanos / 1e6));
      this.metrics.lag((Date.now() - oldest) / 1000);
    } catch (e) {
      const unavailable = e instanceof TthcError && e.code === TthcErrorCode.Unavailable;
      const reason = e instanceof Error ? e.message : String(e);
      const delay = this.retryDelay(Math.max(...batch.map((m) => m.info.deliveryCount)));
      if (unavailable) this.health.stall(reason, batch.length);
      this.logger.warn(
        `${batch.length} message(s) not stored, left for redelivery in ${delay} ms (never given up): ${reason}`,
      );
      for (const msg of batch) msg.nak(delay);
    }
  }
}
