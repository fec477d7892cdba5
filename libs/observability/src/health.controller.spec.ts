import { afterEach, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { HealthRegistry } from './health.registry';
import { ObservabilityModule } from './observability.module';

// The HTTP answers of /health/live and /health/ready through terminus, on a real Express server.
describe('HealthController', () => {
  let app: INestApplication | undefined;

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  async function serve(setup: (registry: HealthRegistry) => void) {
    const moduleRef = await Test.createTestingModule({ imports: [ObservabilityModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    setup(app.get(HealthRegistry));
    await app.listen(0, '127.0.0.1');
    const url = await app.getUrl();
    return async (path: string) => {
      const res = await fetch(`${url}${path}`);
      return {
        status: res.status,
        cache: res.headers.get('cache-control'),
        body: await res.json(),
      };
    };
  }

  it('answers ready with 200 and terminus’s body when every indicator is up', async () => {
    const get = await serve((r) => r.register('database:plan', () => Promise.resolve()));
    const ready = await get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.cache).toBe('no-store');
    expect(ready.body).toMatchObject({
      status: 'ok',
      info: { 'database:plan': { status: 'up' } },
      error: {},
      details: { 'database:plan': { status: 'up' } },
    });
  });

  it('stays ready (200, status degraded) when only a warning applies', async () => {
    const get = await serve((r) => {
      r.register('nats', () => Promise.resolve());
      r.registerWarning('calendar', () => 'Lịch làm việc chỉ có dữ liệu đến hết năm 2030');
    });
    const ready = await get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({
      status: 'degraded',
      details: {
        nats: { status: 'up' },
        calendar: { status: 'degraded', message: 'Lịch làm việc chỉ có dữ liệu đến hết năm 2030' },
      },
    });
  });

  it('answers 503 naming the reason of each indicator down, and live stays 200', async () => {
    const get = await serve((r) => {
      r.register('nats', () => Promise.resolve());
      r.register('ingestion', () =>
        Promise.reject(new Error('ingestion stalled since 2026-12-01T08:00:00.000Z')),
      );
      r.registerWarning('calendar', () => 'sắp hết phạm vi');
    });
    const ready = await get('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.cache).toBe('no-store');
    expect(ready.body).toMatchObject({
      status: 'error',
      info: { nats: { status: 'up' }, calendar: { status: 'degraded' } },
      error: { ingestion: { status: 'down', message: 'ingestion stalled since 2026-12-01T08:00:00.000Z' } },
    });
    const live = await get('/health/live');
    expect(live).toEqual({
      status: 200,
      cache: 'no-store',
      body: { status: 'ok', info: {}, error: {}, details: {} },
    });
  });
});
