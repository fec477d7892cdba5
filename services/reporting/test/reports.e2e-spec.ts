import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultCalendar } from '@cchc/calendar';
import { Patterns, type KpiResult, type KpiWindow, type PlanView, type ProgressView } from '@cchc/contracts';
import {
  computeReferenceKpis,
  expectEventually,
  startTestHost,
  startTestNats,
  startTestPostgres,
  type TestHost,
  type TestNats,
  type TestPostgres,
} from '@cchc/testing';
import { PlanManagementModule } from '../../plan-management/src/plan-management.module';
import { SEED_PLAN_PATH } from '../../plan-management/src/plans/plans.service';
import { TthcMetricsModule } from '../../tthc-metrics/src/tthc-metrics.module';
import { generateEventStream } from '../../../tools/simulator/src/generator';
import { loadSeedCatalog } from '../../../tools/simulator/src/seed-catalog';
import { ReportingModule } from '../src/reporting.module';
import { formatNumber } from '../src/reports/content/vietnamese-format';
import { type ReportModel } from '../src/reports/report.model';
import { type IssuedReportInfo } from '../src/reports/reports.service';
import { readDocx, readXlsx, splitRef } from './ooxml-reader';

// The reporting service as deployed: three hosts on one real nats-server, reporting pulling the
// plan and the KPIs over NATS request-reply. Every figure of a report is checked against what
// tthc-metrics itself answers over HTTP for the same period and window.

const catalog = loadSeedCatalog().procedures;
const events = generateEventStream({
  from: '2021-01-01',
  to: '2021-03-31',
  seed: 20210401,
  dossiers: 300,
  lateShare: 0.15,
});
const truthQ1 = computeReferenceKpis(
  events,
  { from: '2021-01-01', to: '2021-03-31', window: 'calendar' },
  catalog,
  // The service's working calendar (apology deadlines and anomalies depend on it).
  defaultCalendar(),
);
const SOURCE_TIMEOUT_MS = 1500;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The 13 figures of a Biểu II.06a row, columns (3)–(15). */
function annexFigures(k: KpiResult): number[] {
  return [
    k.received.total,
    k.received.carriedOver,
    k.received.online,
    k.received.direct,
    k.received.postal,
    k.resolved.total,
    k.resolved.early,
    k.resolved.onTime,
    k.resolved.late,
    k.pending.total,
    // "Trong hạn" includes dossiers awaiting supplement (revision 2 KPIs carry them apart).
    k.pending.withinTime + ((k.pending as { awaitingSupplement?: number }).awaitingSupplement ?? 0),
    k.pending.overdue,
    k.withdrawn,
  ];
}

const download = async (host: TestHost, path: string): Promise<Buffer> => {
  const res = await host.request(path);
  expect({ path, status: res.status }).toEqual({ path, status: 200 });
  return Buffer.from(await res.arrayBuffer());
};

