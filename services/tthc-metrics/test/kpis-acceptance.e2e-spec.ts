import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { defaultCalendar } from '@cchc/calendar';
import { type KpiResult, type KpiWindow, type ServiceIndexResult } from '@cchc/contracts';
import {
  computeReferenceKpis,
  computeReferenceServiceIndex,
  expectEventually,
  publishToJetStream,
  shuffleWithDuplicates,
  startTestHost,
  startTestNats,
  startTestPostgres,
  type TestHost,
  type TestNats,
  type TestPostgres,
} from '@cchc/testing';
import { eventUnitCodes } from '../../../tools/simulator/src/event-units';
import { generateEventStream } from '../../../tools/simulator/src/generator';
import { loadSeedCatalog } from '../../../tools/simulator/src/seed-catalog';
import { TthcMetricsModule } from '../src/tthc-metrics.module';

// The acceptance test of the KPI contract (architecture.md §5): a simulated stream with known
// ground truth (the independent reference implementation in @cchc/testing), sent shuffled with 10%
// duplicates over HTTP and over NATS; every KPI field must equal the truth.
// The shipped catalog, with the QĐ 766 flags set on a deterministic part of it (test data, not a
// claim about the real procedures) so that payments, e-results and their indicators are exercised.
const catalog = loadSeedCatalog().procedures.map((p, i) => ({
  ...p,
  feeBearing: i % 3 === 0,
  paperResultRequired: i % 2 === 0,
}));
// The service's calendar in force: the shipped holidays (apology deadlines and anomalies use it).
const calendar = defaultCalendar();
const events = generateEventStream({
  from: '2021-01-01',
  to: '2021-06-30',
  seed: 20210101,
  dossiers: 1200,
  lateShare: 0.15,
  apologyShare: 0.6,
  procedures: catalog,
  units: loadSeedCatalog().units,
});
const sent = shuffleWithDuplicates(events, 7, 0.1);
const units = [...new Set(catalog.map((p) => p.unitCode))].sort();
const busiestProcedure = [
  ...events.reduce((m, e) => {
    const code = (e.data as { procedureCode?: string }).procedureCode;
    if (code) m.set(code, (m.get(code) ?? 0) + 1);
    return m;
  }, new Map<string, number>()),
].sort((a, b) => b[1] - a[1])[0][0];

const queries: Array<{
  name: string;
  from: string;
  to: string;
  window: KpiWindow;
  period?: string;
  unit?: string;
  procedure?: string;
}> = [
  { name: '2021-Q1 calendar', period: '2021-Q1', from: '2021-01-01', to: '2021-03-31', window: 'calendar' },
  { name: '2021-Q2 calendar', period: '2021-Q2', from: '2021-04-01', to: '2021-06-30', window: 'calendar' },
  { name: '2021-H1 calendar', period: '2021-H1', from: '2021-01-01', to: '2021-06-30', window: 'calendar' },
  { name: '2021-03 calendar', period: '2021-03', from: '2021-03-01', to: '2021-03-31', window: 'calendar' },
  { name: '2021-Q2 decree09', period: '2021-Q2', from: '2021-03-15', to: '2021-06-14', window: 'decree09' },
  { name: '2021-Q1 decree09', period: '2021-Q1', from: '2020-12-15', to: '2021-03-14', window: 'decree09' },
  { name: 'range', from: '2021-02-10', to: '2021-05-20', window: 'calendar' },
  ...units.map((unit) => ({
    name: `2021-Q2 ${unit}`,
    period: '2021-Q2',
    from: '2021-04-01',
    to: '2021-06-30',
    window: 'calendar' as const,
    unit,
  })),
  {
    name: `procedure ${busiestProcedure}`,
    period: '2021-H1',
    from: '2020-12-15',
    to: '2021-06-14',
    window: 'decree09',
    procedure: busiestProcedure,
  },
];

function url(q: (typeof queries)[number]): string {
  const params = new URLSearchParams();
  if (q.period) {
    params.set('period', q.period);
    params.set('window', q.window);
  } else {
    params.set('from', q.from);
    params.set('to', q.to);
  }
  if (q.unit) params.set('unit', q.unit);
  if (q.procedure) params.set('procedure', q.procedure);
  return `/api/v1/tthc/kpis?${params.toString()}`;
}

// The truth of every query, computed once before any service starts (the reference is slow on
// purpose; computing it between requests would leave idle keep-alive sockets to go stale).
const truths = new Map<string, KpiResult>();
const indexTruths = new Map<string, ServiceIndexResult>();
function computeTruths(): void {
  for (const q of queries) {
    const scope = { from: q.from, to: q.to, window: q.window, unit: q.unit, procedure: q.procedure };
    truths.set(q.name, computeReferenceKpis(events, scope, catalog, calendar));
    // The service index has no procedure scope (architecture.md §5b).
    if (q.procedure === undefined) {
      indexTruths.set(
        q.name,
        computeReferenceServiceIndex(
          events,
          { from: q.from, to: q.to, window: q.window, unit: q.unit },
          catalog,
          calendar,
        ),
      );
    }
  }
}

