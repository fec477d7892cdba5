import { loadConfig } from '@cchc/config';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type { AuditPage, PlanReminders, PlanSummary, PlanView, ProgressView } from '@cchc/contracts';
import {
  expectEventually,
  startTestHost,
  startTestPostgres,
  type TestHost,
  type TestPostgres,
} from '@cchc/testing';
import { PlanManagementModule } from '../src/plan-management.module';
import { PlanClock } from '../src/plans/plan-clock';
import { SEED_PLAN_PATH } from '../src/plans/plans.constants';

// The Văn phòng's follow-up (architecture.md §6, revision 2): review, the §6 statuses, reminders,
// gauges that age with the clock, and the audit trail of every write.
describe('plan follow-up (real PostgreSQL)', () => {
  let pg: TestPostgres;
  let host: TestHost;
  let plan: PlanView;

  beforeAll(async () => {
    pg = await startTestPostgres();
    host = await startTestHost({
      service: 'plan-management',
      features: [PlanManagementModule],
      databaseUrl: pg.url,
      // Gauges on a one-second clock, so the fixed-clock test sees them age.
      config: {
        planGaugeRefreshSeconds: 1,
        reminderDays: 5,
        report: { ...loadConfig('plan-management', {}).report, window: 'decree09' },
      },
    });
    const res = await host.request('/api/v1/plans/import', {
      method: 'POST',
      body: readFileSync(SEED_PLAN_PATH, 'utf8'),
      headers: { 'Content-Type': 'application/yaml' },
    });
    expect(res.status).toBe(201);
    plan = (await res.json()) as PlanView;
  });

  afterAll(async () => {
    await host?.stop();
    await pg?.stop();
  });

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
});
