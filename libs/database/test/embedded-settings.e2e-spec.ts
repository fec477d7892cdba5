import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client } from 'pg';
import { embeddedPostgresSettings } from '@cchc/database';
import { startTestPostgres, type TestPostgres } from '@cchc/testing';

// A memory setting as PostgreSQL reports it (pg_settings: a count of `unit`s), in kilobytes.
function settingKb(setting: string, unit: string | null): number {
  const units: Record<string, number> = { kB: 1, '8kB': 8, MB: 1024, GB: 1024 * 1024 };
  if (unit === null || !(unit in units)) throw new Error(`unexpected unit ${String(unit)}`);
  return Number(setting) * units[unit];
}

// "3072MB", "3GB" → kilobytes.
function givenKb(value: string): number {
  const m = /^(\d+)(kB|MB|GB)$/.exec(value);
  if (!m) throw new Error(`unexpected value ${value}`);
  return Number(m[1]) * { kB: 1, MB: 1024, GB: 1024 * 1024 }[m[2] as 'kB' | 'MB' | 'GB'];
}

describe('embedded PostgreSQL settings', () => {
  let pg: TestPostgres;
  let client: Client;

  beforeAll(async () => {
    pg = await startTestPostgres();
    client = new Client({ connectionString: pg.url });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
    await pg?.stop();
  });

  it('starts the embedded server with the memory settings sized for this machine, not the defaults', async () => {
    const expected = embeddedPostgresSettings();
    const { rows } = await client.query<{
      name: string;
      setting: string;
      unit: string | null;
      source: string;
    }>(
      `SELECT name, setting, unit, source FROM pg_settings
        WHERE name IN ('shared_buffers', 'effective_cache_size', 'work_mem', 'maintenance_work_mem', 'max_wal_size')`,
    );
    expect(rows).toHaveLength(5);
    for (const row of rows) {
      expect({ name: row.name, kb: settingKb(row.setting, row.unit), source: row.source }).toEqual({
        name: row.name,
        kb: givenKb(expected[row.name]),
        source: 'command line',
      });
    }
    // PostgreSQL's default is 128MB: the embedded server never runs below it.
    const shared = await client.query<{ shared_buffers: string }>('SHOW shared_buffers');
    expect(givenKb(shared.rows[0].shared_buffers)).toBe(givenKb(expected.shared_buffers));
    expect(givenKb(shared.rows[0].shared_buffers)).toBeGreaterThanOrEqual(128 * 1024);
  });

  it('keeps durability on and compresses WAL', async () => {
    const show = async (name: string): Promise<string> =>
      (await client.query<Record<string, string>>(`SHOW ${name}`)).rows[0][name];
    expect(await show('fsync')).toBe('on');
    expect(await show('synchronous_commit')).toBe('on');
    expect(await show('full_page_writes')).toBe('on');
    expect(await show('wal_compression')).not.toBe('off');
    expect(await show('checkpoint_timeout')).toBe('15min');
  });
});
