import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client } from 'pg';
import { startTestHost, startTestPostgres, type TestHost, type TestPostgres } from '@cchc/testing';
import { generateEventStream, type TthcCloudEvent } from '../../../tools/simulator/src/generator';
import { TthcMetricsModule } from '../src/tthc-metrics.module';

// Issue 10 item 2: a dossier with history is projected from the fold state kept in its row and the
// new events, not from its stored envelopes. Its projection must equal the full re-fold from every
// stored event, also when some rows have no usable fold state (written before the migration, or
// by a writer that does not keep it).
const BATCH = 'application/cloudevents-batch+json';

describe('the dossier fold state (real PostgreSQL)', () => {
  let pg: TestPostgres;
  let host: TestHost | undefined;
  let db: Client;

  const start = () =>
    startTestHost({
      service: 'tthc-metrics',
      features: [TthcMetricsModule],
      databaseUrl: pg.url,
      config: { seedCatalog: false, rateLimit: { requests: 100_000, windowSeconds: 60 } },
    });

  beforeAll(async () => {
    pg = await startTestPostgres();
    host = await start();
    db = new Client({ connectionString: pg.url });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await host?.stop();
    await pg?.stop();
  });

  async function post(events: TthcCloudEvent[], batchSize: number): Promise<void> {
    for (let i = 0; i < events.length; i += batchSize) {
      const res = await host!.request('/api/v1/tthc/events', {
        method: 'POST',
        body: JSON.stringify(events.slice(i, i + batchSize)),
        headers: { 'Content-Type': BATCH },
      });
      expect(res.status).toBe(200);
    }
  }

  /** Every projection column of every dossier (not the bookkeeping ones), by code. */
  async function projections(): Promise<unknown[]> {
    const r = await db.query(
      `SELECT to_jsonb(d) - 'updated_at' - 'fold_state' - 'projection_version' AS p
       FROM tthc.dossier d ORDER BY dossier_code`,
    );
    return r.rows.map((row: { p: unknown }) => row.p);
  }

  it('gives the projections of the full re-fold, with and without a stored fold state', async () => {
    const events = generateEventStream({ from: '2021-01-04', to: '2021-06-30', seed: 77, dossiers: 150 });
    // Small batches in stream order: a dossier's events land in many batches (the fold path).
    const half = Math.floor(events.length / 2);
    await post(events.slice(0, half), 9);
    const withState = await db.query<{ n: string }>(
      'SELECT count(*) AS n FROM tthc.dossier WHERE fold_state IS NOT NULL',
    );
    const dossiers = await db.query<{ n: string }>('SELECT count(*) AS n FROM tthc.dossier');
    expect(Number(dossiers.rows[0].n)).toBeGreaterThan(50);
    expect(withState.rows[0].n).toBe(dossiers.rows[0].n);

    // A third of the rows lose their state (as rows projected before the migration), and a third
    // are rewritten by a writer that does not keep it (an older replica: updated_at moves, the
    // state does not; here it is also emptied, so using it would give wrong projections). Both are
    // re-folded from their stored events on their next event, and keep a state again afterwards.
    await db.query(`UPDATE tthc.dossier SET fold_state = NULL WHERE abs(hashtext(dossier_code)) % 3 = 0`);
    await db.query(
      `UPDATE tthc.dossier SET fold_state = jsonb_set(fold_state, '{events}', '[]'),
         updated_at = updated_at + interval '1 second'
       WHERE abs(hashtext(dossier_code)) % 3 = 1`,
    );
    await post(events.slice(half), 13);
    const incremental = await projections();
    const missing = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM tthc.dossier d WHERE fold_state IS NULL
         AND EXISTS (SELECT 1 FROM tthc.event e WHERE e.subject_key = 'd:' || d.dossier_code
           AND e.id = ANY($1))`,
      [events.slice(half).map((e) => e.id)],
    );
    expect(Number(missing.rows[0].n)).toBe(0);

    // The reference: every projection recomputed from all its stored events (the stale path that
    // reads every envelope), at the next start.
    await host!.stop();
    host = undefined;
    await db.query('UPDATE tthc.dossier SET projection_version = 1, fold_state = NULL');
    host = await start();
    const refolded = await projections();
    expect(refolded.length).toBe(incremental.length);
    expect(incremental).toEqual(refolded);
  });
});
