import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client, Pool } from 'pg';
import { defaultCalendar } from '@cchc/calendar';
import type { KpiResult } from '@cchc/contracts';
import { PooledClient } from '@cchc/database';
import { databaseFailureKind } from '@cchc/errors';
import {
  computeReferenceKpis,
  expectEventually,
  publishToJetStream,
  shuffleWithDuplicates,
  type TestHost,
  type TestNats,
  type TestPostgres,
} from '@cchc/testing';
import { eventUnitCodes } from '../../../tools/simulator/src/event-units';
import { generateEventStream, type TthcCloudEvent } from '../../../tools/simulator/src/generator';
import { FAST_RETRY_INGEST, startTthcTestHost, type TthcNatsTestHost } from './tthc-test-host';

// Next to ingestion-faults.e2e-spec.ts: the service's pooled PostgreSQL connections are killed
// (pg_terminate_backend, as an operator or a failover does) from a separate connection while events
// stream in over JetStream. The errors the pool then sees (57P01 "terminating connection due to
// administrator command", "Connection terminated unexpectedly") must be classified as transient by
// databaseFailureKind() (@cchc/errors): the batch is retried, never dead-lettered or given up.
const Q1 = { from: '2021-01-01', to: '2021-03-31', window: 'calendar' as const };
const CALENDAR = defaultCalendar();
const PREFIX = 'pgterm-';
const TERMINATE_ALL = `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) AS n FROM pg_stat_activity
  WHERE datname = current_database() AND pid <> pg_backend_pid()`;

/** The simulator's stream with ids, dossiers and units of this test's own (as in ingestion-faults). */
function stream(seed: number, dossiers: number): TthcCloudEvent[] {
  return generateEventStream({ from: '2021-01-04', to: '2021-03-31', seed, dossiers }).map((e) => {
    const data = { ...e.data };
    if (typeof data.unitCode === 'string') data.unitCode = `pt-${data.unitCode}`.slice(0, 32);
    if (typeof data.procedureCode === 'string') data.procedureCode = `pt-${data.procedureCode}`;
    if (typeof data.dossierCode === 'string') data.dossierCode = `${PREFIX}${data.dossierCode}`;
    if (typeof data.feedbackId === 'string') data.feedbackId = `${PREFIX}${data.feedbackId}`;
    return { ...e, id: `${PREFIX}${e.id}`, subject: `${PREFIX}${e.subject}`, data };
  });
}

describe('pooled PostgreSQL connections killed mid-batch (real nats-server, real PostgreSQL)', () => {
  let stack: TthcNatsTestHost;
  let pg: TestPostgres;
  let nats: TestNats;
  let host: TestHost;
  // Its own backend is the one pg_terminate_backend spares: it kills and reads.
  let admin: Client;

  beforeAll(async () => {
    stack = await startTthcTestHost({
      nats: true,
      config: { ingest: { ...FAST_RETRY_INGEST, retryMaxMs: 500 }, seedCatalog: false },
    });
    ({ pg, nats, host } = stack);
    admin = new Client({ connectionString: pg.url });
    await admin.connect();
  });

  afterAll(async () => {
    await admin?.end().catch(() => undefined);
    await stack?.stop();
  });

  async function ledger(): Promise<{ total: number; distinct: number }> {
    const r = await admin.query<{ n: string; d: string }>(
      'SELECT count(*) AS n, count(DISTINCT id) AS d FROM tthc.event WHERE id LIKE $1',
      [`${PREFIX}%`],
    );
    return { total: Number(r.rows[0].n), distinct: Number(r.rows[0].d) };
  }

  it('treats terminated connections as transient: nothing lost, nothing doubled, no dead letter', async () => {
    const events = stream(21, 1200);
    const unitOf = eventUnitCodes(events);
    const sent = shuffleWithDuplicates(events, 8, 0.1);

    // Kill every other backend of the database while the stream is being ingested: bursts of three
    // kills 15 ms apart (the pool's fresh connections are killed right as they are handed out),
    // then 300 ms for batches to commit. Counts the rounds that hit the pool mid-stream.
    let midStream = 0;
    let terminated = 0;
    let stop = false;
    const terminateAll = async () => Number((await admin.query<{ n: string }>(TERMINATE_ALL)).rows[0].n);
    const killer = (async () => {
      const deadline = Date.now() + 30_000;
      while (!stop && Date.now() < deadline && midStream < 8) {
        const stored = (await ledger()).distinct;
        if (stored >= events.length) break;
        let n = 0;
        for (let k = 0; k < 3; k++) {
          n += await terminateAll();
          await new Promise((r) => setTimeout(r, 15));
        }
        terminated += n;
        if (n > 0 && stored > 0) midStream += 1;
        await new Promise((r) => setTimeout(r, 300));
      }
    })();
    try {
      await publishToJetStream(nats.url, sent, unitOf);
      await expectEventually(async () => expect((await ledger()).distinct).toBe(events.length), 90_000, 250);
    } finally {
      stop = true;
      await killer;
    }

    // The connections really were killed while events were being stored.
    expect(terminated).toBeGreaterThan(0);
    expect(midStream).toBeGreaterThan(0);
    // Zero lost, zero duplicated in the ledger, the KPIs those of an independent replay.
    expect(await ledger()).toEqual({ total: events.length, distinct: events.length });
    for (const unit of new Set(unitOf.values())) {
      const res = await host.request(`/api/v1/tthc/kpis?period=2021-Q1&unit=${unit}`);
      expect((await res.json()) as KpiResult).toEqual(
        computeReferenceKpis(events, { ...Q1, unit }, [], CALENDAR),
      );
    }
    // No dead letter: a killed connection is an outage, never a reason to give up on an event.
    const letters = await admin.query<{ n: string }>('SELECT count(*) AS n FROM tthc.dead_letter');
    expect(Number(letters.rows[0].n)).toBe(0);
    await expectEventually(async () =>
      expect((await host.request('/health/ready', { token: null })).status).toBe(200),
    );
  });

  it('survives a pooled connection killed while handed out and idle; its next query fails as unavailable', async () => {
    // The window the burst above aims at, made certain: pg-pool takes its own error listener off a
    // connection it hands out, so a FATAL 57P01 arriving with no query running used to be emitted
    // with no listener at all: an uncaught exception that ended the process.
    const pool = new Pool({ connectionString: pg.url, max: 1, Client: PooledClient });
    pool.on('error', () => undefined);
    const client = await pool.connect();
    try {
      // Handed out, idle: an error must have somewhere to go (Jest's sandbox hides the uncaught
      // exception a plain process dies of, so the listener itself is what is checked).
      expect(client.listenerCount('error')).toBeGreaterThan(0);
      const { pid } = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0];
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      let failure: unknown;
      await expectEventually(async () => {
        failure = await client.query('SELECT 1').then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(failure).toBeInstanceOf(Error);
      }, 5_000);
      expect(databaseFailureKind(failure)).toBe('unavailable');
    } finally {
      // Released with an error: the pool drops it.
      client.release(true);
    }
    try {
      // And connects afresh.
      expect((await pool.query<{ one: number }>('SELECT 1 AS one')).rows[0].one).toBe(1);
    } finally {
      await pool.end();
    }
  });
});
