import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Patterns, serviceIndexResultSchema, type ServiceIndexResult } from '@cchc/contracts';
import {
  expectEventually,
  SERVICE_INDEX_EXAMPLE_CATALOG,
  serviceIndexExampleEvents,
  type TestHost,
  type TestNats,
} from '@cchc/testing';
import { connect } from '@nats-io/transport-node';
import { GaugeRefresh } from '../src/metrics/gauge-refresh';
import { startTthcTestHost, type TthcNatsTestHost } from './tthc-test-host';

// architecture.md §5b on the service: the hand-computed example of docs/metrics.md ("Worked
// example"), every number written out below, over HTTP and over NATS request/reply.
const EXPECTED_ROWS: Array<[string, number | null, number | null, number | null]> = [
  // code, numerator, denominator, score
  ['1.1', null, null, null],
  ['1.2', null, null, null],
  ['1.3', null, null, null],
  ['1.4', null, null, null],
  ['2.1', 6, 8, 15], // (D0, D1, D7 early + D3 on time + D6 within + D5 awaiting) / 8 × 20
  ['2.2', null, null, null],
  ['3.1', 3, 5, 1.5], // PA, PB, PD online of 5; 2 × 0.6 / 0.8
  ['3.2', 2, 3, 2.67], // PA, PB had online dossiers; 4 × 2/3
  ['3.3', 4, 7, 6], // D1, D3, D4, D7 of 7; 6 × (4/7) / 0.5 = 6.86 → capped at 6
  ['3.5a', null, null, null],
  ['3.5b', null, null, null],
  ['3.6', 2, 4, 3], // fee-bearing PA: D1, D2, D5, D7; paid online by 31/3: D1, D7
  ['4.1', 2, 3, 4], // PA resolved D1, D2, D7; e-result D1, D7
  ['4.2', 3, 7, 2.14], // D1, D4, D7; 4 × (3/7) / 0.8 = 2.142…
  ['4.3', 2, 7, 0.71], // D1, D3; 2 × (2/7) / 0.8 = 0.714…
  ['4.4', null, null, null],
  ['4.5', null, null, null],
  ['5.1', null, null, null],
  ['5.2', 2, 3, 4], // F1, F3 on time of F1–F3
  ['5.3', 1, 3, 2], // F1 (F2 late, F3 dissatisfied)
  ['5.4', 2, 5, 2.67], // 5 resolved − 1 late (D2) − 2 (D2 rated dissatisfied, D7 with a PAKN); 6 × 0.4 / 0.9
];

function expectExample(r: ServiceIndexResult): void {
  expect(serviceIndexResultSchema.parse(r)).toEqual(r);
  expect(r.period).toEqual({ from: '2021-01-01', to: '2021-03-31', window: 'calendar' });
  expect(r.scope).toEqual({ unit: 'vp' });
  const rows = r.groups
    .flatMap((g) => g.indicators)
    .map((i) => [i.code, i.numerator, i.denominator, i.score]);
  expect(rows).toEqual(EXPECTED_ROWS);
  for (const i of r.groups.flatMap((g) => g.indicators)) {
    if (i.numerator === null) expect(i.reason).toBe('not measured');
  }
  expect(r.groups.map((g) => [g.code, g.name, g.max, g.score])).toEqual([
    ['1', 'Công khai, minh bạch', 18, null],
    ['2', 'Tiến độ, kết quả giải quyết', 20, 15],
    ['3', 'Cung cấp dịch vụ trực tuyến', 22, 13.17], // 1.5 + 2.67 + 6 + 3
    ['4', 'Số hóa hồ sơ', 22, 6.85], // 4 + 2.14 + 0.71
    ['5', 'Mức độ hài lòng', 18, 8.67], // 4 + 2 + 2.67
  ]);
  // 15 + 13.17 + 6.85 + 8.67 = 43.69 of 20 + 18 + 12 + 18 = 68; 100 × 43.69 / 68 = 64.25.
  expect(r.total).toEqual({ score: 43.69, maxMeasured: 68, normalized: 64.25 });
}

