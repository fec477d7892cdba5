import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { ClientProxyFactory, Transport } from '@nestjs/microservices';
import { readFileSync } from 'node:fs';
import { firstValueFrom } from 'rxjs';
import { DataSource } from 'typeorm';
import {
  Patterns,
  type AuditPage,
  type PlanReminders,
  type PlanSummary,
  type PlanView,
  type ProgressView,
} from '@cchc/contracts';
import { schemaDataSourceOptions } from '@cchc/database';
import {
  expectEventually,
  startTestHost,
  startTestNats,
  startTestPostgres,
  type TestHost,
  type TestNats,
  type TestPostgres,
} from '@cchc/testing';
import { PLAN_SCHEMA, PlanManagementModule } from '../src/plan-management.module';
import { PlanClock } from '../src/plans/plan-clock';
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
      // Gauges on a one-second clock, so the fixed-clock test sees them age.
      config: { planGaugeRefreshSeconds: 1, reminderDays: 5, reportWindow: 'decree09' },
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
  function taskLedBy(unit: string): string {
    const task = plan.tasks.find(
      (t) =>
        t.leadUnitCodes.length === 1 &&
        t.leadUnitCodes[0] === unit &&
        t.timeframe.start !== null &&
        t.timeframe.start <= '2021-03-14' &&
        t.timeframe.end !== null &&
        t.timeframe.end >= '2021-03-14',
    );
    expect(task).toBeDefined();
    return task!.code;
  }

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

  it('returns a report with a required comment; the unit resubmits; each review is final', async () => {
    const editor = await createToken('Phòng TCCB-Tài chính', 'editor', ['tccb-tc']);
    const reviewer = await createToken('Văn phòng duyệt', 'reviewer');
    const taskCode = taskLedBy('tccb-tc');
    const url = `/api/v1/plans/${plan.id}/tasks/${taskCode}/progress`;
    const post = async (note: string): Promise<ProgressView> => {
      const res = await host.request(url, {
        method: 'POST',
        token: editor,
        body: JSON.stringify({ period: '2021-Q1', status: 'in_progress', percent: 30, note }),
      });
      expect(res.status).toBe(201);
      return (await res.json()) as ProgressView;
    };
    const first = await post('Báo cáo lần 1');

    const noComment = await host.request(`${url}/${first.id}/return`, {
      method: 'POST',
      token: reviewer,
      body: JSON.stringify({}),
    });
    expect(noComment.status).toBe(400);
    expect(JSON.stringify(await noComment.json())).toContain('comment');
    const byEditor = await host.request(`${url}/${first.id}/approve`, {
      method: 'POST',
      token: editor,
      body: JSON.stringify({}),
    });
    expect(byEditor.status).toBe(403);

    const returned = await host.request(`${url}/${first.id}/return`, {
      method: 'POST',
      token: reviewer,
      body: JSON.stringify({ comment: 'Thiếu văn bản minh chứng' }),
    });
    expect(returned.status).toBe(200);
    expect(((await returned.json()) as ProgressView).review).toMatchObject({
      state: 'returned',
      comment: 'Thiếu văn bản minh chứng',
    });
    const again = await host.request(`${url}/${first.id}/approve`, {
      method: 'POST',
      token: reviewer,
      body: JSON.stringify({}),
    });
    expect(again.status).toBe(409);
    expect((await host.request(`${url}/999999999/approve`, { method: 'POST', body: '{}' })).status).toBe(404);

    const second = await post('Báo cáo lần 2, bổ sung minh chứng');
    expect(second.id).not.toBe(first.id);
    const q1 = (await (await host.request(`/api/v1/plans/${plan.id}?asOf=2021-03-14`)).json()) as PlanView;
    const pending = q1.tasks.find((t) => t.code === taskCode)!;
    expect(pending.status).toBe('not_reported');
    expect(pending.awaitingReview?.id).toBe(second.id);
    expect(
      (await host.request(`${url}/${second.id}/approve`, { method: 'POST', token: reviewer, body: '{}' }))
        .status,
    ).toBe(200);
    const after = (await (await host.request(`/api/v1/plans/${plan.id}?asOf=2021-03-14`)).json()) as PlanView;
    expect(after.tasks.find((t) => t.code === taskCode)!.status).toBe('in_progress');
  });

  it("approves an admin's own report on entry", async () => {
    const res = await host.request(`/api/v1/plans/${plan.id}/tasks/I.1.2/progress`, {
      method: 'POST',
      body: JSON.stringify({ period: '2021-Q1', status: 'in_progress', percent: 25, evidence: [] }),
    });
    expect(res.status).toBe(201);
    const entry = (await res.json()) as ProgressView;
    expect(entry.review.state).toBe('approved');
    expect(entry.review.by).toBe('BOOTSTRAP_ADMIN_TOKEN');
  });

  it('says "Chưa báo cáo" and "Không phát sinh" by the §6 rule', async () => {
    // Mid-Q1 (Decree 09 window 15/12/2020–14/3/2021): a whole-year task nobody reported on.
    const q1 = (await (await host.request(`/api/v1/plans/${plan.id}?asOf=2021-02-01`)).json()) as PlanView;
    expect(q1.statusPeriod).toBe('2021-Q1');
    const wholeYear = q1.tasks.find(
      (t) =>
        t.timeframe.start === '2021-01-01' && t.timeframe.end === '2021-12-31' && t.latestProgress === null,
    )!;
    expect(wholeYear.status).toBe('not_reported');
    // III.2.1 waits for a decision of the Ministry: nothing reported by the end of the year's window.
    const yearEnd = (await (
      await host.request(`/api/v1/plans/${plan.id}?asOf=2021-12-31`)
    ).json()) as PlanView;
    expect(yearEnd.statusPeriod).toBe('2021-Q4');
    expect(yearEnd.tasks.find((t) => t.code === 'III.2.1')!.status).toBe('not_applicable');
    const summary = (await (
      await host.request(`/api/v1/plans/${plan.id}/summary?asOf=2021-12-31`)
    ).json()) as PlanSummary;
    expect(summary.tasks.byStatus.not_applicable).toBeGreaterThan(0);
    expect(summary.period).toBe('2021-Q4');
  });

  it('lists missing reports near the Decree 09 cut-off, and overdue tasks, by lead unit', async () => {
    const editor = await createToken('Thanh tra nhắc', 'editor', ['tt']);
    // 14/3/2021 (a Sunday) closes Q1; five working days before it is Monday 8/3.
    const near = (await (
      await host.request(`/api/v1/plans/${plan.id}/reminders?asOf=2021-03-10`, { token: editor })
    ).json()) as PlanReminders;
    expect(near).toMatchObject({
      period: '2021-Q1',
      window: 'decree09',
      cutoff: '2021-03-14',
      remindFrom: '2021-03-08',
      reminderDays: 5,
      remindingMissing: true,
    });
    const codes = (unit: string, r: PlanReminders, status: string): string[] =>
      (r.byLeadUnit.find((u) => u.unit === unit)?.tasks ?? [])
        .filter((t) => t.status === status)
        .map((t) => t.code);
    // III.1.1 ("Tháng 12/2020") is overdue; a Quý I task of the office nobody reported on is missing.
    expect(codes('vp', near, 'overdue')).toContain('III.1.1');
    expect(codes('vp', near, 'not_reported')).toContain('I.1.1');
    // I.1.2 has the admin's approved Q1 report: not owed.
    expect(codes('vp', near, 'not_reported')).not.toContain('I.1.2');

    const early = (await (
      await host.request(`/api/v1/plans/${plan.id}/reminders?asOf=2021-02-01`)
    ).json()) as PlanReminders;
    expect(early.remindingMissing).toBe(false);
    expect(early.byLeadUnit.flatMap((u) => u.tasks).every((t) => t.status === 'overdue')).toBe(true);
    expect(codes('vp', early, 'overdue')).toContain('III.1.1');

    const bad = await host.request(`/api/v1/plans/${plan.id}/reminders?asOf=2021-02-30`);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('asOf');
    expect((await host.request(`/api/v1/plans/${plan.id}/reminders`, { token: null })).status).toBe(401);
  });

  it('ages the gauges with a fixed clock moved past a due date, without any write', async () => {
    const clock = host.app.get(PlanClock);
    let day = '2021-03-30';
    const spy = jest.spyOn(clock, 'today').mockImplementation(() => day);
    const gauge = async (pattern: RegExp): Promise<number> => {
      const text = await (await host.request('/metrics', { token: null })).text();
      const m = pattern.exec(text);
      return m ? Number(m[1]) : Number.NaN;
    };
    const overdueI = /^cchc_plan_tasks_overdue\{section="I"\} (\d+)$/m;
    const missingVp = /^cchc_plan_reminders\{unit="vp",status="not_reported"\} (\d+)$/m;
    // Section I tasks whose timeframe ends on 31/3 (the seed), none completed.
    const endingQ1 = plan.tasks.filter((t) => t.section === 'I' && t.timeframe.end === '2021-03-31').length;
    expect(endingQ1).toBeGreaterThan(0);
    try {
      // Five working days before the Q1 cut-off, the office's unreported Q1 tasks are owed (the
      // real clock, years later, owes nothing: this also shows the fixed clock has taken over).
      day = '2021-03-10';
      await expectEventually(async () => expect(await gauge(missingVp)).toBeGreaterThan(0));
      // 30/3 is in Q2's Decree 09 window, far from its cut-off (14/6): nothing missing is reminded.
      day = '2021-03-30';
      let before = Number.NaN;
      await expectEventually(async () => {
        const text = await (await host.request('/metrics', { token: null })).text();
        expect(Number(missingVp.exec(text)?.[1])).toBe(0);
        before = Number(overdueI.exec(text)?.[1]);
      });
      expect(Number.isNaN(before)).toBe(false);
      day = '2021-04-01';
      await expectEventually(async () => expect(await gauge(overdueI)).toBe(before + endingQ1));
    } finally {
      spy.mockRestore();
    }
  });

  it('keeps every progress, review and import write in the audit trail', async () => {
    const imports = (await (await host.request('/api/v1/audit?entity=plan.plan')).json()) as AuditPage;
    expect(imports.entries).toHaveLength(1);
    expect(imports.entries[0]).toMatchObject({
      action: 'plan.plan.imported',
      entityId: plan.id,
      actor: { prefix: 'bootstrap', role: 'admin' },
      after: { year: 2021, decision: { number: '1634/QĐ-SGDĐT' } },
    });
    const { entries } = (await (
      await host.request('/api/v1/audit?entity=plan.progress')
    ).json()) as AuditPage;
    const actions = entries.map((e) => e.action);
    for (const action of ['plan.progress.submitted', 'plan.progress.returned', 'plan.progress.approved'])
      expect(actions).toContain(action);
    const returned = entries.find((e) => e.action === 'plan.progress.returned')!;
    expect(returned.actor).toMatchObject({ role: 'reviewer', name: 'Văn phòng duyệt' });
    expect(returned.actor.prefix).toMatch(/^cchc_/);
    expect(returned.before).toMatchObject({ review: { state: 'submitted' } });
    expect(returned.after).toMatchObject({
      taskCode: taskLedBy('tccb-tc'),
      review: { state: 'returned', comment: 'Thiếu văn bản minh chứng' },
    });
    const submitted = entries.find((e) => e.action === 'plan.progress.submitted')!;
    expect(submitted.actor.role).toBe('editor');
    expect(submitted.before).toBeNull();
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
      checks: Record<string, { status: string }>;
    };
    expect(ready.checks['database:plan']?.status).toBe('ok');
    expect(ready.checks['nats']?.status).toBe('ok');
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
