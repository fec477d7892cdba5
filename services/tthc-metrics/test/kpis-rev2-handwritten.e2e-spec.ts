import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { KpiResult } from '@cchc/contracts';
import { ev, startTestHost, startTestPostgres, type TestHost, type TestPostgres } from '@cchc/testing';
import { TthcMetricsModule } from '../src/tthc-metrics.module';

// The production projection and SQL of architecture.md §5 revision 2 on a fixed, small event set,
// every expected number written by hand (the shipped working calendar: March–June 2021 has no
// holiday except 21/4 Giỗ Tổ, 30/4 and 1/5, none of them a due date below).
const at = (date: string, time = '09:00') => `${date}T${time}:00+07:00`;
const CATALOG = [
  { code: 'P1', name: 'Thủ tục P1', unitCode: 'vp', level: 4 },
  { code: 'P2', name: 'Thủ tục P2', unitCode: 'gd', level: 2 },
];
const EVENTS = [
  // A: waits for its supplement from 10/3 to 5/4 (new due 20/4), resolved 15/4.
  ev.received('A', { at: at('2021-03-01'), due: '2021-03-15' }),
  ev.supplementRequested('A', at('2021-03-10')),
  ev.supplementReceived('A', at('2021-04-05'), '2021-04-20'),
  ev.resolved('A', at('2021-04-15')),
  // B: supplement received 8/3 with new due Fri 19/3; never resolved.
  ev.received('B', { at: at('2021-03-01'), due: '2021-03-10' }),
  ev.supplementRequested('B', at('2021-03-05')),
  ev.supplementReceived('B', at('2021-03-08'), '2021-03-19'),
  // C: two requests; resolved 15/3 before its due date 26/3 but late by supplementation.
  ev.received('C', { at: at('2021-03-01', '08:00'), due: '2021-03-25' }),
  ev.supplementRequested('C', at('2021-03-03')),
  ev.supplementRequested('C', at('2021-03-05')),
  ev.supplementReceived('C', at('2021-03-08'), '2021-03-26'),
  ev.resolved('C', at('2021-03-15')),
  // J: late, letter on Fri 12/3 for a Mon 15/3 due date: in time.
  ev.received('J', { at: at('2021-03-01'), due: '2021-03-15' }),
  ev.apology('J', at('2021-03-12', '16:00'), '2021-03-22'),
  ev.resolved('J', at('2021-03-22')),
  // K: late, letter after the due date: too late (and an anomaly).
  ev.received('K', { at: at('2021-03-01'), due: '2021-03-15' }),
  ev.apology('K', at('2021-03-16'), '2021-03-22'),
  ev.resolved('K', at('2021-03-22')),
  // I: late, letter only on 2/4 (after Q1, after the due date: an anomaly).
  ev.received('I', { at: at('2021-03-02'), due: '2021-03-16' }),
  ev.resolved('I', at('2021-03-25')),
  ev.apology('I', at('2021-04-02'), '2021-04-10'),
  // O: another unit and procedure, due on Saturday 20/3 (an anomaly), resolved early.
  ev.received('O', { at: at('2021-03-02'), due: '2021-03-20', unit: 'gd', procedure: 'P2' }),
  ev.resolved('O', at('2021-03-19')),
  // E: asked for a supplement on 11/3, after its due date 10/3: late for good.
  ev.received('E', { at: at('2021-03-01'), due: '2021-03-10' }),
  ev.supplementRequested('E', at('2021-03-11')),
  // T: online, paid and rated (no effect on the KPIs), resolved early with an e-result.
  ev.received('T', { at: at('2021-03-03'), due: '2021-03-17', channel: 'online', digitized: true }),
  ev.paid('T', at('2021-03-03', '10:00'), 'online'),
  ev.resolved('T', at('2021-03-16'), true),
  ev.rated('T', at('2021-03-18'), 'dissatisfied'),
  // V: 23:59 local on 31/3 (16:59 UTC): received in Q1. U: 00:30 local on 1/4 (17:30 UTC 31/3): Q2.
  ev.received('V', { at: '2021-03-31T16:59:00Z', due: '2021-04-09' }),
  ev.received('U', { at: '2021-03-31T17:30:00Z', due: '2021-04-09' }),
  // One PAKN, resolved on time in March.
  ev.feedbackReceived('F1', { at: at('2021-03-05'), due: '2021-03-19' }),
  ev.feedbackResolved('F1', at('2021-03-18'), 'satisfied'),
];

