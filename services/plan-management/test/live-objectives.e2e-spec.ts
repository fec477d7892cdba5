import { defaultCalendar } from '@cchc/calendar';
import { loadConfig } from '@cchc/config';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { PlanView } from '@cchc/contracts';
import {
  computeReferenceKpis,
  startTestHost,
  startTestPostgres,
  type TestHost,
  type TestPostgres,
} from '@cchc/testing';
import { TthcMetricsModule } from '../../tthc-metrics/src/tthc-metrics.module';
import { generateEventStream, loadSeedCatalog } from '../../../tools/simulator/src/generator';
import { PlanManagementModule } from '../src/plan-management.module';

// Objectives measured by a dossier KPI take their actual from tthc-metrics, live (architecture.md
// §6, revision 2): the all-in-one process, the 2021 plan seeded at start-up, Q1 dossiers posted.
describe('live objective actuals (real PostgreSQL, in-process request-reply)', () => {
  let pg: TestPostgres;
  let host: TestHost;
  const events = generateEventStream({ from: '2021-01-01', to: '2021-03-31', seed: 12, dossiers: 120 });
  const truthQ1 = computeReferenceKpis(
    events,
    { from: '2021-01-01', to: '2021-03-31', window: 'calendar' },
    loadSeedCatalog().procedures,
    // The service's working calendar (apology deadlines and anomalies depend on it).
    defaultCalendar(),
  );

  beforeAll(async () => {
    pg = await startTestPostgres();
    host = await startTestHost({
      service: 'all-in-one',
      features: [PlanManagementModule, TthcMetricsModule],
      databaseUrl: pg.url,
      config: { report: { ...loadConfig('plan-management', {}).report, window: 'calendar' } },
    });
    const res = await host.request('/api/v1/tthc/events', {
      method: 'POST',
      body: JSON.stringify(events),
      headers: { 'Content-Type': 'application/cloudevents-batch+json' },
    });
    expect(res.status).toBe(200);
  });

  afterAll(async () => {
    await host?.stop();
    await pg?.stop();
  });

  it("takes objective 1.3's actual from the online share of the period's dossiers", async () => {
    expect(truthQ1.online.dossierRate).not.toBeNull();
    const plans = (await (
      await host.request('/api/v1/plans?year=2021&asOf=2021-03-31')
    ).json()) as PlanView[];
    const objective = plans[0].objectives.find((o) => o.code === '1.3')!;
    expect(objective.kpi).toBe('online');
    expect(objective.actual).toMatchObject({ unit: '%', asOf: '2021-03-31' });
    expect(objective.actual!.value).toBeCloseTo(truthQ1.online.dossierRate! * 100, 2);
    expect(objective.actual!.note).toContain('quý I năm 2021');
    // The others keep the actual recorded for them (none yet).
    expect(plans[0].objectives.find((o) => o.code === '1.4')!.actual).toBeNull();
  });

  it('has no actual for a period without dossiers', async () => {
    const plan = (await (await host.request('/api/v1/plans?year=2021&asOf=2021-11-30')).json()) as PlanView[];
    expect(plan[0].objectives.find((o) => o.code === '1.3')!.actual).toBeNull();
  });
});