describe('reporting over real NATS request-reply (real PostgreSQL, three hosts)', () => {
  let pg: TestPostgres;
  let nats: TestNats;
  let planHost: TestHost;
  let tthcHost: TestHost;
  let reportHost: TestHost;
  let plan: PlanView;
  let viewerToken: string;

  async function json<T>(host: TestHost, path: string): Promise<T> {
    const res = await host.request(path);
    expect({ path, status: res.status }).toEqual({ path, status: 200 });
    return (await res.json()) as T;
  }
  const kpis = (window: KpiWindow, unit?: string) =>
    json<KpiResult>(
      tthcHost,
      `/api/v1/tthc/kpis?period=2021-Q1&window=${window}${unit ? `&unit=${unit}` : ''}`,
    );
  const report = (query = '') => json<ReportModel>(reportHost, `/api/v1/reports/2021-Q1?format=json${query}`);

  async function postEvents(batch: unknown[]): Promise<void> {
    for (let i = 0; i < batch.length; i += 1000) {
      const res = await tthcHost.request('/api/v1/tthc/events', {
        method: 'POST',
        body: JSON.stringify(batch.slice(i, i + 1000)),
        headers: { 'Content-Type': 'application/cloudevents-batch+json' },
      });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { rejected: unknown[] }).rejected).toEqual([]);
    }
  }

  beforeAll(async () => {
    [pg, nats] = await Promise.all([startTestPostgres(), startTestNats()]);
    // One database is fine: each service owns its own schema.
    const common = { databaseUrl: pg.url, natsUrl: nats.url };
    [planHost, tthcHost, reportHost] = await Promise.all([
      startTestHost({ service: 'plan-management', features: [PlanManagementModule], ...common }),
      startTestHost({ service: 'tthc-metrics', features: [TthcMetricsModule], ...common }),
      startTestHost({
        service: 'reporting',
        features: [ReportingModule],
        ...common,
        config: { sourceTimeoutMs: SOURCE_TIMEOUT_MS },
      }),
    ]);

    const imported = await planHost.request('/api/v1/plans/import', {
      method: 'POST',
      body: readFileSync(SEED_PLAN_PATH, 'utf8'),
      headers: { 'Content-Type': 'application/yaml' },
    });
    expect(imported.status).toBe(201);
    plan = (await imported.json()) as PlanView;
    const put = await tthcHost.request('/api/v1/tthc/procedures', {
      method: 'PUT',
      body: JSON.stringify(catalog),
    });
    expect(put.status).toBe(200);
    await postEvents(events);
    // Distributed ingestion: HTTP → JetStream → the ledger consumer; wait for the whole stream.
    await expectEventually(async () => expect(await kpis('calendar')).toEqual(truthQ1), 60_000);

    const created = await reportHost.request('/api/v1/auth/tokens', {
      method: 'POST',
      body: JSON.stringify({ name: 'Lãnh đạo Sở', role: 'viewer', units: [] }),
    });
    expect(created.status).toBe(201);
    viewerToken = ((await created.json()) as { token: string }).token;
  });

  afterAll(async () => {
    await Promise.all([planHost?.stop(), tthcHost?.stop(), reportHost?.stop()]);
    await Promise.all([pg?.stop(), nats?.stop()]);
  });

  it('sanity: the simulated quarter has dossiers in several units, late ones and feedback', () => {
    expect(truthQ1.received.total).toBeGreaterThan(250);
    expect(truthQ1.resolved.late + truthQ1.pending.overdue).toBeGreaterThan(5);
    expect(truthQ1.feedback.received).toBeGreaterThan(0);
  });

  it('answers 401 without a token and 403 to a viewer who tries to issue', async () => {
    for (const path of [
      '/api/v1/reports',
      '/api/v1/reports/2021-Q1',
      '/api/v1/reports/2021-Q1?format=docx',
    ]) {
      expect((await reportHost.request(path, { token: null })).status).toBe(401);
    }
    expect(
      (await reportHost.request('/api/v1/reports/2021-Q1/issue', { method: 'POST', token: null })).status,
    ).toBe(401);
    expect(
      (await reportHost.request('/api/v1/reports/2021-Q1/issue', { method: 'POST', token: viewerToken }))
        .status,
    ).toBe(403);
    expect(
      (await reportHost.request('/api/v1/reports/2021-Q1?format=json&draft=true', { token: viewerToken }))
        .status,
    ).toBe(200);
  });

  it('answers 400 naming the problem for a period a report cannot cover, or a bad option', async () => {
    for (const period of ['2021-Q5', '2021-13', '2021-03']) {
      const res = await reportHost.request(`/api/v1/reports/${period}?format=json`);
      expect(res.status).toBe(400);
      const body = (await res.json()) as { code: string; message: string };
      expect(body.code).toBe('INVALID_PERIOD');
      expect(body.message).toContain(`"${period}"`);
      expect(body.message).toContain('YYYY-Qn');
    }
    for (const [query, field] of [
      ['format=pdf', 'format'],
      ['window=fiscal', 'window'],
      ['unit=Phong%20A', 'unit'],
      ['draft=yes', 'draft'],
    ] as const) {
      const res = await reportHost.request(`/api/v1/reports/2021-Q1?${query}`);
      expect(res.status).toBe(400);
      expect(JSON.stringify(await res.json())).toContain(field);
    }
  });

  it.each(['calendar', 'decree09'] as const)(
    'json (%s): the TTHC table equals GET /api/v1/tthc/kpis, in total and per unit, and every task is there',
    async (window) => {
      const model = await report(`&window=${window}&draft=true`);
      expect(model.period).toMatchObject({ code: '2021-Q1', window });
      expect(model.version.status).toBe('draft');
      expect(model.tthc.department).toEqual(await kpis(window));
      expect(model.tthc.perUnit.length).toBeGreaterThan(2);
      for (const row of model.tthc.perUnit) {
        expect({ unit: row.unit, kpis: row.kpis }).toEqual({
          unit: row.unit,
          kpis: await kpis(window, row.unit),
        });
      }
      // The per-unit rows add up to the department row.
      expect(model.tthc.perUnit.reduce((n, u) => n + u.kpis.received.total, 0)).toBe(
        model.tthc.department.received.total,
      );

      const tasks = model.sections.flatMap((s) => s.tasks.map((t) => t.code));
      expect(tasks).toHaveLength(46);
      expect(tasks).toEqual(plan.tasks.map((t) => t.code));
      expect(model.sections.map((s) => s.code)).toEqual(['I', 'II', 'III', 'IV', 'V', 'VI', 'VII']);
      expect(model.budget.plannedMillionVnd).toBe(42);
      expect(model.plan.decision.number).toBe('1634/QĐ-SGDĐT');
    },
  );

  it('scopes the TTHC table to one unit with ?unit=', async () => {
    const unit = 'ktkd';
    const res = await reportHost.request(`/api/v1/reports/2021-Q1?format=json&unit=${unit}&draft=true`);
    expect(res.status).toBe(200);
    const model = (await res.json()) as ReportModel;
    expect(model.tthc.scope).toEqual({ unit, unitName: 'Phòng Khảo thí và Kiểm định chất lượng giáo dục' });
    // No window asked: REPORT_WINDOW, decree09 by default.
    expect(model.period.window).toBe('decree09');
    expect(model.tthc.department).toEqual(await kpis('decree09', unit));
    expect(model.tthc.perUnit).toEqual([]);
    const unknown = await reportHost.request('/api/v1/reports/2021-Q1?unit=khong-co&draft=true');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { code: string }).code).toBe('UNIT_NOT_FOUND');
  });

  it('says which year has no plan', async () => {
    const res = await reportHost.request('/api/v1/reports/2022-Q1?format=json');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { message: string }).message).toMatch(/^No plan for 2022/);
  });

  it('docx: the Decree 30 header, parts I–V, the signature and Biểu II.06a equal to the KPI API', async () => {
    const res = await reportHost.request('/api/v1/reports/2021-Q1?format=docx&draft=true');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(DOCX);
    // The default window is decree09.
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="bao-cao-cchc-2021-Q1-nd09.docx"',
    );
    const doc = await readDocx(Buffer.from(await res.arrayBuffer()));
    const paragraphs = doc.paragraphs.map((p) => p.text);

    const [header] = doc.tables;
    expect(header[0][0].split('\n')).toEqual(['UBND TỈNH ĐẮK NÔNG', 'SỞ GIÁO DỤC VÀ ĐÀO TẠO', '']);
    expect(header[1]).toEqual(['Số: …/BC-SGDĐT', 'Đắk Nông, ngày … tháng … năm …']);
    const title = paragraphs.indexOf('BÁO CÁO');
    expect(paragraphs.slice(title + 1, title + 3)).toEqual([
      'Kết quả thực hiện công tác cải cách hành chính quý I năm 2021',
      '(Số liệu từ ngày 15/12/2020 đến ngày 14/3/2021)',
    ]);
    expect(paragraphs.find((p) => p.startsWith('Hạn gửi báo cáo'))).toContain('16/3/2021');
    for (const h of [
      'I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH',
      'II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH',
      'III. ĐÁNH GIÁ CHUNG',
      'IV. PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ II NĂM 2021',
      'V. KIẾN NGHỊ, ĐỀ XUẤT',
      'KT. GIÁM ĐỐC',
      'PHÓ GIÁM ĐỐC',
      '- Sở Nội vụ (để tổng hợp);',
      'Người lập biểu',
      'Thủ trưởng đơn vị',
    ])
      expect({ heading: h, found: paragraphs.includes(h) }).toEqual({ heading: h, found: true });
    // Nobody filed progress: no task is "chưa triển khai".
    expect(paragraphs.join('\n')).not.toMatch(/chưa triển khai/);
    expect(doc.sections.map((s) => s.orientation)).toEqual(['portrait', 'landscape']);

    const model = await report('&draft=true');
    const annex = doc.tables.find((t) => t[0]?.[0] === 'STT' && t[0]?.[1] === 'Lĩnh vực')!;
    expect(annex[4]).toEqual([
      '',
      'Tổng cộng',
      ...annexFigures(await kpis('decree09')).map((n) => formatNumber(n)),
    ]);
    for (const u of model.tthc.perUnit) {
      const row = annex.find((r) => r[1] === u.unitName)!;
      expect({ unit: u.unit, row: row.slice(2) }).toEqual({
        unit: u.unit,
        row: annexFigures(await kpis('decree09', u.unit)).map((n) => formatNumber(n)),
      });
    }

    const nd09 = await reportHost.request(
      '/api/v1/reports/2021-Q1?format=docx&window=calendar&unit=vp&draft=true',
    );
    expect(nd09.headers.get('content-disposition')).toBe(
      'attachment; filename="bao-cao-cchc-2021-Q1-vp.docx"',
    );
  });

  it('xlsx: read back from its XML, Biểu II.06a and the tasks carry the same numbers', async () => {
    const res = await reportHost.request('/api/v1/reports/2021-Q1?format=xlsx&window=calendar&draft=true');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(XLSX);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="bao-cao-cchc-2021-Q1.xlsx"');
    const sheets = await readXlsx(Buffer.from(await res.arrayBuffer()));
    const annex = sheets.find((s) => s.name === 'Biểu II.06a')!;
    const rows = new Map<string, Array<string | number | null>>();
    for (const c of annex.cells.values()) {
      const { row, col } = splitRef(c.ref);
      if (col !== 2 || typeof c.value !== 'string') continue;
      rows.set(
        c.value,
        Array.from({ length: 13 }, (_, i) => {
          const ref = [...annex.cells.values()].find((x) => {
            const p = splitRef(x.ref);
            return p.row === row && p.col === 3 + i;
          });
          return ref?.value ?? null;
        }),
      );
    }
    expect(rows.get('Tổng cộng')).toEqual(annexFigures(await kpis('calendar')));
    const model = await report('&window=calendar&draft=true');
    for (const u of model.tthc.perUnit) {
      expect({ unit: u.unit, figures: rows.get(u.unitName) }).toEqual({
        unit: u.unit,
        figures: annexFigures(await kpis('calendar', u.unit)),
      });
    }
    const taskSheet = sheets.find((s) => s.name === 'Nhiệm vụ kế hoạch')!;
    const codes = [...taskSheet.cells.values()]
      .filter(
        (c) =>
          splitRef(c.ref).col === 1 &&
          typeof c.value === 'string' &&
          plan.tasks.some((t) => t.code === c.value),
      )
      .sort((a, b) => splitRef(a.ref).row - splitRef(b.ref).row)
      .map((c) => c.value);
    expect(codes).toEqual(plan.tasks.map((t) => t.code));
  });

  describe('issuing', () => {
    let nc: NatsConnection;
    let issuedEvents: Subscription;
    let v1: IssuedReportInfo;
    let frozen: ReportModel;
    // Three more dossiers received in the quarter, after the report was issued.
    const late = [1, 2, 3].map((n) => ({
      specversion: '1.0',
      id: randomUUID(),
      source: 'mot-cua/e2e',
      type: 'vn.cchc.tthc.dossier.received.v1',
      time: '2021-02-10T09:00:00+07:00',
      subject: `000.00.36.H17-210210-9${n}00`,
      datacontenttype: 'application/json',
      data: {
        dossierCode: `000.00.36.H17-210210-9${n}00`,
        procedureCode: catalog[0].code,
        unitCode: catalog[0].unitCode,
        channel: 'online',
        receivedAt: '2021-02-10T09:00:00+07:00',
        dueDate: '2021-02-17',
      },
    }));

    beforeAll(async () => {
      nc = await connect({ servers: nats.url });
      issuedEvents = nc.subscribe(Patterns.reports.issued);
    });
    afterAll(async () => {
      await nc?.close();
    });

    it('freezes version 1, publishes cchc.report.report.issued.v1 and lists it', async () => {
      const res = await reportHost.request('/api/v1/reports/2021-Q1/issue', {
        method: 'POST',
        body: JSON.stringify({ documentNumber: '15/BC-SGDĐT' }),
      });
      expect(res.status).toBe(201);
      v1 = (await res.json()) as IssuedReportInfo;
      expect(v1).toMatchObject({
        period: '2021-Q1',
        window: 'decree09',
        unit: null,
        version: 1,
        documentNumber: '15/BC-SGDĐT',
      });
      expect(v1.contentHash).toMatch(/^[0-9a-f]{64}$/);

      // Nest's NATS serializer wraps an emitted event as { pattern, data }.
      let timer: NodeJS.Timeout | undefined;
      const [message] = await Promise.race([
        (async () => {
          for await (const m of issuedEvents) return [m];
          return [];
        })(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('no issued event within 5 s')), 5000);
        }),
      ]).finally(() => clearTimeout(timer));
      expect(message.json()).toEqual({
        pattern: Patterns.reports.issued,
        data: {
          period: '2021-Q1',
          window: 'decree09',
          unit: null,
          version: 1,
          contentHash: v1.contentHash,
          issuedAt: v1.issuedAt,
        },
      });

      const got = await reportHost.request('/api/v1/reports/2021-Q1?format=json');
      expect(got.headers.get('x-report-version')).toBe('1');
      expect(got.headers.get('x-report-content-hash')).toBe(v1.contentHash);
      frozen = (await got.json()) as ReportModel;
      expect(frozen.version).toEqual({
        status: 'issued',
        version: 1,
        contentHash: v1.contentHash,
        issuedAt: v1.issuedAt,
        documentNumber: '15/BC-SGDĐT',
      });
      expect(frozen.tthc.department).toEqual(await kpis('decree09'));

      const list = await json<IssuedReportInfo[]>(reportHost, '/api/v1/reports');
      expect(list).toContainEqual({ ...v1, issuedBy: expect.any(String) });
      const viewerList = await reportHost.request('/api/v1/reports?period=2021-Q1', { token: viewerToken });
      expect(viewerList.status).toBe(200);
    });

    it('keeps serving the frozen bytes after new events, dated the issue day, while a draft moves', async () => {
      const path = '/api/v1/reports/2021-Q1?format=docx';
      const frozenDocx = await download(reportHost, path);
      const frozenXlsx = await download(reportHost, '/api/v1/reports/2021-Q1?format=xlsx');
      const frozenJson = await download(reportHost, '/api/v1/reports/2021-Q1?format=json');
      await postEvents(late);
      await expectEventually(
        async () =>
          expect((await kpis('decree09')).received.total).toBe(frozen.tthc.department.received.total + 3),
        30_000,
      );

      expect(await report()).toEqual(frozen);
      // The same bytes on every download: a file can be checked against the published hash's version.
      expect((await download(reportHost, path)).equals(frozenDocx)).toBe(true);
      expect((await download(reportHost, '/api/v1/reports/2021-Q1?format=xlsx')).equals(frozenXlsx)).toBe(
        true,
      );
      expect((await download(reportHost, '/api/v1/reports/2021-Q1?format=json')).equals(frozenJson)).toBe(
        true,
      );
      const docx = await readDocx(frozenDocx);
      // The issued document carries its number and its issue date, in Vietnam's calendar day.
      const day = new Date(Date.parse(v1.issuedAt) + 7 * 3_600_000).toISOString().slice(0, 10);
      const [y, m, d] = day.split('-').map(Number);
      expect(docx.tables[0][1]).toEqual([
        'Số: 15/BC-SGDĐT',
        `Đắk Nông, ngày ${String(d).padStart(2, '0')} tháng ${m < 3 ? String(m).padStart(2, '0') : m} năm ${y}`,
      ]);

      const draft = await report('&draft=true');
      expect(draft.version.status).toBe('draft');
      expect(draft.header.dateLine).toBe('Đắk Nông, ngày … tháng … năm …');
      expect(draft.tthc.department.received.total).toBe(frozen.tthc.department.received.total + 3);
      expect(draft.tthc.department).toEqual(await kpis('decree09'));
    });

    it('re-issuing makes version 2 and never overwrites version 1', async () => {
      const res = await reportHost.request('/api/v1/reports/2021-Q1/issue', { method: 'POST' });
      expect(res.status).toBe(201);
      const v2 = (await res.json()) as IssuedReportInfo;
      expect(v2.version).toBe(2);
      expect(v2.contentHash).not.toBe(v1.contentHash);

      const latest = await report();
      expect(latest.version).toMatchObject({ version: 2, contentHash: v2.contentHash });
      expect(latest.tthc.department.received.total).toBe(frozen.tthc.department.received.total + 3);
      expect(await report('&version=1')).toEqual(frozen);
      const versions = (
        await json<IssuedReportInfo[]>(reportHost, '/api/v1/reports?period=2021-Q1&window=decree09')
      ).map((r) => [r.version, r.contentHash]);
      expect(versions).toEqual([
        [2, v2.contentHash],
        [1, v1.contentHash],
      ]);
      // The calendar window has nothing issued: still a draft.
      expect((await report('&window=calendar')).version.status).toBe('draft');
    });
  });

  it("reports only approved progress: an editor's submitted report is absent until a reviewer approves it", async () => {
    const token = async (name: string, role: string, units: string[]): Promise<string> => {
      const res = await planHost.request('/api/v1/auth/tokens', {
        method: 'POST',
        body: JSON.stringify({ name, role, units }),
      });
      expect(res.status).toBe(201);
      return ((await res.json()) as { token: string }).token;
    };
    const editor = await token('Văn phòng nhập tiến độ', 'editor', ['vp']);
    const reviewer = await token('Văn phòng duyệt', 'reviewer', []);
    const file = async (body: object): Promise<ProgressView> => {
      const res = await planHost.request(`/api/v1/plans/${plan.id}/tasks/I.1.1/progress`, {
        method: 'POST',
        token: editor,
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(201);
      return (await res.json()) as ProgressView;
    };
    const taskIn = (model: ReportModel) =>
      model.sections.flatMap((s) => s.tasks).find((t) => t.code === 'I.1.1')!;

    // "Quý I": the Decree 09 Q1 ends on 14/3, the calendar one on 31/3; one document in each.
    const submitted = await file({
      period: '2021-Q1',
      status: 'in_progress',
      percent: 60,
      note: 'Dự thảo quyết định kiện toàn Ban chỉ đạo',
      evidence: [
        { docNo: '12/TTr-VP', date: '2021-02-10', title: 'Tờ trình kiện toàn Ban chỉ đạo' },
        { docNo: '30/QĐ-SGDĐT', date: '2021-03-20', title: 'Quyết định kiện toàn Ban chỉ đạo' },
      ],
    });
    expect(submitted.review.state).toBe('submitted');
    const before = taskIn(await report('&window=decree09&draft=true'));
    expect(before).toMatchObject({
      status: 'not_reported',
      reportedStatus: null,
      progress: null,
      evidence: [],
    });

    const approve = await planHost.request(
      `/api/v1/plans/${plan.id}/tasks/I.1.1/progress/${submitted.id}/approve`,
      { method: 'POST', token: reviewer, body: JSON.stringify({}) },
    );
    expect(approve.status).toBe(200);
    // A newer report waiting for review does not displace the approved one.
    expect(
      (await file({ period: '2021-Q1', status: 'completed', percent: 100, evidence: [] })).review.state,
    ).toBe('submitted');

    const nd09 = taskIn(await report('&window=decree09&draft=true'));
    expect(nd09).toMatchObject({ status: 'in_progress', reportedStatus: 'in_progress' });
    expect(nd09.progress).toMatchObject({ period: '2021-Q1', percent: 60 });
    // Evidence only from the report's window: the decision of 20/3 is after the Decree 09 cut-off.
    expect(nd09.evidence.map((e) => e.docNo)).toEqual(['12/TTr-VP']);
    const calendar = taskIn(await report('&window=calendar&draft=true'));
    expect(calendar.status).toBe('in_progress');
    expect(calendar.evidence.map((e) => e.docNo)).toEqual(['12/TTr-VP', '30/QĐ-SGDĐT']);
    // The same status plan-management itself gives for the period's end (one §6 rule).
    const planAtCutoff = await json<PlanView>(planHost, `/api/v1/plans/${plan.id}?asOf=2021-03-14`);
    expect(planAtCutoff.statusPeriod).toBe('2021-Q1');
    expect(planAtCutoff.tasks.find((t) => t.code === 'I.1.1')!.status).toBe(nd09.status);
  });

  it('exports report generation count and duration by format', async () => {
    const metrics = await (await reportHost.request('/metrics', { token: null })).text();
    for (const format of ['json', 'xlsx', 'docx']) {
      expect(metrics).toMatch(
        new RegExp(`cchc_reports_generated_total\\{format="${format}",outcome="success"\\} [1-9]`),
      );
      expect(metrics).toMatch(
        new RegExp(`cchc_report_generation_duration_seconds_count\\{format="${format}"\\} [1-9]`),
      );
    }
  });

  // Last: stops tthc-metrics for good. NATS tells at once that nothing subscribes any more (a
  // source that is up but silent runs into SOURCE_TIMEOUT_MS instead; the unit tests cover that).
  it('answers 503 naming tthc-metrics when it is stopped, and still serves issued versions', async () => {
    await tthcHost.stop();
    const res = await reportHost.request('/api/v1/reports/2021-Q1?format=json&draft=true');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('30');
    expect(await res.json()).toEqual({
      statusCode: 503,
      code: 'SOURCE_UNAVAILABLE',
      message: 'tthc-metrics did not answer: no instance of it is running',
    });
    const issue = await reportHost.request('/api/v1/reports/2021-Q1/issue?window=calendar', {
      method: 'POST',
    });
    expect(issue.status).toBe(503);
    expect(((await issue.json()) as { message: string }).message).toMatch(/^tthc-metrics did not answer/);
    const metrics = await (await reportHost.request('/metrics', { token: null })).text();
    expect(metrics).toMatch(/cchc_reports_generated_total\{format="json",outcome="error"\} [1-9]/);
    // A frozen version needs no source.
    const issued = await reportHost.request('/api/v1/reports/2021-Q1?format=docx');
    expect(issued.status).toBe(200);
  });
});

