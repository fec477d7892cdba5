import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Agent, request } from 'node:http';
import type { Socket } from 'node:net';
import { startTestPostgres, type TestHost, type TestPostgres } from '@cchc/testing';
import { startAllInOneTestHost } from './all-in-one-test-host';

// A client that keeps its connections in a pool (a one-stop system posting event batches, a reverse
// proxy) must find an idle connection still open when it reuses it: Node's default closes it after
// 5 s, and a request sent as it closes is lost to a reset (libs/platform/src/service-host.ts).

/** GET on the agent's pooled connection: status, Keep-Alive header and the socket it went over. */
function get(baseUrl: string, agent: Agent): Promise<{ status: number; keepAlive: string; socket: Socket }> {
  return new Promise((resolve, reject) => {
    const req = request(`${baseUrl}/health/live`, { agent }, (res) => {
      res.resume();
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          keepAlive: String(res.headers['keep-alive']),
          socket: req.socket!,
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the all-in-one’s HTTP connections (real PostgreSQL)', () => {
  let pg: TestPostgres;
  let host: TestHost;
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });

  beforeAll(async () => {
    pg = await startTestPostgres();
    host = await startAllInOneTestHost(pg.url, { seedPlan: false });
  });

  afterAll(async () => {
    agent.destroy();
    await host?.stop();
    await pg?.stop();
  });

  it('keeps an idle keep-alive connection open past 5 s and says for how long', async () => {
    const first = await get(host.baseUrl, agent);
    expect(first.status).toBe(200);
    expect(first.keepAlive).toBe('timeout=65');
    let closed = false;
    first.socket.once('close', () => {
      closed = true;
    });
    await new Promise((r) => setTimeout(r, 6_000));
    expect(closed).toBe(false);
    const second = await get(host.baseUrl, agent);
    expect(second.status).toBe(200);
    expect(second.socket).toBe(first.socket);
  });
});
