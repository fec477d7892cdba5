import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import type { PlanView } from '@cchc/contracts';
import { startTestHost, startTestPostgres, type TestHost, type TestPostgres } from '@cchc/testing';
import { PlanManagementModule } from '../src/plan-management.module';
import { SEED_PLAN_PATH } from '../src/plans/plans.constants';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// The plan as a workbook in the shape of its own table: exported from one deployment, imported
// into another, it is the same plan (architecture.md §6, revision 2).
describe('plan XLSX export and import (real PostgreSQL)', () => {
  let pgs: TestPostgres[];
  let source: TestHost;
  let target: TestHost;
  let plan: PlanView;

  beforeAll(async () => {
    pgs = await Promise.all([startTestPostgres(), startTestPostgres()]);
    [source, target] = await Promise.all(
      pgs.map((pg) =>
        startTestHost({ service: 'plan-management', features: [PlanManagementModule], databaseUrl: pg.url }),
      ),
    );
    const res = await source.request('/api/v1/plans/import', {
      method: 'POST',
      body: readFileSync(SEED_PLAN_PATH, 'utf8'),
      headers: { 'Content-Type': 'application/yaml' },
    });
    expect(res.status).toBe(201);
    plan = (await res.json()) as PlanView;
  });

  afterAll(async () => {
    await Promise.all([source?.stop(), target?.stop()]);
    await Promise.all((pgs ?? []).map((pg) => pg.stop()));
  });

  async function exported(): Promise<ArrayBuffer> {
    const res = await source.request(`/api/v1/plans/${plan.id}?format=xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(XLSX);
    return res.arrayBuffer();
  }

  it('exports the 2021 plan and imports it back as the same plan', async () => {
    const data = await exported();
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(data);
    expect(book.worksheets.map((w) => w.name)).toEqual([
      'Kế hoạch',
      'Thông tin',
      'Mục tiêu',
      'Yêu cầu',
      'Đơn vị',
    ]);

    const res = await target.request('/api/v1/plans/import', {
      method: 'POST',
      body: Buffer.from(data),
      headers: { 'Content-Type': XLSX },
    });
    expect(res.status).toBe(201);
    const imported = (await res.json()) as PlanView;
    const comparable = (p: PlanView) => ({ ...p, id: undefined });
    const original = (await (await source.request(`/api/v1/plans/${plan.id}`)).json()) as PlanView;
    expect(comparable(imported)).toEqual(comparable(original));
    expect(imported.tasks).toHaveLength(46);
    expect(imported.budgetTotalMillionVnd).toBe(42);
  });

  it('imports nothing from a workbook with a bad row, and names the row', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await exported());
    const sheet = book.getWorksheet('Kế hoạch')!;
    let badRow = 0;
    sheet.eachRow((row, n) => {
      if (row.getCell(1).text === '1.2' && row.getCell(2).text.startsWith('Họp Ban chỉ đạo')) {
        row.getCell(7).value = -5;
        badRow = n;
      }
    });
    book.getWorksheet('Thông tin')!.getCell('B3').value = '9999/QĐ-TEST';
    const res = await target.request('/api/v1/plans/import', {
      method: 'POST',
      body: Buffer.from(await book.xlsx.writeBuffer()),
      headers: { 'Content-Type': XLSX },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: Array<{ path: string; message: string }> };
    expect(body.errors).toEqual([
      {
        path: `Kế hoạch, dòng ${badRow}, cột Kinh phí (triệu đồng)`,
        message: expect.stringContaining(`row ${badRow}`),
      },
    ]);
    const plans = (await (await target.request('/api/v1/plans')).json()) as PlanView[];
    expect(plans.map((p) => p.decision.number)).toEqual(['1634/QĐ-SGDĐT']);
  });

  it('answers 400, not 500, to bytes that are not a workbook', async () => {
    const res = await target.request('/api/v1/plans/import', {
      method: 'POST',
      body: 'not a workbook',
      headers: { 'Content-Type': XLSX },
    });
    expect(res.status).toBe(400);
  });
});
