import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestHost, startTestPostgres, type TestHost, type TestPostgres } from '@cchc/testing';

describe('bearer-token auth (real PostgreSQL)', () => {
  let pg: TestPostgres;
  let host: TestHost;

  beforeAll(async () => {
    pg = await startTestPostgres();
    host = await startTestHost({ service: 'plan-management', features: [], databaseUrl: pg.url });
  });

  afterAll(async () => {
    await host?.stop();
    await pg?.stop();
  });

  it('serves health, readiness and metrics without a token', async () => {
    expect((await host.request('/health/live', { token: null })).status).toBe(200);
    const ready = await host.request('/health/ready', { token: null });
    expect(ready.status).toBe(200);
    // @nestjs/terminus's body: { status, info, error, details }.
    const body = (await ready.json()) as { status: string; details: Record<string, { status: string }> };
    expect(body.status).toBe('ok');
    expect(body.details['database:auth']?.status).toBe('up');
    const metrics = await (await host.request('/metrics', { token: null })).text();
    expect(metrics).toContain('cchc_process_resident_memory_bytes');
  });

  it('answers 401 without a token and with an unknown one', async () => {
    expect((await host.request('/api/v1/auth/tokens', { token: null })).status).toBe(401);
    expect((await host.request('/api/v1/auth/tokens', { token: 'cchc_nope' })).status).toBe(401);
    expect((await host.request('/api/v1/anything', { token: null })).status).toBe(401);
  });

  it('creates a token shown once, stores only its hash, and revokes it', async () => {
    const created = await host.request('/api/v1/auth/tokens', {
      method: 'POST',
      body: JSON.stringify({ name: 'Phòng Khảo thí', role: 'viewer' }),
    });
    expect(created.status).toBe(201);
    const { id, token } = (await created.json()) as { id: string; token: string };
    expect(token).toMatch(/^cchc_/);

    const listing = await (await host.request('/api/v1/auth/tokens')).text();
    expect(listing).toContain(id);
    expect(listing).not.toContain(token);

    // A viewer may not administer tokens.
    expect((await host.request('/api/v1/auth/tokens', { token })).status).toBe(403);
    expect((await host.request(`/api/v1/auth/tokens/${id}`, { method: 'DELETE' })).status).toBe(204);
  });

  it('rejects an editor token without units, naming the field', async () => {
    const res = await host.request('/api/v1/auth/tokens', {
      method: 'POST',
      body: JSON.stringify({ name: 'x', role: 'editor' }),
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('units');
  });

  it('serves the OpenAPI page without a token', async () => {
    const res = await host.request('/api/docs', { token: null });
    expect(res.status).toBe(200);
  });
});
