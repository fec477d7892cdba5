import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  startTestHost,
  startTestPostgres,
  TEST_ADMIN_TOKEN,
  type TestHost,
  type TestPostgres,
} from '@cchc/testing';
import { PlanManagementModule } from '../../../services/plan-management/src/plan-management.module';
import { ReportingModule } from '../../../services/reporting/src/reporting.module';
import { TthcMetricsModule } from '../../../services/tthc-metrics/src/tthc-metrics.module';

// architecture.md §3 rev. 2, tried as a careless or hostile client would: no request, however
// malformed, gets a 5xx; a request without a valid token is answered 401 before its body is read,
// the same 401 on every path; bodies are bounded per route; rate limits answer 429 + Retry-After.

interface Route {
  method: string;
  path: string;
}

const FORGED = 'forged-token-000000000000000000000000';

/** Percent-encodes the UTF-8 bytes of any string, lone surrogates included (as U+FFFD). */
function encode(s: string): string {
  return [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
}

describe('the all-in-one HTTP API under hostile input (real PostgreSQL)', () => {
  let pg: TestPostgres;
  let host: TestHost;
  let routes: Route[] = [];
  // The roles random requests run as: admin (the bootstrap token) and one token of each other kind.
  const tokens: Record<string, string> = { admin: TEST_ADMIN_TOKEN };

  beforeAll(async () => {
    pg = await startTestPostgres();
    host = await startTestHost({
      service: 'all-in-one',
      features: [PlanManagementModule, TthcMetricsModule, ReportingModule],
      databaseUrl: pg.url,
      config: { seedPlan: false, rateLimit: { requests: 100_000, windowSeconds: 60 } },
    });
    const doc = (await (await host.request('/api/docs-json', { token: null })).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })),
    );
    for (const [role, units] of [
      ['viewer', []],
      ['editor', ['vp']],
      ['ingest', ['vp']],
    ] as const) {
      const created = await host.request('/api/v1/auth/tokens', {
        method: 'POST',
        body: JSON.stringify({ name: `hostile-${role}`, role, units }),
      });
      expect(created.status).toBe(201);
      tokens[role] = ((await created.json()) as { token: string }).token;
    }
  });

  afterAll(async () => {
    await host?.stop();
    await pg?.stop();
  });

  async function send(
    route: Route,
    params: string[],
    query: string,
    body: string | Uint8Array | undefined,
    contentType: string,
    token: string | null = TEST_ADMIN_TOKEN,
  ): Promise<number> {
    let i = 0;
    const path = route.path.replace(/\{[^}]+\}/g, () => encode(params[i++ % params.length] ?? 'x'));
    const withBody = route.method !== 'GET' && route.method !== 'DELETE';
    const res = await host.request(`${path}${query ? `?${query}` : ''}`, {
      method: route.method,
      token,
      ...(withBody && body !== undefined ? { body, headers: { 'Content-Type': contentType } } : {}),
    });
    await res.arrayBuffer();
    return res.status;
  }

  it('finds the routes to attack in the OpenAPI document', () => {
    expect(routes.length).toBeGreaterThan(15);
    expect(routes).toContainEqual({ method: 'POST', path: '/api/v1/tthc/events' });
  });

  it('answers no 5xx to random text, bytes and JSON in parameters, queries and bodies of every route, as admin, viewer, editor and ingest', async () => {
    const hostileText = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.constantFrom(
        '\u0000',
        'a\u0000b',
        '-1',
        '0',
        '0000',
        '10000',
        '99999999999999999999999',
        '9007199254740993',
        '2021-02-30',
        '0000-01-01',
        '10000-01-01',
        '2021-Q5',
        '\ud800',
        '../../etc/passwd',
        '%',
        'NaN',
        '1e400',
      ),
    );
    const hostileJson = fc.oneof(
      fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
      fc.constantFrom(
        '{"id":"\\u0000","type":"vn.cchc.tthc.dossier.received.v1"}',
        '[{"specversion":"1.0","id":"x","data":{"dueDate":"0000-01-01"}}]',
        '{"year": 99999999999999999999}',
        '[' + '['.repeat(5000) + ']'.repeat(5000) + ']',
        '{"a":',
        '\ud800',
      ),
    );
    const body = fc.oneof(hostileJson, fc.uint8Array({ maxLength: 64 }));
    const contentType = fc.constantFrom(
      'application/json',
      'application/cloudevents+json',
      'application/cloudevents-batch+json',
      'text/plain',
      'application/yaml',
      'application/octet-stream',
    );
    const query = fc
      .array(
        fc.tuple(
          fc.constantFrom('period', 'from', 'to', 'unit', 'limit', 'after', 'window', 'year', 'asOf'),
          hostileText,
        ),
        { maxLength: 3 },
      )
      .map((pairs) => pairs.map(([k, v]) => `${k}=${encode(v)}`).join('&'));
    const fiveHundreds: string[] = [];
    const triedAs = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: 10_000 }),
        fc.array(hostileText, { minLength: 1, maxLength: 3 }),
        query,
        body,
        contentType,
        fc.constantFrom('admin', 'viewer', 'editor', 'ingest'),
        async (pick, params, q, b, type, role) => {
          const route = routes[pick % routes.length];
          const status = await send(route, params, q, b, type, tokens[role]);
          triedAs.set(role, (triedAs.get(role) ?? 0) + 1);
          if (status >= 500)
            fiveHundreds.push(
              `${status} ${role} ${route.method} ${route.path} ${JSON.stringify({ params, q })}`,
            );
          return status < 500;
        },
      ),
      { numRuns: 800, seed: 8 },
    );
    expect(fiveHundreds).toEqual([]);
    // Every role was tried many times (not only the admin token that sees every route).
    for (const role of ['admin', 'viewer', 'editor', 'ingest'])
      expect({ role, tried: (triedAs.get(role) ?? 0) > 100 }).toEqual({ role, tried: true });
  }, 300_000);

  it('answers the named hostile inputs of issue 8 with a 4xx', async () => {
    const cases: Array<[string, RequestInit?]> = [
      ['/api/v1/tthc/calendar/-1'],
      ['/api/v1/tthc/calendar/0'],
      ['/api/v1/tthc/calendar/99999999999'],
      ['/api/v1/tthc/calendar/%00'],
      ['/api/v1/tthc/kpis?from=0000-01-01&to=0000-12-31'],
      ['/api/v1/tthc/kpis?from=10000-01-01&to=10000-12-31'],
      ['/api/v1/tthc/rejected-events?after=99999999999999999999999'],
      ['/api/v1/tthc/rejected-events/99999999999999999999999/redrive', { method: 'POST' }],
      ['/api/v1/tthc/rejected-events/1%00/redrive', { method: 'POST' }],
    ];
    for (const [path, init] of cases) {
      const status = (await host.request(path, init)).status;
      expect({ path, status: status >= 400 && status < 500 }).toEqual({ path, status: true });
    }
    // 200,000 levels of nesting: refused, never walked by a recursive function.
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    const res = await host.request('/api/v1/tthc/events', {
      method: 'POST',
      body: deep,
      headers: { 'Content-Type': 'application/cloudevents-batch+json' },
    });
    expect([400, 413]).toContain(res.status);
  });

  it('gives a forged token the same 401 on every path, existing or not, and reads no body first', async () => {
    const answers = new Set<string>();
    for (const path of ['/api/v1/tthc/kpis?period=2021-Q1', '/api/v1/nope', '/api/v1/plans', '/api/v2/x']) {
      for (const token of [FORGED, null]) {
        const res = await host.request(path, { token });
        expect(res.status).toBe(401);
        answers.add(await res.text());
      }
    }
    expect(answers.size).toBe(1);
    // The body is not parsed before the token is checked: a malformed body with a forged token is a
    // 401, not the 400 a parser would give (the old order parsed 16 MB first).
    const malformed = await host.request('/api/v1/tthc/events', {
      method: 'POST',
      token: FORGED,
      body: '{"not json',
      headers: { 'Content-Type': 'application/cloudevents-batch+json' },
    });
    expect(malformed.status).toBe(401);
    // 15 MB anonymous: refused before the body is parsed (the answer does not wait for it to be read).
    const big = new Uint8Array(15 * 1024 * 1024).fill(0x20);
    const res = await host
      .request('/api/v1/tthc/events', {
        method: 'POST',
        token: FORGED,
        body: big,
        headers: { 'Content-Type': 'application/cloudevents-batch+json' },
      })
      .catch((e: unknown) => e);
    // Either the 401, or the connection closed under the upload (the server stopped reading).
    if (res instanceof Response) expect(res.status).toBe(401);
  });

  it('bounds bodies per route: 1 MB in general, 16 MB for the event batch route with an ingest or admin token', async () => {
    const mb2 = JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) });
    expect((await host.request('/api/v1/auth/tokens', { method: 'POST', body: mb2 })).status).toBe(413);
    const events = JSON.stringify(
      Array.from({ length: 1000 }, (_, i) => ({ specversion: '1.0', id: `big-${i}`, pad: 'x'.repeat(2000) })),
    );
    const res = await host.request('/api/v1/tthc/events', {
      method: 'POST',
      body: events,
      headers: { 'Content-Type': 'application/cloudevents-batch+json' },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { rejected: unknown[] }).rejected).toHaveLength(1000);
  });
});

describe('rate limits', () => {
  let pg: TestPostgres;
  let host: TestHost;

  beforeAll(async () => {
    pg = await startTestPostgres();
    host = await startTestHost({
      service: 'tthc-metrics',
      features: [TthcMetricsModule],
      databaseUrl: pg.url,
      config: { rateLimit: { requests: 5, windowSeconds: 60 } },
    });
  });

  afterAll(async () => {
    await host?.stop();
    await pg?.stop();
  });

  it('answers 429 with Retry-After past the limit, per token and per address, and never limits health', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 7; i++) {
      const res = await host.request('/api/v1/tthc/kpis?period=2021-Q1');
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get('retry-after');
      await res.arrayBuffer();
    }
    expect(statuses.slice(0, 5).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(5)).toEqual([429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    const anonymous: number[] = [];
    for (let i = 0; i < 7; i++)
      anonymous.push((await host.request('/api/v1/tthc/kpis', { token: null })).status);
    expect(anonymous.slice(5)).toEqual([429, 429]);
    expect((await host.request('/health/live', { token: null })).status).toBe(200);
  });
});
