import { describe, expect, it } from '@jest/globals';
import type { KpiResult } from '@cchc/contracts';
import { computeReferenceKpis, type ReferenceCatalogEntry, type ReferenceKpiQuery } from './kpi-reference';

// Every expected number below is worked out by hand from architecture.md §5, not by running the code.

const Q1: ReferenceKpiQuery = { from: '2021-01-01', to: '2021-03-31', window: 'calendar' };
const CATALOG: ReferenceCatalogEntry[] = [
  { code: 'P1', unitCode: 'vp', level: 4 },
  { code: 'P2', unitCode: 'vp', level: 2 },
  { code: 'P3', unitCode: 'gdtrh', level: 3 },
];

let seq = 0;
function event(type: string, subject: string, time: string, data: Record<string, unknown>, id?: string) {
  seq++;
  return {
    specversion: '1.0',
    id: id ?? `evt-${String(seq).padStart(6, '0')}`,
    source: 'mot-cua/test',
    type: `vn.cchc.tthc.${type}.v1`,
    time,
    subject,
    datacontenttype: 'application/json',
    data,
  };
}

interface ReceivedOpts {
  at: string;
  due: string;
  channel?: 'online' | 'direct' | 'postal';
  unit?: string;
  procedure?: string;
  time?: string;
  id?: string;
  level?: number;
}
const received = (code: string, o: ReceivedOpts) =>
  event(
    'dossier.received',
    code,
    o.time ?? o.at,
    {
      dossierCode: code,
      procedureCode: o.procedure ?? 'P1',
      unitCode: o.unit ?? 'vp',
      channel: o.channel ?? 'direct',
      receivedAt: o.at,
      dueDate: o.due,
      ...(o.level === undefined ? {} : { procedureLevel: o.level }),
    },
    o.id,
  );
const resolved = (code: string, at: string, id?: string) =>
  event('dossier.resolved', code, at, { dossierCode: code, resolvedAt: at, outcome: 'approved' }, id);
const withdrawn = (code: string, at: string) =>
  event('dossier.withdrawn', code, at, { dossierCode: code, withdrawnAt: at });
const supplementRequested = (code: string, at: string) =>
  event('dossier.supplement_requested', code, at, {
    dossierCode: code,
    requestedAt: at,
    reason: 'thiếu bản sao',
  });
const supplementReceived = (code: string, at: string, due: string) =>
  event('dossier.supplement_received', code, at, { dossierCode: code, receivedAt: at, dueDate: due });
const apology = (code: string, at: string, newDue: string) =>
  event('dossier.apology_issued', code, at, {
    dossierCode: code,
    issuedAt: at,
    letterNo: '12/PXL-SGDĐT',
    reason: 'cần xác minh thêm',
    newDueDate: newDue,
  });
const returned = (code: string, at: string, channel: 'direct' | 'online' | 'postal') =>
  event('dossier.returned', code, at, { dossierCode: code, returnedAt: at, returnChannel: channel });
const feedbackReceived = (id: string, o: { at: string; due: string; unit?: string; dossier?: string }) =>
  event('feedback.received', id, o.at, {
    feedbackId: id,
    unitCode: o.unit ?? 'vp',
    receivedAt: o.at,
    dueDate: o.due,
    channel: 'online',
    ...(o.dossier === undefined ? {} : { dossierCode: o.dossier }),
  });
const feedbackResolved = (id: string, at: string) =>
  event('feedback.resolved', id, at, { feedbackId: id, resolvedAt: at });

function kpis(events: unknown[], query: Partial<ReferenceKpiQuery> = {}, catalog = CATALOG): KpiResult {
  return computeReferenceKpis(events, { ...Q1, ...query }, catalog);
}

function expectInvariant(r: KpiResult): void {
  expect(r.received.total).toBe(r.resolved.total + r.pending.total + r.withdrawn);
  expect(r.received.total).toBe(
    r.received.online + r.received.direct + r.received.postal + r.received.carriedOver,
  );
  expect(r.resolved.total).toBe(r.resolved.early + r.resolved.onTime + r.resolved.late);
  expect(r.pending.total).toBe(r.pending.withinTime + r.pending.awaitingSupplement + r.pending.overdue);
}

