import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { Client } from 'pg';
import { tthcSubject, type KpiResult } from '@cchc/contracts';
import {
  computeReferenceKpis,
  expectEventually,
  freePort,
  shuffleWithDuplicates,
  startTestNats,
  startTestPostgres,
  TEST_ADMIN_TOKEN,
  type TestNats,
  type TestPostgres,
} from '@cchc/testing';
import { eventUnitCodes, generateEventStream } from '../../../tools/simulator/src/generator';

// Two replicas on one database share the durable consumer (architecture.md §2, "Scaling past one
// machine"): each takes part of the stream, events of one dossier land on both in any order, in
// small batches written concurrently. The projections must still equal the truth. Each replica is
// the compiled service in its own process, as deployed.
const MAIN = 'dist/services/tthc-metrics/src/main.js';
const catalog = JSON.parse(readFileSync('services/tthc-metrics/seed/procedures.json', 'utf8')) as Array<{
  code: string;
  unitCode: string;
  level: 2 | 3 | 4;
}>;
const events = generateEventStream({ from: '2021-01-01', to: '2021-06-30', seed: 4242, dossiers: 1500 });
const sent = shuffleWithDuplicates(events, 11, 0.1);
const unitOf = eventUnitCodes(events);

describe('two tthc-metrics replicas sharing the durable consumer (real PostgreSQL, NATS)', () => {
  let pg: TestPostgres;
  let nats: TestNats;
  let db: Client;
  const children: ChildProcess[] = [];
  const ports: number[] = [];
  const api = (i: number, path: string, init: RequestInit = {}) =>
    fetch(`http://127.0.0.1:${ports[i]}${path}`, {
      ...init,
      headers: { Authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
    });

  beforeAll(async () => {
    if (!existsSync(MAIN))
      throw new Error(`${MAIN} is missing: run \`npm run build\` first (npm run test:e2e does)`);
    [pg, nats] = await Promise.all([startTestPostgres(), startTestNats()]);
    for (let i = 0; i < 2; i += 1) {
      ports.push(await freePort());
      children.push(
        spawn(process.execPath, [MAIN], {
          env: {
            PATH: process.env.PATH,
            DATABASE_URL: pg.url,
            NATS_URL: nats.url,
            PORT: String(ports[i]),
            BOOTSTRAP_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
            LOG_LEVEL: 'warn',
            INGEST_BATCH_SIZE: '40',
            INGEST_FLUSH_MS: '10',
          },
          stdio: ['ignore', 'ignore', 'inherit'],
        }),
      );
      // One after the other: the second finds the schema migrated and the consumer created.
      await expectEventually(
        async () => expect((await api(i, '/health/ready')).status).toBe(200),
        60_000,
        200,
      );
    }
    db = new Client({ connectionString: pg.url });
    await db.connect();
    const put = await api(0, '/api/v1/tthc/procedures', { method: 'PUT', body: JSON.stringify(catalog) });
    expect(put.status).toBe(200);
  });

  afterAll(async () => {
    await db?.end();
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(
      children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : Promise.resolve())),
    );
    await Promise.all([pg?.stop(), nats?.stop()]);
  });

  it('splits the stream between them and still counts every event once and every KPI right', async () => {
    const nc = await connect({ servers: nats.url });
    try {
      const js = jetstream(nc);
      for (let i = 0; i < sent.length; i += 500) {
        await Promise.all(
          sent
            .slice(i, i + 500)
            .map((e) =>
              js.publish(tthcSubject(unitOf.get(e.id)!, e.type), JSON.stringify(e), { msgID: e.id }),
            ),
        );
      }
    } finally {
      await nc.close();
    }
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
      [0, 1].map(async (i) => {
        const text = await (await api(i, '/metrics')).text();
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
      for (const i of [0, 1]) {
        const actual = (await (await api(i, `/api/v1/tthc/kpis?period=${q.period}`)).json()) as KpiResult;
        expect(actual).toEqual(
          computeReferenceKpis(events, { from: q.from, to: q.to, window: 'calendar' }, catalog),
        );
      }
    }
  });
});
