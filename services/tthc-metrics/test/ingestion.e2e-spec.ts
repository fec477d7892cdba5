import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { localDate } from '@cchc/calendar';
import { tthcSubject } from '@cchc/contracts';
import { expectEventually, type TestHost, type TestNats } from '@cchc/testing';
import { generateEventStream } from '../../../tools/simulator/src/generator';
import { startTthcTestHost, type TthcNatsTestHost } from './tthc-test-host';

interface IngestBody {
  accepted: number;
  duplicates: number;
  rejected: Array<{ index: number; id: string | null; errors: string[] }>;
}
interface DeadLetter {
  id: number;
  eventId: string | null;
  transport: string;
  reason: string;
  errors: string[];
  payload: string;
  redrivenAt: string | null;
}

const BATCH = 'application/cloudevents-batch+json';

function received(id: string, unitCode: string, dossierCode: string) {
  return {
    specversion: '1.0',
    id,
    source: 'mot-cua/sgddt',
    type: 'vn.cchc.tthc.dossier.received.v1',
    time: '2021-01-05T08:30:00+07:00',
    subject: dossierCode,
    datacontenttype: 'application/json',
    data: {
      dossierCode,
      procedureCode: '1.005092',
      unitCode,
      channel: 'online',
      receivedAt: '2021-01-05T08:30:00+07:00',
      dueDate: '2021-01-12',
      procedureLevel: 3,
    },
  };
}

