import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestHost, startTestPostgres, type TestHost, type TestPostgres } from '@cchc/testing';

describe('GET /api/v1/auth/me (real PostgreSQL)', () => {
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

  it('tells every role who it is: name, role and units, never the token', async () => {
    for (const body of [
      { name: 'Văn phòng', role: 'editor', units: ['vp'] },
      { name: 'Lãnh đạo Sở', role: 'viewer' },
      { name: 'Một cửa Khảo thí', role: 'ingest', units: ['ktkd'] },
    ]) {
      const created = await host.request('/api/v1/auth/tokens', {
        method: 'POST',
        body: JSON.stringify(body),
      });
      const { token } = (await created.json()) as { token: string };
      const me = await host.request('/api/v1/auth/me', { token });
      expect(me.status).toBe(200);
      const text = await me.text();
      expect(JSON.parse(text)).toEqual({ name: body.name, role: body.role, units: body.units ?? [] });
      expect(text).not.toContain(token);
    }
  });

  it('answers 401 without a valid token', async () => {
    expect((await host.request('/api/v1/auth/me', { token: null })).status).toBe(401);
    expect((await host.request('/api/v1/auth/me', { token: 'cchc_unknown' })).status).toBe(401);
  });
});
