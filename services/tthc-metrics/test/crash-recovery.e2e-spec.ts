import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client } from 'pg';
import { defaultCalendar } from '@cchc/calendar';
import { type KpiResult } from '@cchc/contracts';
import {
  computeReferenceKpis,
  expectEventually,
  publishToJetStream,
  freePort,
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

// The service as it is deployed (compiled, its own process), killed with SIGKILL in the middle of a
// JetStream stream and started again: nothing may be lost and nothing counted twice.
const MAIN = 'dist/services/tthc-metrics/src/main.js';
const catalog = loadSeedCatalog().procedures;
const events = generateEventStream({ from: '2021-01-01', to: '2021-06-30', seed: 99, dossiers: 2500 });
const sent = shuffleWithDuplicates(events, 3, 0.1);
const unitOf = eventUnitCodes(events);

describe('tthc-metrics killed mid-stream (real process, PostgreSQL, NATS)', () => {
  let pg: TestPostgres;
  let nats: TestNats;
  let db: Client;
  let service: ServiceProcess | undefined;
  let port: number;

  async function startService(): Promise<void> {
    service = await startServiceProcess({
      main: MAIN,
      port,
      env: {
        DATABASE_URL: pg.url,
        NATS_URL: nats.url,
        INGEST_BATCH_SIZE: '100',
        INGEST_FLUSH_MS: '20',
        INGEST_ACK_WAIT_SECONDS: '5',
      },
    });
  }

  async function ledgerCount(): Promise<number> {
    const r = await db.query<{ n: string }>('SELECT count(*) AS n FROM tthc.event');
    return Number(r.rows[0].n);
  }

  async function publish(batch: typeof sent): Promise<void> {
    await publishToJetStream(nats.url, batch, unitOf);
  }

  beforeAll(async () => {
    [pg, nats, port] = await Promise.all([startTestPostgres(), startTestNats(), freePort()]);
    db = new Client({ connectionString: pg.url });
    await db.connect();
  });

  afterAll(async () => {
    await service?.stop('SIGKILL');
    await db?.end();
    await Promise.all([pg?.stop(), nats?.stop()]);
  });

  it('loses and double-counts nothing across a SIGKILL and a restart', async () => {
    await startService();
    const put = await service!.request('/api/v1/tthc/procedures', {
      method: 'PUT',
      body: JSON.stringify(catalog),
    });
    expect(put.status).toBe(200);

    const half = Math.floor(sent.length / 2);
    await publish(sent.slice(0, half));
    // Kill as soon as the first batches are committed: mid-stream, with batches in flight.
    await expectEventually(async () => expect(await ledgerCount()).toBeGreaterThan(0), 30_000, 5);
    await service!.stop('SIGKILL');
    const atKill = await ledgerCount();
    expect(atKill).toBeLessThan(events.length);

    // The rest arrives while the service is down; JetStream keeps it.
    await publish(sent.slice(half));
    await startService();
    await expectEventually(async () => expect(await ledgerCount()).toBe(events.length), 90_000, 200);

    // Exactly once: every event id once in the ledger, and every KPI equal to the truth.
    const ids = await db.query<{ n: string; d: string }>(
      'SELECT count(*) AS n, count(DISTINCT id) AS d FROM tthc.event',
    );
    expect(Number(ids.rows[0].n)).toBe(new Set(events.map((e) => e.id)).size);
    for (const period of [
      { period: '2021-Q1', from: '2021-01-01', to: '2021-03-31' },
      { period: '2021-H1', from: '2021-01-01', to: '2021-06-30' },
    ]) {
      const res = await service!.request(`/api/v1/tthc/kpis?period=${period.period}`);
      const actual = (await res.json()) as KpiResult;
      expect(actual).toEqual(
        computeReferenceKpis(
          events,
          { from: period.from, to: period.to, window: 'calendar' },
          catalog,
          defaultCalendar(),
        ),
      );
    }
  });
});
