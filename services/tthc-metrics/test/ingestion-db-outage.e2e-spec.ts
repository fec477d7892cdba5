import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client } from 'pg';
import type { KpiResult } from '@cchc/contracts';
import {
  computeReferenceKpis,
  expectEventually,
  startTestHost,
  startTestPostgres,
  type TestHost,
  type TestPostgres,
} from '@cchc/testing';
import { eventUnitCodes } from '../../../tools/simulator/src/event-units';
import { generateEventStream, type TthcCloudEvent } from '../../../tools/simulator/src/generator';
import { TthcMetricsModule } from '../src/tthc-metrics.module';

// HTTP ingestion writes to the ledger before it answers (no NATS: the all-in-one's path). While
// PostgreSQL is down it must refuse with 503 and Retry-After, never a 200 for events it did not
// store; once the database is back the same batches are accepted, and the KPIs equal an independent
// replay of the whole stream (libs/testing's reference): nothing lost, nothing counted twice.
const BATCH = 'application/cloudevents-batch+json';
const Q1 = { from: '2021-01-01', to: '2021-03-31', window: 'calendar' as const };
const CHUNK = 50;

function chunks(events: TthcCloudEvent[]): TthcCloudEvent[][] {
  const out: TthcCloudEvent[][] = [];
  for (let i = 0; i < events.length; i += CHUNK) out.push(events.slice(i, i + CHUNK));
  return out;
}

describe('HTTP ingestion while PostgreSQL is down (real PostgreSQL)', () => {
  let pg: TestPostgres;
  let host: TestHost;

  beforeAll(async () => {
    pg = await startTestPostgres();
    host = await startTestHost({
      service: 'tthc-metrics',
      features: [TthcMetricsModule],
      databaseUrl: pg.url,
      config: { seedCatalog: false },
    });
  });

  afterAll(async () => {
    await host?.stop();
    await pg?.stop();
  });

  function post(batch: TthcCloudEvent[]): Promise<Response> {
    return host.request('/api/v1/tthc/events', {
      method: 'POST',
      body: JSON.stringify(batch),
      headers: { 'Content-Type': BATCH },
    });
  }

  async function ledgerCount(): Promise<{ total: number; distinct: number }> {
    const db = new Client({ connectionString: pg.url });
    await db.connect();
    try {
      const r = await db.query<{ n: string; d: string }>(
        'SELECT count(*) AS n, count(DISTINCT id) AS d FROM tthc.event',
      );
      return { total: Number(r.rows[0].n), distinct: Number(r.rows[0].d) };
    } finally {
      await db.end();
    }
  }

  it('answers 503 with Retry-After while the database is down, accepts the same batches after, and loses nothing', async () => {
    const events = generateEventStream({ from: '2021-01-04', to: '2021-03-31', seed: 23, dossiers: 120 });
    const half = Math.floor(events.length / 2);
    const before = events.slice(0, half);
    const during = events.slice(half);

    for (const batch of chunks(before)) expect((await post(batch)).status).toBe(200);
    const stored = await ledgerCount();
    expect(stored.distinct).toBe(before.length);

    await pg.halt();
    try {
      for (const batch of chunks(during)) {
        const res = await post(batch);
        expect(res.status).toBe(503);
        expect(res.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
        const body = (await res.json()) as { statusCode: number; message: string };
        expect(body.statusCode).toBe(503);
        expect(body.message).not.toMatch(/ECONNREFUSED|password|postgres:\/\//i);
      }
    } finally {
      await pg.resume();
    }

    // A client that follows Retry-After sends the refused batches again: accepted once the pool reconnects.
    for (const batch of chunks(during)) {
      await expectEventually(async () => expect((await post(batch)).status).toBe(200), 30_000, 250);
    }
    // A client that is unsure resends everything: counted once.
    for (const batch of chunks(events)) expect((await post(batch)).status).toBe(200);

    expect(await ledgerCount()).toEqual({ total: events.length, distinct: events.length });
    const units = [...new Set(eventUnitCodes(events).values())];
    expect(units.length).toBeGreaterThan(1);
    for (const unit of units) {
      const res = await host.request(`/api/v1/tthc/kpis?period=2021-Q1&unit=${unit}`);
      expect(res.status).toBe(200);
      expect((await res.json()) as KpiResult).toEqual(computeReferenceKpis(events, { ...Q1, unit }, []));
    }
  });
});
