import { defaultCalendar } from '@cchc/calendar';
import { loadConfig } from '@cchc/config';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ObjectiveView, PlanView, ProgressView } from '@cchc/contracts';
import {
  computeReferenceKpis,
  startTestHost,
  startTestPostgres,
  type TestHost,
  type TestPostgres,
} from '@cchc/testing';
import { TthcMetricsModule } from '../../tthc-metrics/src/tthc-metrics.module';
import { generateEventStream } from '../../../tools/simulator/src/generator';
import { loadSeedCatalog } from '../../../tools/simulator/src/seed-catalog';
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
    // 1.7 has neither a KPI nor linked tasks: it keeps the actual recorded for it (none yet).
    expect(plans[0].objectives.find((o) => o.code === '1.7')!.actual).toBeNull();
  });

  it('has no actual for a period without dossiers', async () => {
    const plan = (await (await host.request('/api/v1/plans?year=2021&asOf=2021-11-30')).json()) as PlanView[];
    expect(plan[0].objectives.find((o) => o.code === '1.3')!.actual).toBeNull();
  });

  // Objectives linked to tasks and measured by no KPI take their actual from approved progress:
  // the share of their tasks `completed` in the period (architecture.md §6, revision 2).
  async function objective(code: string): Promise<ObjectiveView> {
    const plans = (await (
      await host.request('/api/v1/plans?year=2021&asOf=2021-03-31')
    ).json()) as PlanView[];
    return plans[0].objectives.find((o) => o.code === code)!;
  }

  async function createToken(name: string, role: string, units: string[] = []): Promise<string> {
    const created = await host.request('/api/v1/auth/tokens', {
      method: 'POST',
      body: JSON.stringify({ name, role, units }),
    });
    expect(created.status).toBe(201);
    return ((await created.json()) as { token: string }).token;
  }

  it("moves objective 1.6's actual with approved completions only (1 of 4 linked tasks -> 25%)", async () => {
    const before = await objective('1.6');
    // The seed links 1.6 to VII.1-VII.4 (the system's links, not the document's).
    expect(before.tasks).toEqual(['VII.1', 'VII.2', 'VII.3', 'VII.4']);
    expect(before.actual).toMatchObject({ value: 0, unit: '%', source: 'progress', completed: 0, total: 4 });

    const plans = (await (await host.request('/api/v1/plans?year=2021')).json()) as PlanView[];
    const editor = await createToken('Văn phòng Sở', 'editor', ['vp']);
    const reviewer = await createToken('Văn phòng duyệt', 'reviewer');
    const url = `/api/v1/plans/${plans[0].id}/tasks/VII.2/progress`;
    const submitted = await host.request(url, {
      method: 'POST',
      token: editor,
      body: JSON.stringify({ period: '2021-Q1', status: 'completed', percent: 100, note: 'Đã hoàn thành' }),
    });
    expect(submitted.status).toBe(201);
    const report = (await submitted.json()) as ProgressView;
    expect(report.review.state).toBe('submitted');
    // Submitted, not approved: the actual does not move.
    expect((await objective('1.6')).actual).toMatchObject({ value: 0, completed: 0, total: 4 });

    const approved = await host.request(`${url}/${report.id}/approve`, {
      method: 'POST',
      token: reviewer,
      body: '{}',
    });
    expect(approved.status).toBe(200);
    const after = await objective('1.6');
    expect(after.actual).toMatchObject({
      value: 25,
      unit: '%',
      asOf: '2021-03-31',
      source: 'progress',
      completed: 1,
      total: 4,
    });
    expect(after.actual!.note).toContain('1/4');
  });

  it('keeps a recorded actual for an objective with neither KPI nor tasks, and the progress one for a linked one', async () => {
    const plans = (await (await host.request('/api/v1/plans?year=2021')).json()) as PlanView[];
    const record = async (code: string): Promise<number> =>
      (
        await host.request(`/api/v1/plans/${plans[0].id}/objectives/${code}/actual`, {
          method: 'POST',
          body: JSON.stringify({ value: 80, unit: '%', asOf: '2021-03-31', note: 'Tự đánh giá' }),
        })
      ).status;
    expect(await record('1.7')).toBe(200);
    expect(await record('1.6')).toBe(200);
    expect((await objective('1.7')).actual).toMatchObject({ value: 80, source: 'manual' });
    // Linked tasks win over a recorded figure: the actual stays the approved share.
    expect((await objective('1.6')).actual).toMatchObject({ value: 25, source: 'progress' });
  });
});