async function expectAllKpisEqualTruth(host: TestHost): Promise<void> {
  for (const q of queries) {
    const res = await host.request(url(q));
    expect(res.status).toBe(200);
    const actual = (await res.json()) as KpiResult;
    expect({ query: q.name, ...actual }).toEqual({ query: q.name, ...truths.get(q.name) });
    if (q.procedure !== undefined) continue;
    const index = await host.request(url(q).replace('/kpis?', '/service-index?'));
    expect(index.status).toBe(200);
    const actualIndex = (await index.json()) as ServiceIndexResult;
    expect({ query: q.name, ...actualIndex }).toEqual({ query: q.name, ...indexTruths.get(q.name) });
  }
}

describe('KPIs equal the independent truth (real PostgreSQL, real NATS)', () => {
  let pgHttp: TestPostgres;
  let pgNats: TestPostgres;
  let nats: TestNats;
  let httpHost: TestHost;
  let natsHost: TestHost;

  beforeAll(async () => {
    computeTruths();
    [pgHttp, pgNats, nats] = await Promise.all([startTestPostgres(), startTestPostgres(), startTestNats()]);
    [httpHost, natsHost] = await Promise.all([
      startTestHost({ service: 'tthc-metrics', features: [TthcMetricsModule], databaseUrl: pgHttp.url }),
      startTestHost({
        service: 'tthc-metrics',
        features: [TthcMetricsModule],
        databaseUrl: pgNats.url,
        natsUrl: nats.url,
      }),
    ]);
    for (const host of [httpHost, natsHost]) {
      const put = await host.request('/api/v1/tthc/procedures', {
        method: 'PUT',
        body: JSON.stringify(catalog),
      });
      expect(put.status).toBe(200);
    }
  }, 300_000);

  afterAll(async () => {
    await Promise.all([httpHost?.stop(), natsHost?.stop()]);
    await Promise.all([pgHttp?.stop(), pgNats?.stop(), nats?.stop()]);
  });

  it('sanity: the stream is large and varied enough to mean something', () => {
    const truth = truths.get('2021-H1 calendar') as KpiResult;
    expect(truth.received.total).toBeGreaterThan(1000);
    expect(truth.resolved.late).toBeGreaterThan(20);
    expect(truth.apology.withApology).toBeGreaterThan(5);
    expect(truth.apology.withoutApology).toBeGreaterThan(5);
    expect(truth.withdrawn).toBeGreaterThan(0);
    expect(truth.feedback.received).toBeGreaterThan(10);
    // Revision 2 cases, often enough to move the numbers.
    expect(truth.apology.inTime).toBeGreaterThan(5);
    expect(truth.apology.inTime).toBeLessThan(truth.apology.withApology);
    expect(truth.dataQuality.anomalies).toBeGreaterThan(10);
    // Supplements still awaited at a period's end (and completed in the next one).
    const awaited = [...truths.values()].reduce((n, r) => n + r.pending.awaitingSupplement, 0);
    expect(awaited).toBeGreaterThan(3);
    // The service index is measured on most indicators.
    expect(indexTruths.get('2021-H1 calendar')?.total.maxMeasured).toBe(68);
    const types = (t: string) => events.filter((e) => e.type === `vn.cchc.tthc.${t}.v1`).length;
    expect(types('dossier.paid')).toBeGreaterThan(20);
    expect(types('dossier.rated')).toBeGreaterThan(20);
    // Timestamps written in UTC near local midnight (16:00–18:00 UTC is 23:00–01:00 local).
    expect(events.some((e) => /T1[67]:\d\d:00Z$/.test(String(e.data.receivedAt)))).toBe(true);
    expect(sent.length).toBeGreaterThan(events.length);
  });

  it('over HTTP: batches of 1,000, duplicates counted once, every KPI equal to the truth', async () => {
    let accepted = 0;
    let duplicates = 0;
    for (let i = 0; i < sent.length; i += 1000) {
      const res = await httpHost.request('/api/v1/tthc/events', {
        method: 'POST',
        body: JSON.stringify(sent.slice(i, i + 1000)),
        headers: { 'Content-Type': 'application/cloudevents-batch+json' },
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { accepted: number; duplicates: number; rejected: unknown[] };
      expect(body.rejected).toEqual([]);
      accepted += body.accepted;
      duplicates += body.duplicates;
    }
    expect(accepted).toBe(events.length);
    expect(duplicates).toBe(sent.length - events.length);
    await expectAllKpisEqualTruth(httpHost);
  });

  it('over NATS JetStream: the same stream gives the same truth', async () => {
    await publishToJetStream(nats.url, sent, eventUnitCodes(events));
    await expectEventually(async () => {
      const res = await natsHost.request('/api/v1/tthc/kpis?period=2021-H1');
      const actual = (await res.json()) as KpiResult;
      expect(actual).toEqual(truths.get('2021-H1 calendar'));
    }, 180_000);
    await expectAllKpisEqualTruth(natsHost);
  });
});