describe('KPIs of revision 2 from the production projection (hand-computed)', () => {
  let pg: TestPostgres;
  let host: TestHost;
  const get = async (query: string): Promise<KpiResult> => {
    const res = await host.request(`/api/v1/tthc/kpis?${query}`);
    expect(res.status).toBe(200);
    return (await res.json()) as KpiResult;
  };

  beforeAll(async () => {
    pg = await startTestPostgres();
    host = await startTestHost({
      service: 'tthc-metrics',
      features: [TthcMetricsModule],
      databaseUrl: pg.url,
    });
    const put = await host.request('/api/v1/tthc/procedures', {
      method: 'PUT',
      body: JSON.stringify(CATALOG),
    });
    expect(put.status).toBe(200);
    // Sent in reverse order and twice: the projection is a function of the set.
    const sent = [...EVENTS].reverse().concat(EVENTS.slice(0, 5));
    const res = await host.request('/api/v1/tthc/events', {
      method: 'POST',
      body: JSON.stringify(sent),
      headers: { 'Content-Type': 'application/cloudevents-batch+json' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ accepted: EVENTS.length, duplicates: 5, rejected: [] });
  });

  afterAll(async () => {
    await host?.stop();
    await pg?.stop();
  });

  it('2021-Q1: awaiting supplement, late by supplementation, apologies dated by the cut-off', async () => {
    const r = await get('period=2021-Q1');
    expect(r.received).toEqual({ total: 10, online: 1, direct: 9, postal: 0, carriedOver: 0 });
    expect(r.resolved).toEqual({ total: 6, early: 2, onTime: 0, late: 4 }); // O, T early; C, J, K, I late
    expect(r.pending).toEqual({ total: 4, withinTime: 1, awaitingSupplement: 1, overdue: 2 }); // V; A; B, E
    expect(r.withdrawn).toBe(0);
    expect(r.onTimeRate).toBeCloseTo(2 / 6, 12);
    expect(r.apology).toEqual({
      lateDossiers: 6,
      withApology: 2, // J, K (I's letter is dated 2/4)
      withoutApology: 4,
      coverage: 2 / 6,
      inTime: 1, // J
      inTimeRate: 1 / 6,
    });
    expect(r.online).toEqual({
      dossierRate: 0.1,
      proceduresLevel3or4: 1,
      proceduresTotal: 2,
      procedureRate: 0.5,
    });
    expect(r.feedback).toEqual({
      received: 1,
      resolved: 1,
      resolvedOnTime: 1,
      pending: 0,
      overdue: 0,
      onTimeRate: 1,
    });
    expect(r.dataQuality).toEqual({ anomalies: 4 }); // C (two requests), K and I (late letters), O (Saturday)
  });

  it('2021-03 gives the same dossier counts as Q1 (everything happened in March)', async () => {
    const r = await get('period=2021-03');
    expect(r.pending).toEqual({ total: 4, withinTime: 1, awaitingSupplement: 1, overdue: 2 });
    expect(r.resolved).toEqual({ total: 6, early: 2, onTime: 0, late: 4 });
    expect(r.dataQuality.anomalies).toBe(4);
  });

  it('2021-Q2: the supplement restarts A’s clock; the rest is overdue', async () => {
    const r = await get('period=2021-Q2');
    expect(r.received).toEqual({ total: 5, online: 0, direct: 1, postal: 0, carriedOver: 4 }); // U; A, B, E, V
    expect(r.resolved).toEqual({ total: 1, early: 1, onTime: 0, late: 0 }); // A: 15/4 before 20/4
    expect(r.pending).toEqual({ total: 4, withinTime: 0, awaitingSupplement: 0, overdue: 4 });
    expect(r.apology).toEqual({
      lateDossiers: 4,
      withApology: 0,
      withoutApology: 4,
      coverage: 0,
      inTime: 0,
      inTimeRate: 0,
    });
    expect(r.dataQuality.anomalies).toBe(0);
    expect(r.feedback).toEqual({
      received: 0,
      resolved: 0,
      resolvedOnTime: 0,
      pending: 0,
      overdue: 0,
      onTimeRate: null,
    });
  });

  it('2021-Q2 in the Decree 09 window (15/3–14/6) counts I’s April letter', async () => {
    const r = await get('period=2021-Q2&window=decree09');
    expect(r.period).toEqual({ from: '2021-03-15', to: '2021-06-14', window: 'decree09' });
    expect(r.received).toEqual({ total: 11, online: 0, direct: 2, postal: 0, carriedOver: 9 });
    expect(r.resolved).toEqual({ total: 7, early: 3, onTime: 0, late: 4 }); // A, O, T; C, J, K, I
    expect(r.pending).toEqual({ total: 4, withinTime: 0, awaitingSupplement: 0, overdue: 4 }); // B, E, V, U
    expect(r.apology).toEqual({
      lateDossiers: 8,
      withApology: 3, // J, K, I
      withoutApology: 5,
      coverage: 3 / 8,
      inTime: 1,
      inTimeRate: 1 / 8,
    });
    expect(r.feedback).toMatchObject({ received: 0, resolved: 1, resolvedOnTime: 1 });
    expect(r.dataQuality.anomalies).toBe(4);
  });

  it('scopes by unit and by procedure', async () => {
    const gd = await get('period=2021-Q1&unit=gd');
    expect(gd.received).toEqual({ total: 1, online: 0, direct: 1, postal: 0, carriedOver: 0 });
    expect(gd.resolved).toEqual({ total: 1, early: 1, onTime: 0, late: 0 });
    expect(gd.online).toEqual({
      dossierRate: 0,
      proceduresLevel3or4: 0,
      proceduresTotal: 1,
      procedureRate: 0,
    });
    expect(gd.dataQuality.anomalies).toBe(1);
    expect(gd.feedback.received).toBe(0);
    const p1 = await get('period=2021-Q1&procedure=P1');
    expect(p1.received).toEqual({ total: 9, online: 1, direct: 8, postal: 0, carriedOver: 0 });
    expect(p1.resolved).toEqual({ total: 5, early: 1, onTime: 0, late: 4 });
    expect(p1.pending).toEqual({ total: 4, withinTime: 1, awaitingSupplement: 1, overdue: 2 });
    expect(p1.online).toMatchObject({ proceduresLevel3or4: 1, proceduresTotal: 1 });
    expect(p1.dataQuality.anomalies).toBe(3);
    expect(p1.feedback.received).toBe(0); // F1 is not linked to a dossier
  });
});