describe('service index (QĐ 766) on the hand-computed example', () => {
  let stack: TthcNatsTestHost;
  let nats: TestNats;
  let host: TestHost;

  beforeAll(async () => {
    // No scheduled gauge refresh during the spec but the one at start (the gauges' test asks for its own).
    stack = await startTthcTestHost({ nats: true, config: { kpiGaugeRefreshSeconds: 3600 } });
    ({ nats, host } = stack);
    const catalog = SERVICE_INDEX_EXAMPLE_CATALOG.map((p) => ({ ...p, name: `Thủ tục ${p.code}` }));
    const put = await host.request('/api/v1/tthc/procedures', {
      method: 'PUT',
      body: JSON.stringify(catalog),
    });
    expect(put.status).toBe(200);
    const res = await host.request('/api/v1/tthc/events', {
      method: 'POST',
      body: JSON.stringify(serviceIndexExampleEvents()),
      headers: { 'Content-Type': 'application/cloudevents-batch+json' },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { rejected: unknown[] }).rejected).toEqual([]);
    // With NATS configured, accepted events reach the ledger through JetStream.
    await expectEventually(async () => {
      const kpis = await host.request('/api/v1/tthc/kpis?period=2021-Q1&unit=vp');
      expect(((await kpis.json()) as { received: { total: number } }).received.total).toBe(8);
      const fb = await host.request('/api/v1/tthc/kpis?period=2021-Q1&unit=vp');
      expect(((await fb.json()) as { feedback: { received: number } }).feedback.received).toBe(4);
    }, 30_000);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('over HTTP matches the example to the cent of a point', async () => {
    const res = await host.request('/api/v1/tthc/service-index?period=2021-Q1&unit=vp');
    expect(res.status).toBe(200);
    expectExample((await res.json()) as ServiceIndexResult);
  });

  it('sets the dashboard gauges of the quarter to the same numbers', async () => {
    await host.app.get(GaugeRefresh).refreshFor('2021-03-31');
    const text = await (await host.request('/metrics')).text();
    const value = (series: string) => {
      const line = text.split('\n').find((l) => l.startsWith(`${series} `));
      return line === undefined ? undefined : Number(line.slice(series.length + 1));
    };
    // The service index, as in EXPECTED_ROWS (group 1 has no measured indicator: no series).
    expect(value('cchc_service_index_normalized')).toBe(64.25);
    expect(['1', '2', '3', '4', '5'].map((g) => value(`cchc_service_index_score{group="${g}"}`))).toEqual([
      undefined,
      15,
      13.17,
      6.85,
      8.67,
    ]);
    // The KPI gauges of unit vp, counted by hand from the example's events (§5).
    const vp = (name: string, labels = '') => value(`${name}{unit="vp"${labels}}`);
    expect(
      ['online', 'direct', 'postal'].map((c) => vp('cchc_tthc_quarter_dossiers_received', `,channel="${c}"`)),
    ).toEqual([5, 2, 0]); // D1 D3 D4 D5 D7 online; D2 D6 direct; D0 carried over, not counted
    expect(
      ['early', 'on_time', 'late'].map((t) =>
        vp('cchc_tthc_quarter_dossiers_resolved', `,timeliness="${t}"`),
      ),
    ).toEqual([3, 1, 1]); // D0 D1 D7 early, D3 on its due date, D2 late
    expect(
      ['within_time', 'awaiting_supplement', 'overdue'].map((t) =>
        vp('cchc_tthc_dossiers_pending', `,timeliness="${t}"`),
      ),
    ).toEqual([1, 1, 1]); // D6, D5, D4
    expect(vp('cchc_tthc_dossiers_late')).toBe(2); // D2, D4
    expect(vp('cchc_tthc_dossiers_late_without_apology')).toBe(2);
    expect(
      ['on_time', 'late'].map((t) => vp('cchc_tthc_quarter_feedback_resolved', `,timeliness="${t}"`)),
    ).toEqual([2, 1]); // F1 F3, F2
  });

  it('over NATS request/reply gives the same answer', async () => {
    const nc = await connect({ servers: nats.url });
    try {
      // Nest's NATS transport envelope: { pattern, data, id } → { response, isDisposed, id }.
      const request = {
        pattern: Patterns.tthc.serviceIndex,
        data: { period: '2021-Q1', unit: 'vp' },
        id: '1',
      };
      const msg = await nc.request(Patterns.tthc.serviceIndex, JSON.stringify(request), { timeout: 10_000 });
      const body = msg.json<{ response: ServiceIndexResult }>();
      expectExample(body.response);
    } finally {
      await nc.close();
    }
  });

  it('over NATS refuses a version-skewed request with a coded error naming the field (typed messages)', async () => {
    const nc = await connect({ servers: nats.url });
    try {
      // A peer on another version of the contract: a number for `period` and a filter v1 has not.
      for (const [data, field] of [
        [{ period: 2021 }, 'period'],
        [{ period: '2021-Q1', field: 'Tư pháp' }, 'field'],
      ] as const) {
        const request = { pattern: Patterns.tthc.serviceIndex, data, id: '2' };
        const msg = await nc.request(Patterns.tthc.serviceIndex, JSON.stringify(request), {
          timeout: 10_000,
        });
        const body = msg.json<{
          err?: { code: string; kind: string; message: string };
          response?: unknown;
        }>();
        expect(body.response).toBeUndefined();
        expect(body.err).toMatchObject({ code: 'CONTRACT_REQUEST_MISMATCH', kind: 'invalid' });
        expect(body.err?.message).toContain(`${Patterns.tthc.serviceIndex}`);
        expect(body.err?.message).toContain(`field "${field}"`);
      }
    } finally {
      await nc.close();
    }
  });

  it('answers a bad period with a 400 naming the problem', async () => {
    const res = await host.request('/api/v1/tthc/service-index?period=2021-Q5');
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('2021-Q5');
  });
});
