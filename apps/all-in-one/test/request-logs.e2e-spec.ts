import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  expectEventually,
  startServiceProcess,
  startTestPostgres,
  TEST_ADMIN_TOKEN,
  type ServiceProcess,
  type TestPostgres,
} from '@cchc/testing';
import { ALL_IN_ONE_NODE_FLAGS } from '../src/node-flags';

// nestjs-pino in the compiled all-in-one, as `npm start` runs it (issue 8, build item 8): one JSON
// line per request on stdout carrying the request id (the caller's X-Request-Id, echoed), no
// credential anywhere in the output, and the start banner still plain text for a person. Started
// with npm start's Node flags (node-flags.ts), it has no heap-budget warning to log.
const MAIN = 'dist/apps/all-in-one/src/main.js';
const BANNER_TITLE = 'Hệ thống CCHC — Sở Giáo dục và Đào tạo is running';
const FORGED = 'cchc_forged_0123456789abcdefghijklmnop';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface RequestLine {
  level: string;
  msg: string;
  reqId?: string;
  req: { id: string; method: string; url: string; headers: Record<string, string> };
  res: { statusCode: number };
  responseTime: number;
}

describe('request logs of the all-in-one (nestjs-pino)', () => {
  let pg: TestPostgres;
  let service: ServiceProcess;

  beforeAll(async () => {
    pg = await startTestPostgres();
    service = await startServiceProcess({
      main: MAIN,
      env: { DATABASE_URL: pg.url, LOG_LEVEL: 'log', LOG_FORMAT: 'json', SEED_CATALOG: 'false' },
      captureStdout: true,
      execArgv: [...ALL_IN_ONE_NODE_FLAGS],
    });
  });

  afterAll(async () => {
    await service?.stop();
    await pg?.stop();
  });

  /** stdout split into the banner (plain text) and the log lines (each one JSON object). */
  function output(): { banner: string[]; records: Array<Record<string, unknown>>; other: string[] } {
    const lines = service.stdout().split('\n');
    const start = lines.indexOf(BANNER_TITLE);
    const end = start < 0 ? -1 : lines.indexOf('', start);
    const banner = start < 0 ? [] : lines.slice(start, end);
    const records: Array<Record<string, unknown>> = [];
    const other: string[] = [];
    lines.forEach((line, i) => {
      if ((i >= start && i < end) || line === '') return;
      try {
        records.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        other.push(line);
      }
    });
    return { banner, records, other };
  }

  function requestLines(id: string): RequestLine[] {
    return output()
      .records.filter((r) => (r as unknown as RequestLine).req?.id === id)
      .map((r) => r as unknown as RequestLine);
  }

  it('writes one JSON line per request with the caller’s X-Request-Id, echoed, and no token in it', async () => {
    const ok = await service.request('/api/v1/plans?year=2021', {
      headers: { 'X-Request-Id': 'e2e-log-ok-1' },
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-request-id')).toBe('e2e-log-ok-1');
    // A forged token: refused before the body is read, still logged with its id.
    const forged = await service.request('/api/v1/auth/me', {
      token: FORGED,
      headers: { 'X-Request-Id': 'e2e-log-forged-1' },
    });
    expect(forged.status).toBe(401);
    expect(forged.headers.get('x-request-id')).toBe('e2e-log-forged-1');
    // A token created over the API: its value is in the response body, never in the log.
    const created = await service.request('/api/v1/auth/tokens', {
      method: 'POST',
      headers: { 'X-Request-Id': 'e2e-log-create-1' },
      body: JSON.stringify({ name: 'log test', role: 'viewer' }),
    });
    expect(created.status).toBe(201);
    const { token } = (await created.json()) as { token: string };
    expect((await service.request('/api/v1/auth/me', { token })).status).toBe(200);

    await expectEventually(async () => {
      for (const id of ['e2e-log-ok-1', 'e2e-log-forged-1', 'e2e-log-create-1'])
        expect(requestLines(id)).toHaveLength(1);
      return Promise.resolve();
    }, 10_000);
    const [line] = requestLines('e2e-log-ok-1');
    expect(line).toMatchObject({
      level: 'info',
      msg: 'request completed',
      reqId: 'e2e-log-ok-1',
      req: { method: 'GET', url: '/api/v1/plans?year=2021', headers: { authorization: '[redacted]' } },
      res: { statusCode: 200 },
    });
    expect(requestLines('e2e-log-forged-1')[0]).toMatchObject({
      res: { statusCode: 401 },
      req: { headers: { authorization: '[redacted]' } },
    });

    const stdout = service.stdout();
    for (const secret of [TEST_ADMIN_TOKEN, FORGED, token]) expect(stdout).not.toContain(secret);
  });

  it('gives a request without a usable X-Request-Id a fresh UUID, echoed and logged', async () => {
    const none = await service.request('/health/live', { token: null });
    const id = none.headers.get('x-request-id') ?? '';
    expect(id).toMatch(UUID);
    const hostile = await service.request('/health/live', {
      token: null,
      headers: { 'X-Request-Id': 'x"} {"level":"fatal' },
    });
    const replaced = hostile.headers.get('x-request-id') ?? '';
    expect(replaced).toMatch(UUID);
    await expectEventually(() => {
      expect(requestLines(id)).toHaveLength(1);
      expect(requestLines(replaced)).toHaveLength(1);
      return Promise.resolve();
    }, 10_000);
  });

  it('keeps the start banner plain text and every other line one JSON record', () => {
    const { banner, records, other } = output();
    expect(banner[0]).toBe(BANNER_TITLE);
    expect(banner.some((l) => l.startsWith('  Health         http://localhost:'))).toBe(true);
    expect(banner.every((l) => !l.startsWith('{'))).toBe(true);
    // The one line before the logger exists.
    expect(other).toEqual([expect.stringMatching(/^Starting the CCHC system \(all-in-one\)/)]);
    expect(records.length).toBeGreaterThan(10);
    for (const r of records) expect(r).toMatchObject({ level: expect.any(String), time: expect.any(String) });
  });

  it('logs no heap-budget warning when started with the Node flags of npm start', () => {
    const { records } = output();
    expect(records.filter((r) => r.level === 'warn' && String(r.msg).includes('heap limit'))).toEqual([]);
  });
});