// The all-in-one start: the three services in one process on the in-process transport, the 2021
// plan and the catalog loaded at start-up. Same handlers, no broker.
describe('reporting in the all-in-one process (in-process transport)', () => {
  let pg: TestPostgres;
  let host: TestHost;
  const stream = generateEventStream({ from: '2021-01-01', to: '2021-03-31', seed: 7, dossiers: 80 });

  beforeAll(async () => {
    pg = await startTestPostgres();
    host = await startTestHost({
      service: 'all-in-one',
      features: [PlanManagementModule, TthcMetricsModule, ReportingModule],
      databaseUrl: pg.url,
    });
    const res = await host.request('/api/v1/tthc/events', {
      method: 'POST',
      body: JSON.stringify(stream),
      headers: { 'Content-Type': 'application/cloudevents-batch+json' },
    });
    expect(res.status).toBe(200);
  });

  afterAll(async () => {
    await host?.stop();
    await pg?.stop();
  });

  it('builds the 2021-Q1 report from the seeded plan and the live KPIs, in every format', async () => {
    const model = (await (await host.request('/api/v1/reports/2021-Q1?format=json')).json()) as ReportModel;
    const calendar = (await (await host.request('/api/v1/tthc/kpis?period=2021-Q1')).json()) as KpiResult;
    expect(calendar.received.total).toBe(80);
    // Reports default to the Decree 09 window (15/12/2020–14/3/2021).
    const kpis = (await (
      await host.request('/api/v1/tthc/kpis?period=2021-Q1&window=decree09')
    ).json()) as KpiResult;
    expect(model.period).toMatchObject({ window: 'decree09', from: '2020-12-15', to: '2021-03-14' });
    expect(model.tthc.department).toEqual(kpis);
    expect(model.annex.rows[0].figures.received).toBe(kpis.received.total);
    expect(model.sections.flatMap((s) => s.tasks)).toHaveLength(46);
    for (const [format, type] of [
      ['xlsx', XLSX],
      ['docx', DOCX],
    ] as const) {
      const res = await host.request(`/api/v1/reports/2021-Q1?format=${format}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(type);
      // CI renders these pages with LibreOffice when it is installed (.ci/run, scripts/render-report.sh).
      const sampleDir = process.env.REPORT_SAMPLE_DIR;
      if (sampleDir)
        writeFileSync(join(sampleDir, `bao-cao-2021-Q1.${format}`), Buffer.from(await res.arrayBuffer()));
    }
    const issued = await host.request('/api/v1/reports/2021-Q1/issue', { method: 'POST' });
    expect(issued.status).toBe(201);
    expect(((await issued.json()) as IssuedReportInfo).version).toBe(1);
  });
});
