import { type Type } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AppConfig, loadConfig, type ServiceName } from '@cchc/config';
import { type ServiceHost, startServiceHost } from '@cchc/platform';
import { authorizedFetch, TEST_ADMIN_TOKEN, type TestRequest } from './authorized-fetch';
import { freePort } from './free-port';

export interface TestHost extends ServiceHost {
  baseUrl: string;
  /** fetch() against the host with the admin token unless `token` is given (null: none). */
  request: TestRequest;
}

/** Starts real feature modules on a free port against the given PostgreSQL (and NATS). */
export async function startTestHost(options: {
  service: ServiceName;
  features: Array<Type<unknown>>;
  databaseUrl: string;
  natsUrl?: string;
  config?: Partial<AppConfig>;
}): Promise<TestHost> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'cchc-data-'));
  const config = loadConfig(
    options.service,
    { LOG_LEVEL: 'warn', LOG_FORMAT: 'text' },
    {
      port,
      databaseUrl: options.databaseUrl,
      natsUrl: options.natsUrl,
      bootstrapAdminToken: TEST_ADMIN_TOKEN,
      dataDir,
      ...options.config,
    },
  );
  const host = await startServiceHost({
    service: options.service,
    title: 'test',
    features: options.features,
    config,
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    ...host,
    // The data directory is the test's own: removed with the host (unless the test chose one).
    stop: async () => {
      await host.stop();
      if (config.dataDir === dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
    baseUrl,
    request: authorizedFetch(baseUrl),
  };
}
