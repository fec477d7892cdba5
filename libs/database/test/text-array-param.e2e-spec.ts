import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { Client } from 'pg';
import { textArrayParam } from '@cchc/database';
import { startTestPostgres, type TestPostgres } from '@cchc/testing';

// The binary text[] parameter must reach PostgreSQL as the same array the driver's own literal
// gives: the same elements, NULLs, order and length, through unnest, ANY and a cast to jsonb.

describe('textArrayParam (real PostgreSQL)', () => {
  let pg: TestPostgres;
  let db: Client;

  beforeAll(async () => {
    pg = await startTestPostgres();
    db = new Client({ connectionString: pg.url });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await pg?.stop();
  });

  /** The elements PostgreSQL reads from the parameter, in order, with their positions. */
  async function elements(param: unknown): Promise<Array<{ i: string; v: string | null }>> {
    const { rows } = await db.query<{ i: string; v: string | null }>(
      'SELECT i::text, v FROM unnest($1::text[]) WITH ORDINALITY AS t(v, i) ORDER BY t.i',
      [param],
    );
    return rows;
  }

  const awkward = [
    '',
    'NULL',
    'null',
    '"quoted"',
    'back\\slash',
    '{braces},commas',
    ' spaces ',
    'Cấp bản sao văn bằng, chứng chỉ từ sổ gốc',
    'emoji 😀 and 𝕏',
    'line\nbreak\ttab',
    null,
  ];

  it('gives the elements the driver’s text literal gives, NULLs, quotes and Vietnamese included', async () => {
    expect(await elements(textArrayParam(awkward))).toEqual(await elements(awkward));
    expect((await elements(textArrayParam(awkward))).map((r) => r.v)).toEqual(awkward);
  });

  it('sends an empty array, a lone NULL and arbitrary strings as they are', async () => {
    expect(await elements(textArrayParam([]))).toEqual([]);
    const { rows } = await db.query<{ n: number; d: string }>(
      'SELECT cardinality($1::text[]) AS n, array_dims($1::text[]) AS d',
      [textArrayParam([null])],
    );
    expect(rows[0]).toEqual({ n: 1, d: '[1:1]' });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.option(fc.string({ unit: 'grapheme' }).filter((s) => !s.includes('\u0000'))), {
          maxLength: 20,
        }),
        async (values) => {
          expect((await elements(textArrayParam(values))).map((r) => r.v)).toEqual(values);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('serves = ANY on a text column and a cast of its elements to jsonb', async () => {
    const envelopes = [{ id: 'a', note: 'say "hi"\\' }, { id: 'b' }].map((e) => JSON.stringify(e));
    const { rows } = await db.query<{ e: { id: string } }>(
      `SELECT e::jsonb AS e FROM unnest($1::text[]) AS e
       WHERE e::jsonb->>'id' = ANY($2) ORDER BY e::jsonb->>'id'`,
      [textArrayParam(envelopes), textArrayParam(['b', 'a'])],
    );
    expect(rows.map((r) => r.e)).toEqual([{ id: 'a', note: 'say "hi"\\' }, { id: 'b' }]);
  });
});