describe(computeReferenceKpis.name, () => {
  it('returns zeros and null ratios for an empty stream, echoing the period and scope', () => {
    const r = kpis([]);
    expect(r.period).toEqual({ from: '2021-01-01', to: '2021-03-31', window: 'calendar' });
    expect(r.scope).toEqual({ unit: null, procedure: null });
    expect(r.received).toEqual({ total: 0, online: 0, direct: 0, postal: 0, carriedOver: 0 });
    expect(r.onTimeRate).toBeNull();
    expect(r.apology.coverage).toBeNull();
    expect(r.online.dossierRate).toBeNull();
    expect(r.feedback.onTimeRate).toBeNull();
    // The catalog counts do not depend on dossiers: P1 (4) and P3 (3) of three procedures.
    expect(r.online).toEqual({
      dossierRate: null,
      proceduresLevel3or4: 2,
      proceduresTotal: 3,
      procedureRate: 2 / 3,
    });
  });

  it('counts a dossier resolved before, on and after its due date as early, on time and late', () => {
    const r = kpis([
      received('D1', { at: '2021-02-01T08:00:00+07:00', due: '2021-02-10' }),
      resolved('D1', '2021-02-09T16:00:00+07:00'),
      received('D2', { at: '2021-02-01T09:00:00+07:00', due: '2021-02-10', channel: 'online' }),
      resolved('D2', '2021-02-10T16:59:00+07:00'),
      received('D3', { at: '2021-02-01T10:00:00+07:00', due: '2021-02-10', channel: 'postal' }),
      resolved('D3', '2021-02-11T08:00:00+07:00'),
    ]);
    expect(r.received).toEqual({ total: 3, online: 1, direct: 1, postal: 1, carriedOver: 0 });
    expect(r.resolved).toEqual({ total: 3, early: 1, onTime: 1, late: 1 });
    expect(r.pending).toEqual({ total: 0, withinTime: 0, awaitingSupplement: 0, overdue: 0 });
    expect(r.onTimeRate).toBeCloseTo(2 / 3, 12);
    // D3 is the only late one and has no apology.
    expect(r.apology).toEqual({
      lateDossiers: 1,
      withApology: 0,
      withoutApology: 1,
      coverage: 0,
      inTime: 0,
      inTimeRate: 0,
    });
    expect(r.online.dossierRate).toBeCloseTo(1 / 3, 12);
    expect(r.postal).toEqual({ received: 1, returned: 0 });
    expectInvariant(r);
  });

  it('carries over a dossier received before the period and still open at its start', () => {
    const r = kpis([
      received('D1', { at: '2020-12-28T08:00:00+07:00', due: '2021-01-08' }),
      resolved('D1', '2021-01-06T10:00:00+07:00'),
      received('D2', { at: '2020-12-29T08:00:00+07:00', due: '2021-01-08' }),
    ]);
    expect(r.received).toEqual({ total: 2, online: 0, direct: 0, postal: 0, carriedOver: 2 });
    expect(r.resolved).toEqual({ total: 1, early: 1, onTime: 0, late: 0 });
    // D2: to (2021-03-31) > due (2021-01-08).
    expect(r.pending).toEqual({ total: 1, withinTime: 0, awaitingSupplement: 0, overdue: 1 });
    // No dossier received inside the period: the online denominator is 0.
    expect(r.online.dossierRate).toBeNull();
    expectInvariant(r);
  });

  it('leaves out a dossier that ended before the period and one received after it', () => {
    const r = kpis([
      received('D1', { at: '2020-12-01T08:00:00+07:00', due: '2020-12-15' }),
      resolved('D1', '2020-12-31T16:00:00+07:00'),
      received('D2', { at: '2020-12-02T08:00:00+07:00', due: '2020-12-15' }),
      withdrawn('D2', '2020-12-10T16:00:00+07:00'),
      received('D3', { at: '2021-04-01T08:00:00+07:00', due: '2021-04-15' }),
    ]);
    expect(r.received.total).toBe(0);
    expect(r.resolved.total).toBe(0);
    expect(r.pending.total).toBe(0);
    expect(r.withdrawn).toBe(0);
    expectInvariant(r);
  });

  it('counts pending dossiers as overdue only when the cut-off is after the due date', () => {
    const r = kpis([
      received('D1', { at: '2021-03-01T08:00:00+07:00', due: '2021-03-30' }), // to > due: overdue
      received('D2', { at: '2021-03-01T08:00:00+07:00', due: '2021-03-31' }), // to = due: within time
      received('D3', { at: '2021-03-01T08:00:00+07:00', due: '2021-04-10' }), // within time
      received('D4', { at: '2021-03-01T08:00:00+07:00', due: '2021-03-20' }),
      resolved('D4', '2021-04-02T08:00:00+07:00'), // resolved after `to`: still pending at the cut-off, overdue
    ]);
    expect(r.received.total).toBe(4);
    expect(r.resolved.total).toBe(0);
    expect(r.pending).toEqual({ total: 4, withinTime: 2, awaitingSupplement: 0, overdue: 2 });
    expect(r.apology).toEqual({
      lateDossiers: 2,
      withApology: 0,
      withoutApology: 2,
      coverage: 0,
      inTime: 0,
      inTimeRate: 0,
    });
    expectInvariant(r);
  });

  it('keeps a late dossier late after an apology and counts the apology coverage', () => {
    const r = kpis([
      received('D1', { at: '2021-02-01T08:00:00+07:00', due: '2021-02-10' }),
      apology('D1', '2021-02-09T09:00:00+07:00', '2021-02-20'),
      resolved('D1', '2021-02-15T10:00:00+07:00'), // before the new date, after the original one: late
      received('D2', { at: '2021-03-01T08:00:00+07:00', due: '2021-03-10' }),
      apology('D2', '2021-03-09T09:00:00+07:00', '2021-04-20'), // pending and overdue despite the new date
      received('D3', { at: '2021-02-01T08:00:00+07:00', due: '2021-02-10' }),
      resolved('D3', '2021-02-12T10:00:00+07:00'), // late, no apology
      received('D4', { at: '2021-02-01T08:00:00+07:00', due: '2021-02-10' }),
      apology('D4', '2021-02-09T09:00:00+07:00', '2021-02-20'),
      resolved('D4', '2021-02-10T10:00:00+07:00'), // apologised but resolved on time: not a late dossier
    ]);
    expect(r.resolved).toEqual({ total: 3, early: 0, onTime: 1, late: 2 });
    expect(r.pending).toEqual({ total: 1, withinTime: 0, awaitingSupplement: 0, overdue: 1 });
    // Both letters are dated the day before a Wednesday due date: on the last working day before it.
    expect(r.apology).toEqual({
      lateDossiers: 3,
      withApology: 2,
      withoutApology: 1,
      coverage: 2 / 3,
      inTime: 2,
      inTimeRate: 2 / 3,
    });
    expect(r.onTimeRate).toBeCloseTo(1 / 3, 12);
    expectInvariant(r);
  });

  it('uses the dossier.received with the latest envelope time as the correction that counts', () => {
    const correction = received('D1', {
      at: '2021-02-01T08:00:00+07:00',
      due: '2021-02-05',
      channel: 'online',
      time: '2021-02-02T10:00:00+07:00',
    });
    const original = received('D1', {
      at: '2021-02-01T08:00:00+07:00',
      due: '2021-02-03',
      channel: 'direct',
    });
    // The correction arrives first: arrival order must not matter.
    const r = kpis([correction, original, resolved('D1', '2021-02-04T10:00:00+07:00')]);
    // One dossier, online, due 2021-02-05, resolved on the 4th: early (it would be late under the original).
    expect(r.received).toEqual({ total: 1, online: 1, direct: 0, postal: 0, carriedOver: 0 });
    expect(r.resolved).toEqual({ total: 1, early: 1, onTime: 0, late: 0 });
    expectInvariant(r);
  });

  it('lets a correction move a dossier to another unit', () => {
    const events = [
      received('D1', { at: '2021-02-01T08:00:00+07:00', due: '2021-02-05', unit: 'vp' }),
      received('D1', {
        at: '2021-02-01T08:00:00+07:00',
        due: '2021-02-05',
        unit: 'gdtrh',
        procedure: 'P3',
        time: '2021-02-01T09:00:00+07:00',
      }),
    ];
    expect(kpis(events, { unit: 'vp' }).received.total).toBe(0);
    expect(kpis(events, { unit: 'gdtrh' }).received.total).toBe(1);
  });

  it('restarts the time limit from the supplement_received with the latest receivedAt', () => {
    const r = kpis([
      received('D1', { at: '2021-02-01T08:00:00+07:00', due: '2021-02-05' }),
      supplementRequested('D1', '2021-02-02T08:00:00+07:00'),
      // Listed latest-first: the one received on the 15th sets the due date, not the array order.
      supplementReceived('D1', '2021-02-15T08:00:00+07:00', '2021-02-25'),
      supplementReceived('D1', '2021-02-08T08:00:00+07:00', '2021-02-18'),
      resolved('D1', '2021-02-22T10:00:00+07:00'),
    ]);
    // Due 2021-02-25, resolved the 22nd: early (late under 02-05 and 02-18).
    expect(r.resolved).toEqual({ total: 1, early: 1, onTime: 0, late: 0 });
  });

  it('takes the earliest resolved or withdrawn event as the end and ignores later ones', () => {
    const r = kpis([
      received('D1', { at: '2021-01-04T08:00:00+07:00', due: '2021-01-20' }),
      withdrawn('D1', '2021-01-10T08:00:00+07:00'),
      resolved('D1', '2021-01-15T08:00:00+07:00'),
      received('D2', { at: '2021-01-04T08:00:00+07:00', due: '2021-01-20' }),
      resolved('D2', '2021-01-25T08:00:00+07:00'), // late, but a resolution on the 18th came first
      resolved('D2', '2021-01-18T08:00:00+07:00'),
      withdrawn('D2', '2021-01-19T08:00:00+07:00'),
    ]);
    expect(r.withdrawn).toBe(1);
    expect(r.resolved).toEqual({ total: 1, early: 1, onTime: 0, late: 0 });
    expect(r.received.total).toBe(2);
    expectInvariant(r);
  });

  it('counts a withdrawal in the period, and one after the period as pending', () => {
    const r = kpis([
      received('D1', { at: '2021-03-01T08:00:00+07:00', due: '2021-03-20' }),
      withdrawn('D1', '2021-03-05T08:00:00+07:00'),
      received('D2', { at: '2021-03-01T08:00:00+07:00', due: '2021-04-20' }),
      withdrawn('D2', '2021-04-05T08:00:00+07:00'),
    ]);
    expect(r.withdrawn).toBe(1);
    expect(r.pending).toEqual({ total: 1, withinTime: 1, awaitingSupplement: 0, overdue: 0 });
    expectInvariant(r);
  });

  it('counts an event id once however many times it is sent', () => {
    const rec = received('D1', { at: '2021-02-01T08:00:00+07:00', due: '2021-02-10', channel: 'postal' });
    const res = resolved('D1', '2021-02-12T08:00:00+07:00');
    const ret = returned('D1', '2021-02-12T15:00:00+07:00', 'postal');
    const r = kpis([rec, res, rec, ret, res, rec, ret]);
    expect(r.received).toEqual({ total: 1, online: 0, direct: 0, postal: 1, carriedOver: 0 });
    expect(r.resolved).toEqual({ total: 1, early: 0, onTime: 0, late: 1 });
    expect(r.postal).toEqual({ received: 1, returned: 1 });
  });

  it('dates timestamps by their Asia/Ho_Chi_Minh calendar day', () => {
    const r = kpis([
      // 17:30Z on 31/12 is 00:30 on 1/1 in Hà Nội: received in the period, not carried over.
      received('D1', { at: '2020-12-31T17:30:00Z', due: '2021-01-10' }),
      // 23:30 local on 31/3: resolved in Q1, on its due date.
      received('D2', { at: '2021-03-01T08:00:00+07:00', due: '2021-03-31' }),
      resolved('D2', '2021-03-31T16:30:00Z'),
      // 17:30Z on 31/3 is 00:30 on 1/4 locally: not resolved by `to`, pending within time.
      received('D3', { at: '2021-03-01T08:00:00+07:00', due: '2021-04-01' }),
      resolved('D3', '2021-03-31T17:30:00Z'),
    ]);
    expect(r.received).toEqual({ total: 3, online: 0, direct: 3, postal: 0, carriedOver: 0 });
    expect(r.resolved).toEqual({ total: 1, early: 0, onTime: 1, late: 0 });
    // D1 (due 2021-01-10 < to) overdue, D3 (due 2021-04-01 ≥ to) within time.
    expect(r.pending).toEqual({ total: 2, withinTime: 1, awaitingSupplement: 0, overdue: 1 });
  });

  it('counts nothing for a dossier whose dossier.received has not arrived', () => {
    const events: unknown[] = [
      resolved('D1', '2021-02-01T08:00:00+07:00'),
      returned('D1', '2021-02-01T09:00:00+07:00', 'postal'),
    ];
    expect(kpis(events).resolved.total).toBe(0);
    expect(kpis(events).postal.returned).toBe(0);
    // When it arrives, the events kept so far apply.
    events.push(received('D1', { at: '2021-01-20T08:00:00+07:00', due: '2021-02-01', channel: 'postal' }));
    const r = kpis(events);
    expect(r.resolved).toEqual({ total: 1, early: 0, onTime: 1, late: 0 });
    expect(r.postal).toEqual({ received: 1, returned: 1 });
  });

  it('counts postal returns of in-scope dossiers dated in the period only', () => {
    const r = kpis([
      received('D1', { at: '2021-03-01T08:00:00+07:00', due: '2021-03-20', channel: 'postal' }),
      resolved('D1', '2021-03-10T08:00:00+07:00'),
      returned('D1', '2021-03-11T08:00:00+07:00', 'postal'), // counts
      received('D2', { at: '2021-03-01T08:00:00+07:00', due: '2021-03-20', channel: 'postal' }),
      resolved('D2', '2021-03-30T08:00:00+07:00'),
      returned('D2', '2021-04-01T08:00:00+07:00', 'postal'), // after `to`
      received('D3', { at: '2021-03-01T08:00:00+07:00', due: '2021-03-20', channel: 'online' }),
      resolved('D3', '2021-03-10T08:00:00+07:00'),
      returned('D3', '2021-03-10T09:00:00+07:00', 'online'), // not postal
      received('D4', { at: '2021-03-01T08:00:00+07:00', due: '2021-03-20', channel: 'direct' }),
      resolved('D4', '2021-03-10T08:00:00+07:00'),
      returned('D4', '2021-03-12T08:00:00+07:00', 'postal'), // a direct dossier whose result went by post
      returned('D4', '2021-03-13T08:00:00+07:00', 'postal'), // a second return: still one dossier
    ]);
    expect(r.postal).toEqual({ received: 2, returned: 2 });
  });

  it('ignores events that break the contract', () => {
    const bad = received('D1', { at: '2021-02-01T08:00:00+07:00', due: '2021-02-30' });
    const noChannel = received('D2', { at: '2021-02-01T08:00:00+07:00', due: '2021-02-10' });
    delete noChannel.data.channel;
    const badUnit = received('D3', { at: '2021-02-01T08:00:00+07:00', due: '2021-02-10', unit: 'Văn Phòng' });
    const r = kpis([bad, noChannel, badUnit, { hello: 'world' }, null, 'x']);
    expect(r.received.total).toBe(0);
  });

  it('scopes dossiers, the catalog and feedback by unit', () => {
    const events = [
      received('D1', { at: '2021-02-01T08:00:00+07:00', due: '2021-02-10', unit: 'vp', procedure: 'P1' }),
      received('D2', { at: '2021-02-01T08:00:00+07:00', due: '2021-02-10', unit: 'gdtrh', procedure: 'P3' }),
      feedbackReceived('F1', { at: '2021-02-02T08:00:00+07:00', due: '2021-02-20', unit: 'vp' }),
      feedbackReceived('F2', {
        at: '2021-02-02T08:00:00+07:00',
        due: '2021-02-20',
        unit: 'gdtrh',
        dossier: 'D2',
      }),
    ];
    const vp = kpis(events, { unit: 'vp' });
    expect(vp.scope).toEqual({ unit: 'vp', procedure: null });
    expect(vp.received.total).toBe(1);
    expect(vp.online).toEqual({
      dossierRate: 0,
      proceduresLevel3or4: 1,
      proceduresTotal: 2,
      procedureRate: 0.5,
    });
    expect(vp.feedback.pending).toBe(1);
    const gdtrh = kpis(events, { unit: 'gdtrh' });
    expect(gdtrh.received.total).toBe(1);
    expect(gdtrh.online).toEqual({
      dossierRate: 0,
      proceduresLevel3or4: 1,
      proceduresTotal: 1,
      procedureRate: 1,
    });
    expect(gdtrh.feedback.pending).toBe(1);
    expect(kpis(events, { unit: 'khtc' }).online.proceduresTotal).toBe(0);
    expect(kpis(events, { unit: 'khtc' }).online.procedureRate).toBeNull();
  });

  it('scopes dossiers and feedback linked to its dossiers by procedure', () => {
    const events = [
      received('D1', { at: '2021-02-01T08:00:00+07:00', due: '2021-02-10', procedure: 'P1' }),
      received('D2', { at: '2021-02-01T08:00:00+07:00', due: '2021-02-10', procedure: 'P2' }),
      feedbackReceived('F1', { at: '2021-02-02T08:00:00+07:00', due: '2021-02-20', dossier: 'D1' }),
      feedbackReceived('F2', { at: '2021-02-02T08:00:00+07:00', due: '2021-02-20', dossier: 'D2' }),
      feedbackReceived('F3', { at: '2021-02-02T08:00:00+07:00', due: '2021-02-20' }), // linked to nothing
      feedbackReceived('F4', { at: '2021-02-02T08:00:00+07:00', due: '2021-02-20', dossier: 'D9' }), // unknown dossier
    ];
    const p1 = kpis(events, { procedure: 'P1' });
    expect(p1.scope).toEqual({ unit: null, procedure: 'P1' });
    expect(p1.received.total).toBe(1);
    expect(p1.feedback.received).toBe(1);
    expect(kpis(events).feedback.received).toBe(4);
  });

  it('adds an unknown procedure announced with a procedureLevel to the catalog', () => {
    const r = kpis([
      received('D1', {
        at: '2021-02-01T08:00:00+07:00',
        due: '2021-02-10',
        procedure: 'P9',
        unit: 'vp',
        level: 3,
      }),
      // A level for a procedure already in the catalog changes nothing (P2 stays at level 2).
      received('D2', {
        at: '2021-02-01T08:00:00+07:00',
        due: '2021-02-10',
        procedure: 'P2',
        unit: 'vp',
        level: 4,
      }),
    ]);
    expect(r.online.proceduresTotal).toBe(4);
    expect(r.online.proceduresLevel3or4).toBe(3);
    expect(kpis([], { unit: 'vp' }).online.proceduresTotal).toBe(2);
  });

  it('counts feedback received, resolved on time or late, pending and overdue', () => {
    const r = kpis([
      // Received before the period, resolved in it on its due date: resolved on time, not received.
      feedbackReceived('F1', { at: '2020-12-20T08:00:00+07:00', due: '2021-01-10' }),
      feedbackResolved('F1', '2021-01-10T15:00:00+07:00'),
      // Received and resolved late in the period; a second resolution later changes nothing.
      feedbackReceived('F2', { at: '2021-02-01T08:00:00+07:00', due: '2021-02-20' }),
      feedbackResolved('F2', '2021-02-25T08:00:00+07:00'),
      feedbackResolved('F2', '2021-03-05T08:00:00+07:00'),
      // Received in the period, open at the cut-off and past its due date: pending and overdue.
      feedbackReceived('F3', { at: '2021-03-01T08:00:00+07:00', due: '2021-03-22' }),
      // Open at the cut-off, due on `to` itself: pending, not overdue.
      feedbackReceived('F8', { at: '2021-03-10T08:00:00+07:00', due: '2021-03-31' }),
      // Received in the period, resolved after `to`: pending within time.
      feedbackReceived('F4', { at: '2021-03-25T08:00:00+07:00', due: '2021-04-15' }),
      feedbackResolved('F4', '2021-04-02T08:00:00+07:00'),
      // Resolved before the period: counts nowhere.
      feedbackReceived('F5', { at: '2020-12-01T08:00:00+07:00', due: '2020-12-20' }),
      feedbackResolved('F5', '2020-12-15T08:00:00+07:00'),
      // Received after the period: counts nowhere.
      feedbackReceived('F6', { at: '2021-04-01T08:00:00+07:00', due: '2021-04-20' }),
      // Resolution without its feedback.received: counts nowhere.
      feedbackResolved('F7', '2021-02-01T08:00:00+07:00'),
    ]);
    expect(r.feedback).toEqual({
      received: 4,
      resolved: 2,
      resolvedOnTime: 1,
      pending: 3,
      overdue: 1,
      onTimeRate: 0.5,
    });
  });

  it('keeps received.total = resolved.total + pending.total + withdrawn on a mixed stream', () => {
    const r = kpis([
      received('A', { at: '2020-12-15T08:00:00+07:00', due: '2021-01-05', channel: 'online' }), // carried over, resolved late
      resolved('A', '2021-01-07T08:00:00+07:00'),
      received('B', { at: '2020-12-16T08:00:00+07:00', due: '2020-12-30' }), // ended before from
      resolved('B', '2020-12-29T08:00:00+07:00'),
      received('C', { at: '2021-01-05T08:00:00+07:00', due: '2021-01-20', channel: 'online' }), // early
      resolved('C', '2021-01-19T08:00:00+07:00'),
      received('D', { at: '2021-02-05T08:00:00+07:00', due: '2021-02-20', channel: 'postal' }), // withdrawn
      withdrawn('D', '2021-02-10T08:00:00+07:00'),
      received('E', { at: '2021-03-25T08:00:00+07:00', due: '2021-04-08' }), // pending within time
      received('F', { at: '2021-03-01T08:00:00+07:00', due: '2021-03-15' }), // pending overdue, apologised
      apology('F', '2021-03-14T08:00:00+07:00', '2021-04-05'),
      received('G', { at: '2021-04-02T08:00:00+07:00', due: '2021-04-16' }), // after to
    ]);
    expect(r.received).toEqual({ total: 5, online: 1, direct: 2, postal: 1, carriedOver: 1 });
    expect(r.resolved).toEqual({ total: 2, early: 1, onTime: 0, late: 1 });
    expect(r.withdrawn).toBe(1);
    expect(r.pending).toEqual({ total: 2, withinTime: 1, awaitingSupplement: 0, overdue: 1 });
    // F's letter is dated Sunday 14/3 for a Monday 15/3 due date: after Friday 12/3, so not in time.
    expect(r.apology).toEqual({
      lateDossiers: 2,
      withApology: 1,
      withoutApology: 1,
      coverage: 0.5,
      inTime: 0,
      inTimeRate: 0,
    });
    expect(r.online.dossierRate).toBe(0.25);
    expect(r.onTimeRate).toBe(0.5);
    expectInvariant(r);
  });
});
