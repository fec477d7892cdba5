import { describe, expect, it, jest } from '@jest/globals';
import type { ClientProxy } from '@nestjs/microservices';
import { lastValueFrom, type Observable, of } from 'rxjs';
import { DomainErrorKind } from '@cchc/errors';
import { Patterns } from '@cchc/contracts';
import { checkReply, checkRequest, ContractError, ContractErrorCode } from './contract-check';
import { contractChecked } from './contract-servers';
import { query } from './query';

// A KPI reply written out by hand, as a v1 tthc-metrics answers it.
function kpiReply(): Record<string, unknown> {
  return {
    period: { from: '2021-01-01', to: '2021-03-31', window: 'calendar' },
    scope: { unit: null, procedure: null },
    received: { total: 4, online: 2, direct: 1, postal: 1, carriedOver: 0 },
    resolved: { total: 2, early: 1, onTime: 0, late: 1 },
    pending: { total: 2, withinTime: 1, awaitingSupplement: 0, overdue: 1 },
    withdrawn: 0,
    onTimeRate: 0.5,
    apology: { lateDossiers: 1, withApology: 0, withoutApology: 1, coverage: 0, inTime: 0, inTimeRate: null },
    online: { dossierRate: 0.5, proceduresLevel3or4: 1, proceduresTotal: 2, procedureRate: 0.5 },
    postal: { received: 1, returned: 0 },
    feedback: { received: 0, resolved: 0, resolvedOnTime: 0, pending: 0, overdue: 0, onTimeRate: null },
    dataQuality: { anomalies: 0 },
  };
}

function caught(run: () => unknown): ContractError {
  try {
    run();
  } catch (e) {
    if (e instanceof ContractError) return e;
    throw e;
  }
  throw new Error('expected a ContractError');
}

describe('typed messages: request side', () => {
  it('accepts a v1 KPI query', () => {
    expect(checkRequest(Patterns.tthc.kpis, { period: '2021-Q1', window: 'decree09', unit: 'vp' })).toEqual({
      period: '2021-Q1',
      window: 'decree09',
      unit: 'vp',
    });
  });

  it('refuses a wrongly typed field, naming the pattern, its version and the field', () => {
    const e = caught(() => checkRequest(Patterns.tthc.kpis, { period: 2021 }));
    expect(e.code).toBe(ContractErrorCode.RequestMismatch);
    expect(e.kind).toBe(DomainErrorKind.Invalid);
    expect(e.message).toContain('cchc.tthc.query.kpis.v1');
    expect(e.message).toContain('version v1');
    expect(e.message).toContain('field "period"');
    expect(e.details?.[0].path).toBe('period');
  });

  it('refuses a field a newer requester added instead of silently ignoring it', () => {
    const e = caught(() => checkRequest(Patterns.tthc.kpisByUnit, { period: '2021', field: 'Tư pháp' }));
    expect(e.code).toBe(ContractErrorCode.RequestMismatch);
    expect(e.message).toContain('field "field": not in this version of the schema');
  });

  it('refuses a plan query without its plan id', () => {
    const e = caught(() => checkRequest(Patterns.plans.summary, { asOf: '2021-03-31' }));
    expect(e.details?.map((d) => d.path)).toEqual(['planId']);
  });

  it('lets patterns without a contract (events) through unchanged', () => {
    const event = { anything: 1 };
    expect(checkRequest(Patterns.reports.issued, event)).toBe(event);
  });
});

describe('typed messages: reply side', () => {
  it('accepts a v1 KPI reply and keeps fields a newer minor added', () => {
    const reply = { ...kpiReply(), extra: 'from a newer peer' };
    expect(checkReply(Patterns.tthc.kpis, reply)).toEqual(reply);
  });

  it('refuses a reply missing a field, naming it', () => {
    const reply = kpiReply();
    delete reply.onTimeRate;
    const e = caught(() => checkReply(Patterns.tthc.kpis, reply));
    expect(e.code).toBe(ContractErrorCode.ReplyMismatch);
    expect(e.kind).toBe(DomainErrorKind.UpstreamFailed);
    expect(e.message).toContain('field "onTimeRate"');
  });

  it('names a nested field of a per-unit reply', () => {
    const bad = { ...kpiReply(), received: { total: '4', online: 2, direct: 1, postal: 1, carriedOver: 0 } };
    const reply = { period: kpiReply().period, total: kpiReply(), units: [{ unit: 'vp', kpis: bad }] };
    const e = caught(() => checkReply(Patterns.tthc.kpisByUnit, reply));
    expect(e.message).toContain('field "units.0.kpis.received.total"');
  });
});

function fakeBus(reply: unknown): { bus: ClientProxy; send: jest.Mock } {
  const send = jest.fn(() => of(reply));
  return { bus: { send } as unknown as ClientProxy, send };
}

describe('query()', () => {
  it('returns a reply that matches the schema', async () => {
    const { bus, send } = fakeBus(kpiReply());
    await expect(query(bus, Patterns.tthc.kpis, { period: '2021-Q1' }, 1000)).resolves.toEqual(kpiReply());
    expect(send).toHaveBeenCalledWith(Patterns.tthc.kpis, { period: '2021-Q1' });
  });

  it('rejects a skewed reply with a coded error naming the field', async () => {
    const { bus } = fakeBus({ ...kpiReply(), withdrawn: null });
    await expect(query(bus, Patterns.tthc.kpis, { period: '2021-Q1' }, 1000)).rejects.toMatchObject({
      code: ContractErrorCode.ReplyMismatch,
      message: expect.stringContaining('field "withdrawn"') as unknown as string,
    });
  });

  it('never sends a request that does not match', async () => {
    const { bus, send } = fakeBus(kpiReply());
    const bad = { period: '2021-Q1', window: 'fiscal' } as unknown as { period: string };
    await expect(query(bus, Patterns.tthc.kpis, bad, 1000)).rejects.toMatchObject({
      code: ContractErrorCode.RequestMismatch,
    });
    expect(send).not.toHaveBeenCalled();
  });
});

describe('contractChecked (handler side, NATS and in-process servers)', () => {
  it('runs the handler for a matching request', async () => {
    const handler = jest.fn(async (_data: unknown, _ctx?: unknown) => 'handled');
    const checked = contractChecked(Patterns.plans.list, handler, false);
    await expect(checked({ year: 2021 })).resolves.toBe('handled');
    expect(handler).toHaveBeenCalledWith({ year: 2021 }, undefined);
  });

  it('answers a mismatching request with the coded RPC error before the handler runs', async () => {
    const handler = jest.fn(async (_data: unknown, _ctx?: unknown) => 'handled');
    const answer = (await contractChecked(
      Patterns.plans.list,
      handler,
      false,
    )({ year: '2021' })) as Observable<unknown>;
    const err = await lastValueFrom(answer).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: ContractErrorCode.RequestMismatch, kind: DomainErrorKind.Invalid });
    expect((err as { message: string }).message).toContain('cchc.plan.query.list-plans.v1');
    expect((err as { message: string }).message).toContain('field "year"');
    expect(handler).not.toHaveBeenCalled();
  });

  it('leaves event handlers and patterns without a contract as they are', () => {
    const handler = jest.fn(async (_data: unknown, _ctx?: unknown) => 'handled');
    expect(contractChecked(Patterns.reports.issued, handler, true)).toBe(handler);
    expect(contractChecked('cchc.other.query.x.v1', handler, false)).toBe(handler);
  });
});
