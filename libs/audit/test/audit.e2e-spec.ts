import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import type { AuditPage } from '@cchc/contracts';
import { schemaDataSourceOptions } from '@cchc/database';
import { startTestHost, startTestPostgres, type TestHost, type TestPostgres } from '@cchc/testing';
import { AUDIT_SCHEMA } from '../src/audit.module';

describe('audit trail (real PostgreSQL)', () => {
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

  async function page(query = ''): Promise<AuditPage> {
    const res = await host.request(`/api/v1/audit${query}`);
    expect(res.status).toBe(200);
    return (await res.json()) as AuditPage;
  }

  it('records token writes with who, when, before and after, and never the token', async () => {
    const created = await host.request('/api/v1/auth/tokens', {
      method: 'POST',
      body: JSON.stringify({ name: 'Phòng Khảo thí', role: 'viewer' }),
    });
    const { id, token } = (await created.json()) as { id: string; token: string };
    expect((await host.request(`/api/v1/auth/tokens/${id}`, { method: 'DELETE' })).status).toBe(204);

    const { entries } = await page('?entity=auth.token');
    expect(entries.map((e) => e.action)).toEqual(['auth.token.created', 'auth.token.revoked']);
    expect(entries[0]).toMatchObject({
      entity: 'auth.token',
      entityId: id,
      service: 'plan-management',
      actor: { prefix: 'bootstrap', role: 'admin', name: 'BOOTSTRAP_ADMIN_TOKEN' },
      before: null,
      after: { name: 'Phòng Khảo thí', role: 'viewer', prefix: token.slice(0, 12) },
    });
    expect(entries[1].before).toEqual({ revokedAt: null });
    expect(Date.parse(entries[1].at)).toBeGreaterThan(Date.now() - 60_000);
    expect(JSON.stringify(entries)).not.toContain(token);
  });

  it('pages by the last id and filters by time', async () => {
    for (const name of ['a', 'b', 'c']) {
      await host.request('/api/v1/auth/tokens', {
        method: 'POST',
        body: JSON.stringify({ name, role: 'viewer' }),
      });
    }
    const first = await page('?entity=auth.token&limit=2');
    expect(first.entries).toHaveLength(2);
    expect(first.next).toBe(first.entries[1].id);
    const rest = await page(`?entity=auth.token&after=${first.next}`);
    expect(rest.entries.map((e) => (e.after as { name: string }).name)).toEqual(['a', 'b', 'c']);
    expect(rest.next).toBeNull();
    expect((await page('?after=2999-01-01T00:00:00Z')).entries).toEqual([]);
    const bad = await host.request('/api/v1/audit?after=yesterday&entity=NO%20SUCH');
    expect(bad.status).toBe(400);
    const text = JSON.stringify(await bad.json());
    expect(text).toContain('after');
    expect(text).toContain('entity');
  });

  it('is for admins only', async () => {
    for (const role of ['viewer', 'reviewer']) {
      const created = await host.request('/api/v1/auth/tokens', {
        method: 'POST',
        body: JSON.stringify({ name: `${role} audit`, role }),
      });
      const { token } = (await created.json()) as { token: string };
      expect((await host.request('/api/v1/audit', { token })).status).toBe(403);
    }
    expect((await host.request('/api/v1/audit', { token: null })).status).toBe(401);
  });

  it('refuses updates, deletes and truncation in the database itself', async () => {
    const ds = new DataSource(schemaDataSourceOptions(pg.url, AUDIT_SCHEMA));
    await ds.initialize();
    try {
      await expect(ds.query(`UPDATE "audit"."audit_entry" SET "actor_role" = 'admin'`)).rejects.toThrow(
        /append-only/,
      );
      await expect(ds.query(`DELETE FROM "audit"."audit_entry"`)).rejects.toThrow(/append-only/);
      await expect(ds.query(`TRUNCATE "audit"."audit_entry"`)).rejects.toThrow(/append-only/);
      const [{ count }] = await ds.query<Array<{ count: string }>>(
        `SELECT count(*) AS count FROM "audit"."audit_entry"`,
      );
      expect(Number(count)).toBeGreaterThanOrEqual(7);
    } finally {
      await ds.destroy();
    }
  });
});
