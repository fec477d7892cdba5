import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { Client } from 'pg';
import { defaultCalendar } from '@cchc/calendar';
import { tthcSubject, type KpiResult } from '@cchc/contracts';
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

// The faults of issue 8 against the real nats-server and PostgreSQL, each asserting zero lost and zero
// double counted against an independent replay (libs/testing's reference KPIs). Short ack_wait and
// retry delays keep the whole suite to a minute or two.
const BATCH = 'application/cloudevents-batch+json';
const Q1 = { from: '2021-01-01', to: '2021-03-31', window: 'calendar' as const };
// The service's working calendar: apology deadlines and the due-date anomalies depend on it.
const CALENDAR = defaultCalendar();

function received(id: string, unitCode: string, dossierCode: string) {
  return {
    specversion: '1.0',
    id,
    source: 'mot-cua/test',
    type: 'vn.cchc.tthc.dossier.received.v1',
    time: '2021-02-01T08:30:00+07:00',
    subject: dossierCode,
    datacontenttype: 'application/json',
    data: {
      dossierCode,
      procedureCode: '1.005092',
      unitCode,
      channel: 'online',
      receivedAt: '2021-02-01T08:30:00+07:00',
      dueDate: '2021-02-10',
    },
  };
}

function withdrawn(id: string, dossierCode: string) {
  return {
    specversion: '1.0',
    id,
    source: 'mot-cua/test',
    type: 'vn.cchc.tthc.dossier.withdrawn.v1',
    time: '2021-02-02T08:30:00+07:00',
    subject: dossierCode,
    data: { dossierCode, withdrawnAt: '2021-02-02T08:30:00+07:00' },
  };
}

function resolved(id: string, dossierCode: string) {
  return {
    specversion: '1.0',
    id,
    source: 'mot-cua/test',
    type: 'vn.cchc.tthc.dossier.resolved.v1',
    time: '2021-02-03T08:30:00+07:00',
    subject: dossierCode,
    data: { dossierCode, resolvedAt: '2021-02-03T08:30:00+07:00', outcome: 'approved' },
  };
}

interface DeadLetter {
  eventId: string | null;
  reason: string;
  errors: string[];
  deliveryCount: number;
  payload: string;
}

