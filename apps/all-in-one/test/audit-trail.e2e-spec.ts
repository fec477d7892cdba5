import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AuditPage } from '@cchc/contracts';
import { startTestPostgres, type TestHost, type TestPostgres } from '@cchc/testing';
import { startAllInOneTestHost } from './all-in-one-test-host';

// Every write of architecture.md §6 (revision 2) lands in one audit trail, whichever service makes
// it: here the catalog, the calendar and a report issue, in the all-in-one process.
describe('audit trail of catalog, calendar and report writes (real PostgreSQL)', () => {
  let pg: TestPostgres;
  let host: TestHost;

  beforeAll(async () => {
    pg = await startTestPostgres();
    host = await startAllInOneTestHost(pg.url);
  });

  afterAll(async () => {
    await host?.stop();
    await pg?.stop();
  });

  async function entries(entity: string): Promise<AuditPage['entries']> {
    const res = await host.request(`/api/v1/audit?entity=${entity}`);
    expect(res.status).toBe(200);
    return ((await res.json()) as AuditPage).entries;
  }

  it('records a catalog replacement with the catalog before and after', async () => {
    const procedure = {
      code: 'T-AUDIT',
      name: 'Thủ tục kiểm thử',
      unitCode: 'vp',
      level: 3,
      durationWorkingDays: 5,
    };
    const put = await host.request('/api/v1/tthc/procedures', {
      method: 'PUT',
      body: JSON.stringify([procedure]),
    });
    expect(put.status).toBe(200);
    const [entry] = await entries('tthc.catalog');
    expect(entry).toMatchObject({
      action: 'tthc.catalog.replaced',
      actor: { prefix: 'bootstrap', role: 'admin' },
    });
    expect((entry.before as unknown[]).length).toBeGreaterThan(1); // the seeded catalog
    expect(entry.after).toEqual([expect.objectContaining({ code: 'T-AUDIT' })]);
  });

  it("records a year's calendar replacement", async () => {
    const day = { date: '2021-09-03', kind: 'holiday', name: 'Quốc khánh (ngày thứ hai)' };
    const put = await host.request('/api/v1/tthc/calendar/2021', {
      method: 'PUT',
      body: JSON.stringify([day]),
    });
    expect(put.status).toBe(200);
    const [entry] = await entries('tthc.calendar');
    expect(entry).toMatchObject({ action: 'tthc.calendar.replaced', entityId: '2021' });
    expect(entry.after).toMatchObject({ year: 2021, entries: [{ date: '2021-09-03', kind: 'holiday' }] });
    expect(entry.before).not.toEqual(entry.after);
  });

  it('records a report issue', async () => {
    const issued = await host.request('/api/v1/reports/2021-Q1/issue', { method: 'POST' });
    expect(issued.status).toBe(201);
    const [entry] = await entries('report.report');
    expect(entry).toMatchObject({
      action: 'report.report.issued',
      entityId: '2021-Q1/v1',
      after: { version: 1 },
      service: 'all-in-one',
    });
  });
});
