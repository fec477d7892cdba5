import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client } from 'pg';
import { defaultCalendar } from '@cchc/calendar';
import { type KpiResult } from '@cchc/contracts';
import {
  computeReferenceKpis,
  expectEventually,
  publishToJetStream,
  shuffleWithDuplicates,
  startTestNats,
  startTestPostgres,
  startServiceProcess,
  type ServiceProcess,
  type TestNats,
  type TestPostgres,
} from '@cchc/testing';
import { eventUnitCodes } from '../../../tools/simulator/src/event-units';
import { generateEventStream } from '../../../tools/simulator/src/generator';
import { loadSeedCatalog } from '../../../tools/simulator/src/seed-catalog';

// Two replicas on one database share the durable consumer (architecture.md §2, "Scaling past one
// machine"): each takes part of the stream, events of one dossier land on both in any order, in
// small batches written concurrently. The projections must still equal the truth. Each replica is
// the compiled service in its own process, as deployed.
const MAIN = 'dist/services/tthc-metrics/src/main.js';
const catalog = loadSeedCatalog().procedures;
const events = generateEventStream({ from: '2021-01-01', to: '2021-06-30', seed: 4242, dossiers: 1500 });
const sent = shuffleWithDuplicates(events, 11, 0.1);
const unitOf = eventUnitCodes(events);

describe('two tthc-metrics replicas sharing the durable consumer (real PostgreSQL, NATS)', () => {
  let pg: TestPostgres;
  let nats: TestNats;
  let db: Client;
  const replicas: ServiceProcess[] = [];

  beforeAll(async () => {
    [pg, nats] = await Promise.all([startTestPostgres(), startTestNats()]);
    // One after the other: the second finds the schema migrated and the consumer created.
    for (let i = 0; i < 2; i += 1) {
      replicas.push(
        await startServiceProcess({
          main: MAIN,
          env: { DATABASE_URL: pg.url, NATS_URL: nats.url, INGEST_BATCH_SIZE: '40', INGEST_FLUSH_MS: '10' },
        }),
      );
    }
    db = new Client({ connectionString: pg.url });
    await db.connect();
    const put = await replicas[0].request('/api/v1/tthc/procedures', {
      method: 'PUT',
      body: JSON.stringify(catalog),
    });
    expect(put.status).toBe(200);
  });

  afterAll(async () => {
    await db?.end();
    await Promise.all(replicas.map((r) => r.stop()));
    await Promise.all([pg?.stop(), nats?.stop()]);
  });

  it('splits the stream between them and still counts every event once and every KPI right', async () => {
    await publishToJetStream(nats.url, sent, unitOf);
    await expectEventually(
      async () => {
        const r = await db.query<{ n: string }>('SELECT count(*) AS n FROM tthc.event');
        expect(Number(r.rows[0].n)).toBe(events.length);
      },
      90_000,
      200,
    );
    // Both replicas did part of the work, and together all of it, once.
    const byReplica = await Promise.all(
      replicas.map(async (r) => {
        const text = await (await r.request('/metrics')).text();
        return [
          ...text.matchAll(/^cchc_tthc_events_ingested_total\{[^}]*transport="nats"[^}]*\} (\d+)/gm),
        ].reduce((sum, m) => sum + Number(m[1]), 0);
      }),
    );
    expect(byReplica[0]).toBeGreaterThan(0);
    expect(byReplica[1]).toBeGreaterThan(0);
    expect(byReplica[0] + byReplica[1]).toBe(events.length);
    for (const q of [
      { period: '2021-Q1', from: '2021-01-01', to: '2021-03-31' },
      { period: '2021-Q2', from: '2021-04-01', to: '2021-06-30' },
    ]) {
      for (const r of replicas) {
        const actual = (await (await r.request(`/api/v1/tthc/kpis?period=${q.period}`)).json()) as KpiResult;
        expect(actual).toEqual(
          computeReferenceKpis(
            events,
            { from: q.from, to: q.to, window: 'calendar' },
            catalog,
            defaultCalendar(),
          ),
        );
      }
    }
  });
});
