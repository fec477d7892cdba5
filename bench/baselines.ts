// The baselines every ingest figure is compared with, on the same nats-server and PostgreSQL:
// - raw JetStream publish, pipelined (256 in flight);
// - raw PostgreSQL multi-row insert (500 rows a statement);
// - the minimal consumer doing the storage job of the service and nothing else: fetch 500, parse,
//   one multi-row INSERT … ON CONFLICT DO NOTHING, commit, ack.
// Measured before the ingest steps and again after them: the host's speed drifts over a run, so a
// ratio against one end alone can hold the drift rather than the system (docs/benchmarks.md).
import { AckPolicy, type JsMsg } from '@nats-io/jetstream';
import { Client } from 'pg';
import type { TthcCloudEvent } from '../tools/simulator/src/generator';
import { type BenchResults, msSince, Progress } from './bench-results';
import type { BenchServers } from './bench-servers';
import { publishPipelined, type NatsBench, type Outgoing } from './jetstream-bench';

export const MINIMAL = 'minimal consumer (fetch 500 → INSERT … ON CONFLICT → commit → ack)';
export const RAW_PUBLISH = 'JetStream publish, pipelined (256 in flight)';
export const RAW_INSERT = 'PostgreSQL multi-row insert (500 rows)';
const GROUP = 'Baselines (same nats-server, same PostgreSQL)';

export const BATCH = 500;
const RAW_STREAM = 'BENCH_RAW';
const MIN_STREAM = 'BENCH_MINIMAL';
const MIN_CONSUMER = 'bench-minimal';

/** Events/s of pipelined publishing into a stream of its own. */
export async function rawJetStreamPublish(nats: NatsBench, items: readonly Outgoing[]): Promise<number> {
  await nats.jsm.streams.add({ name: RAW_STREAM, subjects: ['bench.raw.>'] });
  try {
    const raw = items.map((i) => ({ ...i, subject: i.subject.replace(/^tthc\.v1\./, 'bench.raw.') }));
    const ms = await publishPipelined(nats.js, raw, 'raw JetStream publish');
    return items.length / (ms / 1000);
  } finally {
    await nats.jsm.streams.delete(RAW_STREAM);
  }
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS bench_events (
  id text PRIMARY KEY, type text NOT NULL, subject text NOT NULL, time timestamptz NOT NULL, payload jsonb NOT NULL)`;

/** One multi-row statement for the events: `$1..$5` per row. */
function insertStatement(rows: number): string {
  const values = Array.from({ length: rows }, (_, r) => {
    const b = r * 5;
    return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5})`;
  });
  return `INSERT INTO bench_events (id, type, subject, time, payload) VALUES ${values.join(', ')} ON CONFLICT (id) DO NOTHING`;
}

function insertParams(events: readonly TthcCloudEvent[]): unknown[] {
  return events.flatMap((e) => [e.id, e.type, e.subject, e.time, JSON.stringify(e)]);
}

/** Rows/s of 500-row inserts (one statement, autocommit) into a table of the given database. */
export async function rawPostgresInsert(
  databaseUrl: string,
  events: readonly TthcCloudEvent[],
): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(CREATE_TABLE);
    const progress = new Progress('raw PostgreSQL insert', events.length);
    const start = process.hrtime.bigint();
    for (let i = 0; i < events.length; i += BATCH) {
      const batch = events.slice(i, i + BATCH);
      await client.query(insertStatement(batch.length), insertParams(batch));
      progress.update(i + batch.length);
    }
    return events.length / (msSince(start) / 1000);
  } finally {
    await client.end();
  }
}

/**
 * Events/s of the minimal consumer draining a backlog of the events: fetch 500, parse, one
 * multi-row INSERT … ON CONFLICT DO NOTHING in a transaction, commit, ack.
 */
export async function minimalConsumer(
  nats: NatsBench,
  databaseUrl: string,
  items: readonly Outgoing[],
): Promise<number> {
  await nats.jsm.streams.add({ name: MIN_STREAM, subjects: ['bench.min.>'] });
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(CREATE_TABLE);
    await client.query('TRUNCATE bench_events');
    await publishPipelined(
      nats.js,
      items.map((i) => ({ ...i, subject: i.subject.replace(/^tthc\.v1\./, 'bench.min.') })),
      'minimal consumer: backlog',
    );
    await nats.jsm.consumers.add(MIN_STREAM, { durable_name: MIN_CONSUMER, ack_policy: AckPolicy.Explicit });
    const consumer = await nats.js.consumers.get(MIN_STREAM, MIN_CONSUMER);
    const progress = new Progress('minimal consumer: drain', items.length);
    let done = 0;
    const start = process.hrtime.bigint();
    while (done < items.length) {
      const messages = await consumer.fetch({ max_messages: BATCH, expires: 2000 });
      const batch: JsMsg[] = [];
      for await (const m of messages) batch.push(m);
      if (batch.length === 0) continue;
      const events = batch.map((m) => m.json<TthcCloudEvent>());
      await client.query('BEGIN');
      await client.query(insertStatement(events.length), insertParams(events));
      await client.query('COMMIT');
      for (const m of batch) m.ack();
      done += batch.length;
      progress.update(done);
    }
    await nats.nc.flush();
    return items.length / (msSince(start) / 1000);
  } finally {
    await client.end();
    await nats.jsm.streams.delete(MIN_STREAM);
  }
}

/**
 * Measures the three baselines, each on a database of its own (dropped after). The first time they
 * become rows of the table; with `again`, each row's value becomes the mean of both measurements.
 */
export async function measureBaselines(
  servers: BenchServers,
  nats: NatsBench,
  results: BenchResults,
  events: readonly TthcCloudEvent[],
  outgoing: readonly Outgoing[],
  again = false,
): Promise<void> {
  const record = (what: string, value: number, unit: string) => {
    if (again) results.bracket(what, value);
    else results.add({ group: GROUP, what, value, unit });
  };
  try {
    record(RAW_PUBLISH, await rawJetStreamPublish(nats, outgoing), 'events/s');
    record(RAW_INSERT, await rawPostgresInsert(await servers.createDatabase('bench_raw'), events), 'rows/s');
    const minDb = await servers.createDatabase('bench_minimal');
    record(MINIMAL, await minimalConsumer(nats, minDb, outgoing), 'events/s');
  } finally {
    await servers.dropDatabases();
  }
}
