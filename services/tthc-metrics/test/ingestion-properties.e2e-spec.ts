import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { KpiResult } from '@cchc/contracts';
import {
  computeReferenceKpis,
  shuffleWithDuplicates,
  startTestHost,
  startTestPostgres,
  type TestHost,
  type TestPostgres,
} from '@cchc/testing';
import { eventUnitCodes } from '../../../tools/simulator/src/event-units';
import { generateEventStream, type TthcCloudEvent } from '../../../tools/simulator/src/generator';
import { TthcMetricsModule } from '../src/tthc-metrics.module';

// Property: whatever the set of events, however it is shuffled, duplicated and split between two
// writers working at the same time, the KPIs equal a sequential replay by the independent
// reference implementation (libs/testing). Each run uses units and ids of its own.
const BATCH = 'application/cloudevents-batch+json';

describe('ingestion is a function of the event set (property, real PostgreSQL)', () => {
  let pg: TestPostgres;
  let host: TestHost;

  beforeAll(async () => {
    pg = await startTestPostgres();
    host = await startTestHost({
      service: 'tthc-metrics',
      features: [TthcMetricsModule],
      databaseUrl: pg.url,
      config: { seedCatalog: false, rateLimit: { requests: 100_000, windowSeconds: 60 } },
    });
  });

  afterAll(async () => {
    await host?.stop();
    await pg?.stop();
  });

  function isolate(events: TthcCloudEvent[], run: number): TthcCloudEvent[] {
    const p = `p${run}-`;
    return events.map((e) => {
      const data = { ...e.data };
      for (const k of ['dossierCode', 'feedbackId'] as const)
        if (typeof data[k] === 'string') data[k] = `${p}${data[k]}`;
      if (typeof data.unitCode === 'string') data.unitCode = `${p}${data.unitCode}`.slice(0, 32);
      if (typeof data.procedureCode === 'string') data.procedureCode = `${p}${data.procedureCode}`;
      return { ...e, id: `${p}${e.id}`, subject: `${p}${e.subject}`, data };
    });
  }

  async function post(events: TthcCloudEvent[], batchSize: number): Promise<void> {
    for (let i = 0; i < events.length; i += batchSize) {
      const res = await host.request('/api/v1/tthc/events', {
        method: 'POST',
        body: JSON.stringify(events.slice(i, i + batchSize)),
        headers: { 'Content-Type': BATCH },
      });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { rejected: unknown[] }).rejected).toEqual([]);
    }
  }

  it('gives the KPIs of a sequential replay for shuffled, duplicated events split across two writers', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 5, max: 60 }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        fc.integer({ min: 1, max: 80 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        async (seed, dossiers, duplicateShare, batchSize, split) => {
          run += 1;
          const events = isolate(
            generateEventStream({ from: '2021-01-04', to: '2021-06-30', seed, dossiers }),
            run,
          );
          const sent = shuffleWithDuplicates(events, seed, duplicateShare);
          const cut = Math.floor(sent.length * split);
          // Two writers at once, as two consumers (or two replicas) would be.
          await Promise.all([post(sent.slice(0, cut), batchSize), post(sent.slice(cut), batchSize)]);
          const units = new Set(eventUnitCodes(events).values());
          expect(units.size).toBeGreaterThan(0);
          let received = 0;
          for (const unit of units) {
            for (const q of [
              { period: '2021-Q1', from: '2021-01-01', to: '2021-03-31' },
              { period: '2021-H1', from: '2021-01-01', to: '2021-06-30' },
            ]) {
              const actual = (await (
                await host.request(`/api/v1/tthc/kpis?period=${q.period}&unit=${unit}`)
              ).json()) as KpiResult;
              received += actual.received.total;
              expect(actual).toEqual(
                computeReferenceKpis(events, { from: q.from, to: q.to, window: 'calendar', unit }, []),
              );
            }
          }
          expect(received).toBeGreaterThan(0);
        },
      ),
      { numRuns: 8, seed: 20261201 },
    );
  }, 300_000);
});
