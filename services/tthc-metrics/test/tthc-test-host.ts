// The one set-up of the tthc-metrics e2e specs that run the module in-process: its own
// PostgreSQL, a nats-server when asked for, the host, and the module's DataSource.
import { getDataSourceToken } from '@nestjs/typeorm';
import type { AppConfig } from '@cchc/config';
import {
  startTestHost,
  startTestNats,
  startTestPostgres,
  type TestHost,
  type TestNats,
  type TestPostgres,
} from '@cchc/testing';
import type { DataSource } from 'typeorm';
import { TthcMetricsModule } from '../src/tthc-metrics.module';
import { TTHC_CONNECTION } from '../src/tthc.constants';

export interface TthcTestHost {
  pg: TestPostgres;
  /** Null when started without NATS (the in-process transport). */
  nats: TestNats | null;
  host: TestHost;
  db: DataSource;
  stop(): Promise<void>;
}

/** A host started with `nats: true`. */
export type TthcNatsTestHost = TthcTestHost & { nats: TestNats };

/**
 * Ingest settings for the specs of retries, redeliveries and dead letters: small batches, a
 * redelivery after a second, retries in tenths of a second, two deliveries before a dead letter.
 */
export const FAST_RETRY_INGEST: AppConfig['ingest'] = {
  batchSize: 100,
  flushMs: 20,
  maxInFlight: 2,
  maxDeliver: 2,
  ackWaitSeconds: 1,
  retryBaseMs: 100,
  retryMaxMs: 1000,
};

export function startTthcTestHost(options: {
  nats: true;
  config?: Partial<AppConfig>;
}): Promise<TthcNatsTestHost>;
export function startTthcTestHost(options?: { config?: Partial<AppConfig> }): Promise<TthcTestHost>;
export async function startTthcTestHost(
  options: { nats?: boolean; config?: Partial<AppConfig> } = {},
): Promise<TthcTestHost> {
  const [pg, nats] = await Promise.all([
    startTestPostgres(),
    options.nats ? startTestNats() : Promise.resolve(null),
  ]);
  try {
    const host = await startTestHost({
      service: 'tthc-metrics',
      features: [TthcMetricsModule],
      databaseUrl: pg.url,
      natsUrl: nats?.url,
      config: options.config,
    });
    return {
      pg,
      nats,
      host,
      db: host.app.get<DataSource>(getDataSourceToken(TTHC_CONNECTION)),
      stop: async () => {
        await host.stop();
        await Promise.all([pg.stop(), nats?.stop()]);
      },
    };
  } catch (e) {
    await Promise.all([pg.stop(), nats?.stop()]);
    throw e;
  }
}
