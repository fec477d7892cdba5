import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectEventually, freePort, startServiceProcess, type ServiceProcess } from '@cchc/testing';
import { ALL_IN_ONE_NODE_FLAGS } from '../src/node-flags';

// architecture.md §3 rev. 2: the embedded PostgreSQL uses SCRAM, stops when the all-in-one dies
// (even by SIGKILL), and the next start recovers on the same data directory with nothing lost.
const MAIN = 'dist/apps/all-in-one/src/main.js';

function postmasterPid(dataDir: string): number {
  return Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('the all-in-one with its embedded PostgreSQL, killed with SIGKILL', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cchc-aio-'));
  let service: ServiceProcess | undefined;

  afterAll(async () => {
    await service?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stops PostgreSQL with it, uses SCRAM, and restarts on the same data with nothing lost', async () => {
    const env = {
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(await freePort()),
      SEED_PLAN: 'false',
      SEED_CATALOG: 'false',
    };
    const port = await freePort();
    service = await startServiceProcess({ main: MAIN, env, port, execArgv: [...ALL_IN_ONE_NODE_FLAGS] });
    const event = {
      specversion: '1.0',
      id: 'aio-kill-1',
      source: 'mot-cua/test',
      type: 'vn.cchc.tthc.dossier.received.v1',
      time: '2021-02-01T08:30:00+07:00',
      subject: 'AIO-1',
      data: {
        dossierCode: 'AIO-1',
        procedureCode: 'P-1',
        unitCode: 'vp',
        channel: 'online',
        receivedAt: '2021-02-01T08:30:00+07:00',
        dueDate: '2021-02-10',
      },
    };
    const res = await service.request('/api/v1/tthc/events', {
      method: 'POST',
      body: JSON.stringify(event),
      headers: { 'Content-Type': 'application/cloudevents+json' },
    });
    expect(await res.json()).toMatchObject({ accepted: 1 });

    const hba = readFileSync(join(dataDir, 'postgres', 'pg_hba.conf'), 'utf8')
      .split('\n')
      .filter((l) => /^\s*(local|host)/.test(l));
    expect(hba.length).toBeGreaterThan(0);
    expect(hba.every((l) => /scram-sha-256\s*$/.test(l))).toBe(true);

    const pid = postmasterPid(dataDir);
    expect(alive(pid)).toBe(true);
    await service.stop('SIGKILL');
    await expectEventually(() => Promise.resolve(expect(alive(pid)).toBe(false)), 20_000, 100);

    service = await startServiceProcess({ main: MAIN, env, port, execArgv: [...ALL_IN_ONE_NODE_FLAGS] });
    const again = await service.request('/api/v1/tthc/events', {
      method: 'POST',
      body: JSON.stringify(event),
      headers: { 'Content-Type': 'application/cloudevents+json' },
    });
    // The event accepted before the kill is still there: the same id is a duplicate now.
    expect(await again.json()).toMatchObject({ accepted: 0, duplicates: 1 });
  }, 120_000);
});
