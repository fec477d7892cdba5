import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@cchc/config';
import { TTHC_STREAM, TTHC_STREAM_SUBJECTS } from '@cchc/contracts';
import { connectJetStream, ensureStream, type JetStreamConnection } from '@cchc/messaging';
import { HealthRegistry } from '@cchc/observability';

/**
 * The service's JetStream connection (distributed mode only): creates the TTHC_EVENTS stream at
 * start-up for the consumer. (HTTP-ingested events go to the ledger directly, the one path.)
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

  async onApplicationShutdown(): Promise<void> {
    await this.connection?.close();
  }
}
