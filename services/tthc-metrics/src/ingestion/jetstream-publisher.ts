import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@cchc/config';
import { TTHC_STREAM, TTHC_STREAM_SUBJECTS, tthcSubject, type TthcEvent } from '@cchc/contracts';
import { connectJetStream, ensureStream, type JetStreamConnection } from '@cchc/messaging';
import { HealthRegistry } from '@cchc/observability';

/**
 * The service's JetStream connection (distributed mode only): creates the TTHC_EVENTS stream at
 * start-up and publishes HTTP-ingested events to it, waiting for each acknowledgement.
 */
@Injectable()
export class JetStreamPublisher implements OnModuleInit, OnApplicationShutdown {
  private connection: JetStreamConnection | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly health: HealthRegistry,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.natsUrl) return;
    this.connection = await connectJetStream(this.config.natsUrl, `${this.config.service}-jetstream`, {
      user: this.config.natsUser,
      pass: this.config.natsPass,
    });
    await ensureStream(this.connection.jsm, TTHC_STREAM, [TTHC_STREAM_SUBJECTS]);
    this.health.register('jetstream', async () => {
      await this.connection!.jsm.streams.info(TTHC_STREAM);
    });
  }

  get jetstream(): JetStreamConnection | undefined {
    return this.connection;
  }

  /** Publishes with Nats-Msg-Id = event id; `duplicate` is JetStream's own dedup verdict. */
  async publish(
    items: Array<{ event: TthcEvent; unit: string; msgId?: string }>,
  ): Promise<Array<{ id: string; duplicate: boolean }>> {
    const js = this.connection?.js;
    if (!js) throw new Error('JetStream is not connected');
    // Pipelined: all publishes in flight at once, each awaited for its ack.
    return Promise.all(
      items.map(async ({ event, unit, msgId }) => {
        const ack = await js.publish(tthcSubject(unit, event.type), JSON.stringify(event), {
          msgID: msgId ?? event.id,
        });
        return { id: event.id, duplicate: ack.duplicate };
      }),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection?.close();
  }
}