describe('ingestion under faults (real nats-server, real PostgreSQL)', () => {
  let stack: TthcNatsTestHost;
  let pg: TestPostgres;
  let nats: TestNats;
  let host: TestHost;
  let db: Client;

  beforeAll(async () => {
    // The old consumer gave up after maxDeliver × ackWait (2 × 1 s here); the outage below is longer.
    stack = await startTthcTestHost({
      nats: true,
      config: { ingest: FAST_RETRY_INGEST, seedCatalog: false },
    });
    ({ pg, nats, host } = stack);
    db = new Client({ connectionString: pg.url });
    // The outage test stops the server under this client: its error is expected, not a failure.
    db.on('error', () => undefined);
    await db.connect();
  });

  afterAll(async () => {
    await db?.end().catch(() => undefined);
    await stack?.stop();
  });

  async function ledgerIds(prefix: string): Promise<{ total: number; distinct: number }> {
    const r = await db.query<{ n: string; d: string }>(
      'SELECT count(*) AS n, count(DISTINCT id) AS d FROM tthc.event WHERE id LIKE $1',
      [`${prefix}%`],
    );
    return { total: Number(r.rows[0].n), distinct: Number(r.rows[0].d) };
  }

  async function deadLetters(): Promise<DeadLetter[]> {
    const res = await host.request('/api/v1/tthc/rejected-events?limit=1000');
    return (await res.json()) as DeadLetter[];
  }

  async function kpis(unit: string): Promise<KpiResult> {
    return (await (await host.request(`/api/v1/tthc/kpis?period=2021-Q1&unit=${unit}`)).json()) as KpiResult;
  }

  /** A stream of its own units' dossiers: ids and units prefixed, so each test reads back only its own. */
  function stream(seed: number, dossiers: number, prefix: string, unitPrefix: string): TthcCloudEvent[] {
    const events = generateEventStream({ from: '2021-01-04', to: '2021-03-31', seed, dossiers });
    return events.map((e) => {
      const data = { ...e.data };
      if (typeof data.unitCode === 'string') data.unitCode = `${unitPrefix}-${data.unitCode}`.slice(0, 32);
      // Procedures are announced per code, for one unit: each test its own codes.
      if (typeof data.procedureCode === 'string') data.procedureCode = `${unitPrefix}-${data.procedureCode}`;
      if (typeof data.dossierCode === 'string') data.dossierCode = `${prefix}${data.dossierCode}`;
      if (typeof data.feedbackId === 'string') data.feedbackId = `${prefix}${data.feedbackId}`;
      return { ...e, id: `${prefix}${e.id}`, subject: `${prefix}${e.subject}`, data };
    });
  }

  it('loses nothing when PostgreSQL is down for longer than max_deliver × ack_wait, and says why while down', async () => {
    const events = stream(11, 300, 'pgdown-', 'pg');
    const unitOf = eventUnitCodes(events);
    await pg.halt();
    try {
      await publishToJetStream(nats.url, shuffleWithDuplicates(events, 4, 0.1), unitOf);
      // Readiness names the stalled ingestion while the database is away.
      await expectEventually(async () => {
        const ready = await host.request('/health/ready', { token: null });
        expect(ready.status).toBe(503);
        // @nestjs/terminus's body: the reason is the `ingestion` indicator's message.
        const body = (await ready.json()) as { status: string; error: Record<string, { message?: string }> };
        expect(body.status).toBe('error');
        expect(body.error.ingestion?.message).toMatch(/^ingestion stalled since /);
      }, 20_000);
      // Well past the old give-up point (2 deliveries × 1 s ack wait).
      await new Promise((r) => setTimeout(r, 8_000));
    } finally {
      await pg.resume();
    }
    await db.end().catch(() => undefined);
    db = new Client({ connectionString: pg.url });
    await db.connect();
    await expectEventually(
      async () => expect((await ledgerIds('pgdown-')).distinct).toBe(events.length),
      60_000,
      250,
    );
    expect(await ledgerIds('pgdown-')).toEqual({ total: events.length, distinct: events.length });
    await expectEventually(async () =>
      expect((await host.request('/health/ready', { token: null })).status).toBe(200),
    );
    const units = [...new Set(unitOf.values())];
    for (const unit of units) {
      expect(await kpis(unit)).toEqual(computeReferenceKpis(events, { ...Q1, unit }, [], CALENDAR));
    }
  });

  it('dead-letters a poison flood once per payload with a delivery count, and good events behind it all count', async () => {
    const nc = await connect({ servers: nats.url });
    const js = jetstream(nc);
    const POISON = 250;
    const REPEATS = 4;
    const good = stream(12, 150, 'flood-', 'fl');
    try {
      // 250 distinct poison payloads (a NUL byte, invalid UTF-8, an impossible date, an unknown type,
      // a foreign unit), each published 4 times under new message ids: 1,000 poison messages first.
      for (let r = 0; r < REPEATS; r++) {
        await Promise.all(
          Array.from({ length: POISON }, (_, i) => {
            const kind = i % 5;
            const base = received(`poison-${i}`, 'vp', `POISON-${i}`);
            const subject = tthcSubject('vp', base.type);
            const msgID = `poison-${i}-${r}`;
            if (kind === 0) base.data.dossierCode = `NUL\u0000${i}`;
            if (kind === 1) {
              const bytes = Buffer.concat([
                Buffer.from(JSON.stringify(base)),
                Buffer.from([0xff, 0xfe, i & 0x7f]),
              ]);
              return js.publish(subject, bytes, { msgID });
            }
            if (kind === 2) base.data.dueDate = '0000-02-30';
            if (kind === 3) base.type = `vn.cchc.tthc.dossier.exploded.v${i}`;
            if (kind === 4) base.data.unitCode = 'tt';
            return js.publish(subject, JSON.stringify(base), { msgID });
          }),
        );
      }
    } finally {
      await nc.close();
    }
    await publishToJetStream(nats.url, good, eventUnitCodes(good));
    await expectEventually(
      async () => expect((await ledgerIds('flood-')).distinct).toBe(good.length),
      60_000,
      250,
    );
    await expectEventually(async () => {
      const letters = (await deadLetters()).filter(
        (d) => d.eventId?.startsWith('poison-') || d.payload.includes('poison-'),
      );
      expect(letters).toHaveLength(POISON);
      // At least once per publish (a redelivery after an ack timeout counts as a delivery too).
      expect(letters.filter((d) => d.deliveryCount < REPEATS)).toEqual([]);
    }, 30_000);
    const letters = await deadLetters();
    expect(letters.find((d) => d.eventId === 'poison-0')?.errors[0]).toMatch(
      /^data\.dossierCode: contains a NUL/,
    );
    expect(letters.find((d) => d.eventId === 'poison-4')?.reason).toBe('unit_forbidden');
    expect(letters.find((d) => d.eventId === 'poison-3')?.reason).toBe('unknown_type');
    expect(letters.find((d) => d.eventId === 'poison-2')?.errors.join(' ')).toMatch(/data\.dueDate/);
    expect(letters.some((d) => d.reason === 'malformed' && d.errors[0] === 'body: not valid UTF-8')).toBe(
      true,
    );
    expect(await ledgerIds('poison-')).toEqual({ total: 0, distinct: 0 });
    for (const unit of new Set(eventUnitCodes(good).values()))
      expect(await kpis(unit)).toEqual(computeReferenceKpis(good, { ...Q1, unit }, [], CALENDAR));
  });

  it('never lets a follow-up sent for another unit touch a dossier, over NATS, before or after its received event', async () => {
    const nc = await connect({ servers: nats.url });
    const js = jetstream(nc);
    const pub = (unit: string, e: { id: string; type: string }) =>
      js.publish(tthcSubject(unit, e.type), JSON.stringify(e), { msgID: e.id });
    try {
      // After: orc-a's dossier is known when orc-z's withdrawal comes.
      await pub('orc-a', received('auth-a1', 'orc-a', 'ORC-A-1'));
      await expectEventually(async () => expect((await ledgerIds('auth-a1')).total).toBe(1));
      await pub('orc-z', withdrawn('auth-z1', 'ORC-A-1'));
      // Before: orc-z's withdrawal and orc-a's own resolution come first, then the received event.
      await pub('orc-z', withdrawn('auth-z2', 'ORC-A-2'));
      await pub('orc-a', resolved('auth-a2-resolved', 'ORC-A-2'));
      await expectEventually(async () => {
        const held = await db.query<{ n: string }>(
          `SELECT count(*) AS n FROM tthc.held_event WHERE id LIKE 'auth-%'`,
        );
        expect(Number(held.rows[0].n)).toBe(2);
      });
      await pub('orc-a', received('auth-a2', 'orc-a', 'ORC-A-2'));
    } finally {
      await nc.close();
    }
    await expectEventually(async () => {
      const letters = (await deadLetters()).filter((d) => d.reason === 'unit_mismatch');
      expect(letters.map((d) => d.eventId).sort()).toEqual(['auth-z1', 'auth-z2']);
      expect(letters[0].errors[0]).toMatch(/^unit mismatch: dossier "ORC-A-\d" belongs to unit "orc-a"/);
    });
    type Detail = { dossier: { endKind: string | null; endDate: string | null } };
    const one = (await (await host.request('/api/v1/tthc/dossiers/ORC-A-1')).json()) as Detail;
    expect(one.dossier.endKind).toBeNull();
    await expectEventually(async () => {
      const two = (await (await host.request('/api/v1/tthc/dossiers/ORC-A-2')).json()) as Detail;
      // orc-a's own resolution, held until the received event, applies; orc-z's withdrawal does not.
      expect(two.dossier).toMatchObject({ endKind: 'resolved', endDate: '2021-02-03' });
    });
    expect(await ledgerIds('auth-z')).toEqual({ total: 0, distinct: 0 });
  });

  it('never lets a follow-up from a token of another unit touch a dossier, over HTTP, before or after', async () => {
    const token = async (units: string[]) =>
      (
        (await (
          await host.request('/api/v1/auth/tokens', {
            method: 'POST',
            body: JSON.stringify({ name: `Một cửa ${units.join(',')}`, role: 'ingest', units }),
          })
        ).json()) as { token: string }
      ).token;
    const [a, z] = await Promise.all([token(['hta']), token(['htz'])]);
    const post = async (t: string, body: unknown[]) =>
      (await (
        await host.request('/api/v1/tthc/events', {
          method: 'POST',
          token: t,
          body: JSON.stringify(body),
          headers: { 'Content-Type': BATCH },
        })
      ).json()) as {
        accepted: number;
        duplicates: number;
        rejected: Array<{ index: number; errors: string[] }>;
      };

    expect((await post(a, [received('h-a1', 'hta', 'HTA-1')])).accepted).toBe(1);
    const after = await post(z, [withdrawn('h-z1', 'HTA-1')]);
    expect(after.accepted).toBe(0);
    expect(after.rejected[0].errors[0]).toMatch(/unit mismatch/);
    // Before: held (durable, so accepted), refused when the received event of hta arrives.
    expect((await post(z, [withdrawn('h-z2', 'HTA-2')])).accepted).toBe(1);
    expect((await post(a, [received('h-a2', 'hta', 'HTA-2')])).accepted).toBe(1);
    const letters = (await deadLetters()).filter((d) => d.eventId === 'h-z1' || d.eventId === 'h-z2');
    expect(letters.map((d) => d.reason)).toEqual(['unit_mismatch', 'unit_mismatch']);
    expect((await kpis('hta')).received.total).toBe(2);
    expect(await ledgerIds('h-z')).toEqual({ total: 0, distinct: 0 });
    // Re-sent, the refused one is refused again, and still one dead letter (a delivery count of 2).
    await post(z, [withdrawn('h-z1', 'HTA-1')]);
    expect((await deadLetters()).find((d) => d.eventId === 'h-z1')?.deliveryCount).toBe(2);
  });

  it('keeps the rest of an HTTP batch and a JetStream batch when one event has a NUL byte', async () => {
    const batch = [
      received('nul-ok-1', 'vp', 'NUL-OK-1'),
      received('nul-bad', 'vp', 'NUL\u0000BAD'),
      received('nul-ok-2', 'vp', 'NUL-OK-2'),
    ];
    const res = await host.request('/api/v1/tthc/events', {
      method: 'POST',
      body: JSON.stringify(batch),
      headers: { 'Content-Type': BATCH },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      accepted: number;
      rejected: Array<{ index: number; errors: string[] }>;
    };
    expect(body.accepted).toBe(2);
    expect(body.rejected).toEqual([
      {
        index: 1,
        id: 'nul-bad',
        errors: expect.arrayContaining([expect.stringMatching(/^data\.dossierCode: contains a NUL/)]),
      },
    ]);

    const js = [
      received('jsnul-ok-1', 'vp', 'JSNUL-1'),
      received('jsnul-bad', 'vp', 'JS\u0000NUL'),
      received('jsnul-ok-2', 'vp', 'JSNUL-2'),
    ];
    await publishToJetStream(nats.url, js, new Map(js.map((e) => [e.id, 'vp'])));
    await expectEventually(async () => expect((await ledgerIds('jsnul-ok')).total).toBe(2));
    expect(await ledgerIds('jsnul-bad')).toEqual({ total: 0, distinct: 0 });
  });

  it('counts an id once forever, beyond any JetStream duplicate window and across HTTP and NATS', async () => {
    const e = received('forever-1', 'vp', 'FOREVER-1');
    const nc = await connect({ servers: nats.url });
    try {
      const js = jetstream(nc);
      // Different Nats-Msg-Ids: JetStream's window cannot see these as one event; the ledger must.
      for (const msgID of ['forever-a', 'forever-b', 'forever-c'])
        await js.publish(tthcSubject('vp', e.type), JSON.stringify(e), { msgID });
    } finally {
      await nc.close();
    }
    await expectEventually(async () => expect((await ledgerIds('forever-')).total).toBe(1));
    const res = await host.request('/api/v1/tthc/events', {
      method: 'POST',
      body: JSON.stringify(e),
      headers: { 'Content-Type': 'application/cloudevents+json' },
    });
    expect(await res.json()).toMatchObject({ accepted: 0, duplicates: 1 });
    expect(await ledgerIds('forever-')).toEqual({ total: 1, distinct: 1 });
  });

  it('loses and double-counts nothing across a NATS restart mid-stream', async () => {
    const events = stream(13, 300, 'natsrestart-', 'nr');
    const sent = shuffleWithDuplicates(events, 5, 0.1);
    const unitOf = eventUnitCodes(events);
    const half = Math.floor(sent.length / 2);
    await publishToJetStream(nats.url, sent.slice(0, half), unitOf);
    await nats.kill();
    await new Promise((r) => setTimeout(r, 1_000));
    await nats.restart();
    await publishToJetStream(nats.url, sent.slice(half), unitOf);
    await expectEventually(
      async () => expect((await ledgerIds('natsrestart-')).distinct).toBe(events.length),
      60_000,
      250,
    );
    expect((await ledgerIds('natsrestart-')).total).toBe(events.length);
    for (const unit of new Set(unitOf.values()))
      expect(await kpis(unit)).toEqual(computeReferenceKpis(events, { ...Q1, unit }, [], CALENDAR));
  });
});
