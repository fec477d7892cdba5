import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ClientProxyFactory, Transport } from '@nestjs/microservices';
import { readFileSync } from 'node:fs';
import { firstValueFrom } from 'rxjs';
import { DataSource } from 'typeorm';
import { Patterns, type PlanSummary, type PlanView, type ProgressView } from '@cchc/contracts';
import { schemaDataSourceOptions } from '@cchc/database';
import {
  startTestHost,
  startTestNats,
  startTestPostgres,
  type TestHost,
  type TestNats,
  type TestPostgres,
} from '@cchc/testing';
import { PLAN_SCHEMA, PlanManagementModule } from '../src/plan-management.module';
import { SEED_PLAN_PATH } from '../src/plans/plans.constants';

const seedYaml = readFileSync(SEED_PLAN_PATH, 'utf8');

describe('plan-management HTTP API (real PostgreSQL, NATS)', () => {
  let pg: TestPostgres;
  let nats: TestNats;
  let host: TestHost;
  let plan: PlanView;

  beforeAll(async () => {
    [pg, nats] = await Promise.all([startTestPostgres(), startTestNats()]);
    host = await startTestHost({
      service: 'plan-management',
      features: [PlanManagementModule],
      databaseUrl: pg.url,
      natsUrl: nats.url,
    });
    const res = await host.request('/api/v1/plans/import', {
      method: 'POST',
      body: seedYaml,
      headers: { 'Content-Type': 'application/yaml' },
    });
    expect(res.status).toBe(201);
    plan = (await res.json()) as PlanView;
  });

  afterAll(async () => {
    await host?.stop();
    await Promise.all([pg?.stop(), nats?.stop()]);
  });

  it('serves the whole 2021 plan as the decision has it', async () => {
    const res = await host.request('/api/v1/plans?year=2021');
    expect(res.status).toBe(200);
    const plans = (await res.json()) as PlanView[];
    expect(plans).toHaveLength(1);
    const p = plans[0];
    expect(p.decision).toMatchObject({
      number: '1634/QĐ-SGDĐT',
      date: '2020-12-30',
      signer: 'Nguyễn Văn Toàn',
    });
    expect(p.sections.map((s) => s.code)).toEqual(['I', 'II', 'III', 'IV', 'V', 'VI', 'VII']);
    expect(p.tasks).toHaveLength(46);
    expect(p.objectives).toHaveLength(7);
    expect(p.requirements).toHaveLength(5);
    expect(p.budgetTotalMillionVnd).toBe(42);
    const i12 = p.tasks.find((t) => t.code === 'I.1.2')!;
    expect(i12.budgetMillionVnd).toBe(5);
    expect(i12.leadUnits).toEqual(['Văn phòng']);
    // Each row's own wording of its units, over the same codes.
    const vii6 = p.tasks.find((t) => t.code === 'VII.6')!;
    expect(vii6.leadUnits).toEqual(['Văn phòng Sở', 'Các đơn vị trực thuộc']);
    expect(vii6.leadUnitCodes).toEqual(['vp', 'cac-don-vi-truc-thuoc']);
    expect(p.tasks.find((t) => t.code === 'I.5.3')!.coordinatingUnits).toEqual([
      'Các đơn vị trực thuộc',
      'các phòng thuộc Sở',
    ]);
    expect(p.tasks.find((t) => t.code === 'III.2.1')!.timeframe.text).toBe(
      'Quyết định sửa đổi bổ sung, thay thế của Bộ GDĐT',
    );
    expect(p.tasks.find((t) => t.code === 'I.1.1')!.timeframe).toMatchObject({
      kind: 'quarter',
      start: '2021-01-01',
      end: '2021-03-31',
    });
  });

  it('answers 401 without a token on every API path', async () => {
    for (const path of [
      '/api/v1/plans',
      `/api/v1/plans/${plan.id}`,
      `/api/v1/plans/${plan.id}/summary`,
      '/api/v1/plans/import',
    ]) {
      expect((await host.request(path, { token: null })).status).toBe(401);
    }
  });

  it('rejects an invalid import with the failing paths and changes nothing', async () => {
    const broken = seedYaml
      .replace("number: '1634/QĐ-SGDĐT'", "number: '9999/QĐ-TEST'")
      .replace('budgetMillionVnd: 5', 'budgetMillionVnd: -5')
      .replace('leadUnits: [vp]', 'leadUnits: [khong-co]');
    const res = await host.request('/api/v1/plans/import', {
      method: 'POST',
      body: broken,
      headers: { 'Content-Type': 'application/yaml' },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: Array<{ path: string; message: string }> };
    const paths = body.errors.map((e) => e.path);
    expect(paths.some((p) => /^sections\[0\]\.tasks\[\d+\]\.budgetMillionVnd$/.test(p))).toBe(true);
    const all = (await (await host.request('/api/v1/plans')).json()) as PlanView[];
    expect(all).toHaveLength(1);
  });

  it('refuses to import the same decision twice', async () => {
    const res = await host.request('/api/v1/plans/import', {
      method: 'POST',
      body: seedYaml,
      headers: { 'Content-Type': 'application/yaml' },
    });
    expect(res.status).toBe(409);
  });

  /** A task the unit leads alone that runs through the first quarter's Decree 09 window. */
  async function createToken(name: string, role: string, units: string[] = []): Promise<string> {
    const created = await host.request('/api/v1/auth/tokens', {
      method: 'POST',
      body: JSON.stringify({ name, role, units }),
    });
    expect(created.status).toBe(201);
    return ((await created.json()) as { token: string }).token;
  }

  it('lets an editor report progress only on tasks its unit leads; the Văn phòng approves; history kept', async () => {
    const token = await createToken('Thanh tra Sở', 'editor', ['tt']);
    const reviewer = await createToken('Văn phòng Sở', 'reviewer');
    const report = {
      period: '2021-Q1',
      status: 'in_progress',
      percent: 40,
      note: 'Đã ban hành kế hoạch',
      evidence: [],
    };

    const forbidden = await host.request(`/api/v1/plans/${plan.id}/tasks/I.1.2/progress`, {
      method: 'POST',
      token,
      body: JSON.stringify(report),
    });
    expect(forbidden.status).toBe(403);
    // A reviewer reads everything and writes reviews only.
    const reviewerWrites = await host.request(`/api/v1/plans/${plan.id}/tasks/II.1/progress`, {
      method: 'POST',
      token: reviewer,
      body: JSON.stringify(report),
    });
    expect(reviewerWrites.status).toBe(403);

    const first = await host.request(`/api/v1/plans/${plan.id}/tasks/II.1/progress`, {
      method: 'POST',
      token,
      body: JSON.stringify(report),
    });
    expect(first.status).toBe(201);
    const firstEntry = (await first.json()) as ProgressView;
    expect(firstEntry.review).toEqual({ state: 'submitted', by: null, at: null, comment: null });
    const second = await host.request(`/api/v1/plans/${plan.id}/tasks/II.1/progress`, {
      method: 'POST',
      token,
      body: JSON.stringify({
        period: '2021-Q2',
        status: 'completed',
        percent: 100,
        evidence: [
          { docNo: '12/KH-TTr', date: '2021-04-02', title: 'Kế hoạch kiểm tra, rà soát văn bản QPPL' },
        ],
      }),
    });
    expect(second.status).toBe(201);
    const secondEntry = (await second.json()) as ProgressView;

    // Submitted, not yet approved: reports and summaries do not use it, but count it as waiting.
    const waiting = (await (
      await host.request(`/api/v1/plans/${plan.id}/summary?asOf=2021-06-14`, { token: reviewer })
    ).json()) as PlanSummary;
    expect(waiting.pendingReview).toBe(1);
    expect(waiting.byLeadUnit.find((u) => u.unit === 'tt')!.pendingReview).toBe(1);
    const unreviewed = (await (await host.request(`/api/v1/plans/${plan.id}`)).json()) as PlanView;
    expect(unreviewed.tasks.find((t) => t.code === 'II.1')!.latestProgress).toBeNull();
    expect(unreviewed.tasks.find((t) => t.code === 'II.1')!.awaitingReview?.id).toBe(secondEntry.id);

    for (const entry of [firstEntry, secondEntry]) {
      const approved = await host.request(
        `/api/v1/plans/${plan.id}/tasks/II.1/progress/${entry.id}/approve`,
        { method: 'POST', token: reviewer, body: JSON.stringify({}) },
      );
      expect(approved.status).toBe(200);
      expect(((await approved.json()) as ProgressView).review).toMatchObject({
        state: 'approved',
        by: 'Văn phòng Sở',
      });
    }

    const history = (await (
      await host.request(`/api/v1/plans/${plan.id}/tasks/II.1/progress`)
    ).json()) as ProgressView[];
    expect(history.map((h) => h.status)).toEqual(['completed', 'in_progress']);
    expect(history.map((h) => h.review.state)).toEqual(['approved', 'approved']);
    const view = (await (await host.request(`/api/v1/plans/${plan.id}`)).json()) as PlanView;
    const task = view.tasks.find((t) => t.code === 'II.1')!;
    expect(task.latestProgress?.evidence[0]?.docNo).toBe('12/KH-TTr');
    expect(task.awaitingReview).toBeNull();
    expect(task.status).toBe('completed');
    // As a report on 2021-Q1 sees it: the Q1 report, though recorded today, and not the Q2 one.
    const past = (await (await host.request(`/api/v1/plans/${plan.id}?asOf=2021-03-31`)).json()) as PlanView;
    const pastTask = past.tasks.find((t) => t.code === 'II.1')!;
    expect(pastTask.latestProgress?.period).toBe('2021-Q1');
    expect(pastTask.status).toBe('in_progress');
    // GET /plans honours asOf too.
    const listed = (await (
      await host.request('/api/v1/plans?year=2021&asOf=2021-03-31')
    ).json()) as PlanView[];
    expect(listed[0].statusAsOf).toBe('2021-03-31');
    expect(listed[0].tasks.find((t) => t.code === 'II.1')!.status).toBe('in_progress');
  });

  it('names the bad field of a progress report', async () => {
    const res = await host.request(`/api/v1/plans/${plan.id}/tasks/II.2/progress`, {
      method: 'POST',
      body: JSON.stringify({ period: '2021-Q5', status: 'done', percent: 140 }),
    });
    expect(res.status).toBe(400);
    const text = JSON.stringify(await res.json());
    for (const field of ['period', 'status', 'percent']) expect(text).toContain(field);
  });

  it('summarises tasks by status, section and lead unit as of a date', async () => {
    const res = await host.request(`/api/v1/plans/${plan.id}/summary?asOf=2021-04-01`);
    const summary = (await res.json()) as PlanSummary;
    expect(summary.tasks.total).toBe(46);
    expect(summary.budget.plannedMillionVnd).toBe(42);
    // I.1.1 ("Quý I") ended on 31/3 without a report; III.1.1 ("Tháng 12/2020") too.
    const overdue = summary.overdueTasks.map((t) => t.code);
    expect(overdue).toContain('I.1.1');
    expect(overdue).toContain('III.1.1');
    expect(overdue).not.toContain('II.1');
    // II.1's completion is reported for 2021-Q2, which has begun on 2021-04-01 but not on 31/3.
    expect(summary.bySection.find((s) => s.section === 'II')!.byStatus.completed).toBe(1);
    const q1 = (await (
      await host.request(`/api/v1/plans/${plan.id}/summary?asOf=2021-03-31`)
    ).json()) as PlanSummary;
    expect(q1.bySection.find((s) => s.section === 'II')!.byStatus).toMatchObject({
      completed: 0,
      in_progress: 1,
    });
    const now = (await (await host.request(`/api/v1/plans/${plan.id}/summary`)).json()) as PlanSummary;
    expect(now.bySection.find((s) => s.section === 'II')!.byStatus.completed).toBe(1);
    expect(summary.byLeadUnit.find((u) => u.unit === 'vp')).toMatchObject({ name: 'Văn phòng' });
    expect(summary.byLeadUnit.find((u) => u.unit === 'vp')!.total).toBeGreaterThan(10);
  });

  it('exports the plan gauges and reports the database ready', async () => {
    const metrics = await (await host.request('/metrics', { token: null })).text();
    expect(metrics).toMatch(/cchc_plan_tasks\{status="completed",section="II"\} 1/);
    expect(metrics).toMatch(/cchc_plan_budget_planned_vnd\{section="I"\} 42000000/);
    const ready = (await (await host.request('/health/ready', { token: null })).json()) as {
      status: string;
      details: Record<string, { status: string }>;
    };
    expect(ready.status).toBe('ok');
    expect(ready.details['database:plan']?.status).toBe('up');
    expect(ready.details['nats']?.status).toBe('up');
  });

  it('answers plan queries over NATS request-reply', async () => {
    const client = ClientProxyFactory.create({ transport: Transport.NATS, options: { servers: [nats.url] } });
    try {
      const plans = await firstValueFrom(client.send<PlanView[]>(Patterns.plans.list, { year: 2021 }));
      expect(plans[0].tasks).toHaveLength(46);
      await expect(firstValueFrom(client.send(Patterns.plans.get, { planId: 'nope' }))).rejects.toMatchObject(
        {
          code: 'PLAN_NOT_FOUND',
        },
      );
    } finally {
      await client.close();
    }
  });

  // Last: it rolls the newest migration back and forward, which empties the stored names.
  it("shows a task stored without written names under its units' names (newest migration undone and redone)", async () => {
    const ds = new DataSource(schemaDataSourceOptions(pg.url, PLAN_SCHEMA));
    await ds.initialize();
    try {
      // Undo the migrations after AddTaskUnitNames, then it.
      const applied = await ds.query<Array<{ name: string }>>(
        `SELECT name FROM "plan"."migrations" ORDER BY id DESC`,
      );
      const undo = applied.findIndex((m) => m.name.startsWith('AddTaskUnitNames')) + 1;
      expect(undo).toBeGreaterThan(0);
      for (let i = 0; i < undo; i += 1) await ds.undoLastMigration({ transaction: 'each' });
      const columns = await ds.query<Array<{ column_name: string }>>(
        `SELECT column_name FROM information_schema.columns WHERE table_schema = 'plan' AND table_name = 'task'`,
      );
      expect(columns.map((c) => c.column_name)).not.toContain('lead_unit_names');
      await ds.runMigrations({ transaction: 'each' });
    } finally {
      await ds.destroy();
    }
    const view = (await (await host.request(`/api/v1/plans/${plan.id}`)).json()) as PlanView;
    const vii6 = view.tasks.find((t) => t.code === 'VII.6')!;
    expect(vii6.leadUnits).toEqual(['Văn phòng', 'Các đơn vị trực thuộc']);
    expect(vii6.coordinatingUnits).toEqual(['Các cơ quan, đơn vị liên quan']);
  });
});
