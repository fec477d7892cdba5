import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Client } from 'pg';
import { withClient } from '@cchc/database';
import { startTestPostgres, type TestPostgres } from '@cchc/testing';

describe('withClient (real PostgreSQL)', () => {
  let pg: TestPostgres;

  beforeAll(async () => {
    pg = await startTestPostgres();
  });

  afterAll(async () => {
    await pg?.stop();
  });

  it('returns what the function returns, and closes its connection', async () => {
    let used: Client | undefined;
    const answer = await withClient(pg.url, async (c) => {
      used = c;
      const { rows } = await c.query<{ v: number }>('SELECT 41 + 1 AS v');
      return rows[0].v;
    });
    expect(answer).toBe(42);
    await expect(used!.query('SELECT 1')).rejects.toThrow();
  });

  it('closes its connection when the function throws, and rethrows', async () => {
    let used: Client | undefined;
    await expect(
      withClient(pg.url, async (c) => {
        used = c;
        await c.query('SELECT no_such_column FROM pg_class');
      }),
    ).rejects.toThrow(/no_such_column/);
    await expect(used!.query('SELECT 1')).rejects.toThrow();
  });
});