describe('TTHC ingestion edges (real PostgreSQL, real NATS)', () => {
  let stack: TthcNatsTestHost;
  let nats: TestNats;
  let host: TestHost;

  beforeAll(async () => {
    stack = await startTthcTestHost({
      nats: true,
      // Fast retries, so the poison test takes seconds, not minutes.
      config: {
        ingest: {
          batchSize: 50,
          flushMs: 20,
          maxInFlight: 2,
          maxDeliver: 3,
          ackWaitSeconds: 5,
          retryBaseMs: 200,
          retryMaxMs: 1000,
        },
      },
    });
    ({ nats, host } = stack);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  async function deadLetters(): Promise<DeadLetter[]> {
    return (await (await host.request('/api/v1/tthc/rejected-events?limit=1000')).json()) as DeadLetter[];
  }

  it('accepts 499 of a batch of 500 with one malformed event, naming the bad field', async () => {
    const events = generateEventStream({
      from: '2021-01-04',
      to: '2021-02-26',
      seed: 5,
      dossiers: 400,
    }).slice(0, 500);
    expect(events).toHaveLength(500);
    const batch: unknown[] = events.map((e) => structuredClone(e));
    const bad = batch[137] as { data: { dueDate?: string; resolvedAt?: string; receivedAt?: string } };
    // Break one required timestamp/date field of whatever type event 137 is.
    if ('dueDate' in bad.data) bad.data.dueDate = '2021-02-30';
    else if ('resolvedAt' in bad.data) bad.data.resolvedAt = 'yesterday';
    else (bad as { data: unknown }).data = { ...bad.data, receivedAt: 'yesterday' };

    const res = await host.request('/api/v1/tthc/events', {
      method: 'POST',
      body: JSON.stringify(batch),
      headers: { 'Content-Type': BATCH },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as IngestBody;
    expect(body.accepted).toBe(499);
    expect(body.rejected).toHaveLength(1);
    expect(body.rejected[0].index).toBe(137);
    expect(body.rejected[0].id).toBe(events[137].id);
    expect(body.rejected[0].errors.join(' ')).toMatch(/data\.(dueDate|resolvedAt|receivedAt)/);
    const letters = await deadLetters();
    expect(letters.some((d) => d.eventId === events[137].id && d.transport === 'http')).toBe(true);
  });

  it('answers 400 for malformed JSON, 413 above 1,000 events and 415 for another content type', async () => {
    const malformed = await host.request('/api/v1/tthc/events', {
      method: 'POST',
      body: '[{"id": ',
      headers: { 'Content-Type': BATCH },
    });
    expect(malformed.status).toBe(400);
    const tooMany = Array.from({ length: 1001 }, (_, i) => received(`big-${i}`, 'vp', `BIG-${i}`));
    const large = await host.request('/api/v1/tthc/events', {
      method: 'POST',
      body: JSON.stringify(tooMany),
      headers: { 'Content-Type': BATCH },
    });
    expect(large.status).toBe(413);
    const xml = await host.request('/api/v1/tthc/events', {
      method: 'POST',
      body: '<event/>',
      headers: { 'Content-Type': 'application/xml' },
    });
    expect(xml.status).toBe(415);
  });

  it('counts a repeated id once, whether in one batch or across requests', async () => {
    const e = received('dup-1', 'vp', 'DUP-0001');
    const first = (await (
      await host.request('/api/v1/tthc/events', {
        method: 'POST',
        body: JSON.stringify([e, e]),
        headers: { 'Content-Type': BATCH },
      })
    ).json()) as IngestBody;
    expect(first).toMatchObject({ accepted: 1, duplicates: 1 });
    const again = (await (
      await host.request('/api/v1/tthc/events', {
        method: 'POST',
        body: JSON.stringify(e),
        headers: { 'Content-Type': 'application/cloudevents+json' },
      })
    ).json()) as IngestBody;
    expect(again).toMatchObject({ accepted: 0, duplicates: 1 });
  });

  it('refuses events for unit tt from a token scoped to vp, and keeps the rest of the batch', async () => {
    const created = await host.request('/api/v1/auth/tokens', {
      method: 'POST',
      body: JSON.stringify({ name: 'Một cửa Văn phòng', role: 'ingest', units: ['vp'] }),
    });
    const { token } = (await created.json()) as { token: string };
    const res = await host.request('/api/v1/tthc/events', {
      method: 'POST',
      token,
      body: JSON.stringify([received('scope-vp', 'vp', 'VP-0001'), received('scope-tt', 'tt', 'TT-0001')]),
      headers: { 'Content-Type': BATCH },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as IngestBody;
    expect(body.accepted).toBe(1);
    expect(body.rejected).toEqual([{ index: 1, id: 'scope-tt', errors: [expect.stringContaining('"tt"')] }]);
    // A follow-up event for the tt dossier (no unitCode of its own) is refused too once the dossier is known.
    await host.request('/api/v1/tthc/events', {
      method: 'POST',
      body: JSON.stringify(received('scope-tt-admin', 'tt', 'TT-0002')),
      headers: { 'Content-Type': 'application/cloudevents+json' },
    });
    // Distributed mode: the consumer writes the ledger shortly after JetStream acknowledges.
    await expectEventually(async () => {
      const k = (await (await host.request('/api/v1/tthc/kpis?period=2021-Q1&unit=tt')).json()) as {
        received: { total: number };
      };
      expect(k.received.total).toBe(1);
    });
    const resolve = {
      specversion: '1.0',
      id: 'scope-tt-resolve',
      source: 'x',
      type: 'vn.cchc.tthc.dossier.resolved.v1',
      time: '2021-01-06T08:00:00+07:00',
      subject: 'TT-0002',
      data: { dossierCode: 'TT-0002', resolvedAt: '2021-01-06T08:00:00+07:00', outcome: 'approved' },
    };
    const follow = (await (
      await host.request('/api/v1/tthc/events', {
        method: 'POST',
        token,
        body: JSON.stringify(resolve),
        headers: { 'Content-Type': 'application/cloudevents+json' },
      })
    ).json()) as IngestBody;
    expect(follow.accepted).toBe(0);
    expect(follow.rejected[0].errors[0]).toContain('"tt"');
    // A viewer may not ingest at all.
    const viewer = (await (
      await host.request('/api/v1/auth/tokens', {
        method: 'POST',
        body: JSON.stringify({ name: 'v', role: 'viewer' }),
      })
    ).json()) as { token: string };
    expect(
      (
        await host.request('/api/v1/tthc/events', {
          method: 'POST',
          token: viewer.token,
          body: '[]',
          headers: { 'Content-Type': BATCH },
        })
      ).status,
    ).toBe(403);
  });

  it('dead-letters an invalid NATS message and a NUL-byte one at once, and keeps consuming', async () => {
    const nc = await connect({ servers: nats.url });
    const js = jetstream(nc);
    try {
      await js.publish('tthc.v1.vp.dossier.received', '{ not json', { msgID: 'garbage-1' });
      // Valid by the contract, but PostgreSQL refuses a NUL character in text: screened out on its own
      // (it used to fail every attempt and hold back the batch until max_deliver).
      const poison = received('poison-1', 'vp', 'POISON\u0000-1');
      await js.publish(tthcSubject('vp', poison.type), JSON.stringify(poison), { msgID: poison.id });
      const after = received('after-poison', 'vp', 'AFTER-0001');
      await js.publish(tthcSubject('vp', after.type), JSON.stringify(after), { msgID: after.id });
      const wrongUnit = received('wrong-unit', 'tt', 'TT-0100');
      await js.publish(tthcSubject('vp', wrongUnit.type), JSON.stringify(wrongUnit), { msgID: wrongUnit.id });
    } finally {
      await nc.close();
    }
    // The event behind the poison message is not held back by it.
    await expectEventually(async () => {
      const k = (await (await host.request('/api/v1/tthc/kpis?period=2021-Q1&unit=vp')).json()) as {
        received: { total: number };
      };
      expect(k.received.total).toBeGreaterThanOrEqual(2);
    }, 20_000);
    await expectEventually(async () => {
      const letters = (await deadLetters()).filter((d) => d.transport === 'nats');
      expect(letters.find((d) => d.reason === 'malformed')?.payload).toBe('{ not json');
      expect(letters.find((d) => d.eventId === 'wrong-unit')?.reason).toBe('unit_forbidden');
      const poison = letters.find((d) => d.eventId === 'poison-1');
      expect(poison?.reason).toBe('invalid');
      expect(poison?.errors[0]).toMatch(/^data\.dossierCode: contains a NUL character/);
    }, 20_000);
    const metrics = await (await host.request('/metrics', { token: null })).text();
    expect(metrics).toMatch(/cchc_tthc_dead_letters_total\{transport="nats",reason="invalid"\} [1-9]/);

    // Re-driving: the misrouted event, re-sent by an admin, now counts for its own unit, once.
    const letters = await deadLetters();
    const misrouted = letters.find((d) => d.eventId === 'wrong-unit')!;
    const redrive = async (id: number) =>
      host.request(`/api/v1/tthc/rejected-events/${id}/redrive`, { method: 'POST' });
    const first = await redrive(misrouted.id);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ eventId: 'wrong-unit', outcome: 'accepted' });
    await expectEventually(async () => {
      const k = (await (await host.request('/api/v1/tthc/dossiers/TT-0100')).json()) as {
        dossier: { unitCode: string } | null;
      };
      expect(k.dossier?.unitCode).toBe('tt');
    });
    expect(await (await redrive(misrouted.id)).json()).toMatchObject({ outcome: 'duplicate' });
    const garbage = letters.find((d) => d.reason === 'malformed')!;
    const refused = await redrive(garbage.id);
    expect(refused.status).toBe(400);
    expect((await deadLetters()).find((d) => d.id === misrouted.id)?.redrivenAt).not.toBeNull();
  });

  it('lists anomalies (a due date beyond the legal duration, a second apology) and dossiers at risk', async () => {
    const put = await host.request('/api/v1/tthc/procedures', {
      method: 'PUT',
      body: JSON.stringify([
        { code: 'T-5D', name: 'Thủ tục thử nghiệm 5 ngày', unitCode: 'vp', level: 3, durationWorkingDays: 5 },
      ]),
    });
    expect(put.status).toBe(200);
    const today = localDate(new Date().toISOString());
    const base = { specversion: '1.0', source: 'mot-cua/sgddt', time: '2021-03-01T09:00:00+07:00' };
    const events = [
      // Received Monday 1/3/2021 at 9:00; 5 working days end on 8/3: a due date of 31/3 is beyond it.
      {
        ...base,
        id: 'an-1',
        type: 'vn.cchc.tthc.dossier.received.v1',
        subject: 'AN-0001',
        data: {
          dossierCode: 'AN-0001',
          procedureCode: 'T-5D',
          unitCode: 'vp',
          channel: 'direct',
          receivedAt: '2021-03-01T09:00:00+07:00',
          dueDate: '2021-03-31',
        },
      },
      {
        ...base,
        id: 'an-2',
        type: 'vn.cchc.tthc.dossier.received.v1',
        subject: 'AN-0002',
        data: {
          dossierCode: 'AN-0002',
          procedureCode: 'T-5D',
          unitCode: 'vp',
          channel: 'direct',
          receivedAt: '2021-03-01T09:00:00+07:00',
          dueDate: '2021-03-08',
        },
      },
      ...[1, 2].map((n) => ({
        ...base,
        id: `an-2-apology-${n}`,
        type: 'vn.cchc.tthc.dossier.apology_issued.v1',
        subject: 'AN-0002',
        data: {
          dossierCode: 'AN-0002',
          issuedAt: '2021-03-05T09:00:00+07:00',
          letterNo: `0${n}/TB-SGDĐT`,
          reason: 'Cần xác minh',
          newDueDate: '2021-03-15',
        },
      })),
      // Open and due today, no apology: at risk. The same with an apology: not.
      {
        ...base,
        id: 'risk-1',
        type: 'vn.cchc.tthc.dossier.received.v1',
        subject: 'RISK-0001',
        data: {
          dossierCode: 'RISK-0001',
          procedureCode: 'X',
          unitCode: 'vp',
          channel: 'online',
          receivedAt: `${today}T08:00:00+07:00`,
          dueDate: today,
        },
      },
      {
        ...base,
        id: 'risk-2',
        type: 'vn.cchc.tthc.dossier.received.v1',
        subject: 'RISK-0002',
        data: {
          dossierCode: 'RISK-0002',
          procedureCode: 'X',
          unitCode: 'vp',
          channel: 'online',
          receivedAt: `${today}T08:00:00+07:00`,
          dueDate: today,
        },
      },
      {
        ...base,
        id: 'risk-2-apology',
        type: 'vn.cchc.tthc.dossier.apology_issued.v1',
        subject: 'RISK-0002',
        data: {
          dossierCode: 'RISK-0002',
          issuedAt: `${today}T08:30:00+07:00`,
          letterNo: '03/TB-SGDĐT',
          reason: 'Chờ ý kiến',
          newDueDate: today,
        },
      },
    ];
    const res = await host.request('/api/v1/tthc/events', {
      method: 'POST',
      body: JSON.stringify(events),
      headers: { 'Content-Type': BATCH },
    });
    expect(((await res.json()) as IngestBody).rejected).toEqual([]);
    await expectEventually(async () => {
      const anomalies = (await (
        await host.request('/api/v1/tthc/dossiers/anomalies?limit=1000')
      ).json()) as Array<{ dossierCode: string; anomalies: string[] }>;
      expect(anomalies.find((d) => d.dossierCode === 'AN-0001')?.anomalies).toEqual([
        'due-date-beyond-duration',
      ]);
      expect(anomalies.find((d) => d.dossierCode === 'AN-0002')?.anomalies).toContain('apology-repeated');
    });
    const risk = (await (await host.request('/api/v1/tthc/dossiers/at-risk?unit=vp')).json()) as {
      dossiers: Array<{ dossierCode: string }>;
    };
    const codes = risk.dossiers.map((d) => d.dossierCode);
    expect(codes).toContain('RISK-0001');
    expect(codes).not.toContain('RISK-0002');
    const detail = (await (await host.request('/api/v1/tthc/dossiers/AN-0002')).json()) as {
      dossier: { hasApology: boolean };
      events: unknown[];
    };
    expect(detail.dossier.hasApology).toBe(true);
    expect(detail.events).toHaveLength(3);
    expect((await host.request('/api/v1/tthc/dossiers/KHONG-CO')).status).toBe(404);
  });
});
