import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadPlanYaml, writtenUnits, type PlanDocument } from './plan-document';
import { parseTimeframe } from './timeframe';

// The seed that the first all-in-one start loads, checked against Decision 1634/QĐ-SGDĐT
// (shared/seed/ke-hoach-cchc-2021.txt). npm runs Jest from the repository root.
const SEED = resolve(process.cwd(), 'services/plan-management/seed/ke-hoach-cchc-2021.yaml');

function loadSeed(): PlanDocument {
  const result = loadPlanYaml(readFileSync(SEED, 'utf8'));
  if (!result.ok) throw new Error(`seed plan is invalid: ${JSON.stringify(result.errors, null, 2)}`);
  return result.plan;
}

const plan = loadSeed();
const tasks = plan.sections.flatMap((section) => section.tasks);
const task = (code: string) => {
  const found = tasks.find((t) => t.code === code);
  if (!found) throw new Error(`no task ${code}`);
  return found;
};
// A task's units as its row writes them.
const lead = (code: string) => writtenUnits(task(code).leadUnits, plan.units).names;
const coordinating = (code: string) => writtenUnits(task(code).coordinatingUnits, plan.units).names;

describe('ke-hoach-cchc-2021.yaml', () => {
  it('carries the decision that issued the plan', () => {
    expect(plan.year).toBe(2021);
    expect(plan.title).toBe('Kế hoạch cải cách hành chính Sở Giáo dục và Đào tạo năm 2021');
    expect(plan.decision).toEqual({
      number: '1634/QĐ-SGDĐT',
      date: '2020-12-30',
      issuer: 'Sở Giáo dục và Đào tạo tỉnh Đắk Nông',
      signer: 'Nguyễn Văn Toàn',
      signerTitle: 'Giám đốc',
    });
  });

  it('has the seven sections I to VII with their titles as written', () => {
    expect(plan.sections.map((s) => [s.code, s.title])).toEqual([
      ['I', 'CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH'],
      ['II', 'CẢI CÁCH THỂ CHẾ'],
      ['III', 'CẢI CÁCH THỦ TỤC HÀNH CHÍNH'],
      ['IV', 'CẢI CÁCH TỔ CHỨC BỘ MÁY'],
      ['V', 'XÂY DỰNG VÀ NÂNG CAO CHẤT LƯỢNG ĐỘI NGŨ CBCC'],
      ['VI', 'CẢI CÁCH TÀI CHÍNH CÔNG'],
      ['VII', 'XÂY DỰNG CHÍNH QUYỀN ĐIỆN TỬ'],
    ]);
  });

  it('has 46 tasks, 8-6-11-4-5-4-8 by section', () => {
    expect(tasks).toHaveLength(46);
    expect(plan.sections.map((s) => s.tasks.length)).toEqual([8, 6, 11, 4, 5, 4, 8]);
  });

  it('has the 7 objectives and 5 requirements, numbered as written', () => {
    expect(plan.objectives.map((o) => o.code)).toEqual(['1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '1.7']);
    expect(plan.requirements.map((r) => r.code)).toEqual(['1.1', '1.2', '1.3', '1.4', '1.5']);
  });

  it('gives numeric targets only to the objectives that state a figure', () => {
    expect(Object.fromEntries(plan.objectives.map((o) => [o.code, o.target]))).toEqual({
      '1.1': { value: 100, unit: '%' },
      '1.2': { value: 100, unit: '%' },
      '1.3': null,
      '1.4': { value: 10, unit: '%' },
      '1.5': { value: 100, unit: '%' },
      '1.6': null,
      '1.7': null,
    });
  });

  it('joins requirement 1.4 across the page break', () => {
    expect(plan.requirements[3].text).toContain('hành chính công, chất lượng dịch vụ hành chính công');
  });

  it('budgets 42 million VND in total, on the five tasks that carry a figure', () => {
    const budgeted = tasks.filter((t) => t.budgetMillionVnd !== null);
    expect(Object.fromEntries(budgeted.map((t) => [t.code, t.budgetMillionVnd]))).toEqual({
      'I.1.2': 5,
      'I.1.3': 10,
      'I.3.1': 2,
      'I.4.1': 20,
      'I.5.3': 5,
    });
    expect(budgeted.reduce((sum, t) => sum + (t.budgetMillionVnd ?? 0), 0)).toBe(42);
  });

  it("keeps section I's groups as numbered in the plan, which skips 2", () => {
    expect(plan.sections[0].groups).toEqual([
      { code: '1', title: 'Kiện toàn tổ chức, tổ chức họp' },
      { code: '3', title: 'Tổ chức đánh giá chỉ số CCHC' },
      { code: '4', title: 'Kiểm tra công tác CCHC' },
      { code: '5', title: 'Công tác tuyên truyền CCHC' },
    ]);
  });

  it('numbers the rows the plan left unnumbered after the last number of their group or section', () => {
    expect(task('I.3.1')).toMatchObject({ group: '3', leadUnits: ['to-danh-gia'] });
    expect(task('I.4.1')).toMatchObject({ group: '4', content: 'Kiểm tra công tác CCHC' });
    expect(task('III.4.1').group).toBe('4');
    expect(task('IV.1.1').group).toBe('1');
    expect(task('IV.3.1').group).toBe('3');
    expect(task('V.5')).toMatchObject({
      content: 'Triển khai đúng tiến độ kế hoạch đào tạo, bồi dưỡng cán bộ, công chức, viên chức năm 2021',
    });
    expect(task('V.5').group).toBeUndefined();
  });

  it('transcribes I.1.2 as the plan writes it', () => {
    expect(task('I.1.2')).toEqual({
      code: 'I.1.2',
      group: '1',
      content: 'Họp Ban chỉ đạo CCHC định kỳ quý, 6 tháng, năm',
      products: ['Các nội dung CCHC được đánh giá, triển khai;'],
      leadUnits: ['vp'],
      coordinatingUnits: ['cac-phong'],
      timeframe: 'Tháng 01- Tháng 12',
      budgetMillionVnd: 5,
    });
    expect(plan.units.find((u) => u.code === 'vp')?.name).toBe('Văn phòng');
  });

  it('strips the trailing dot of "1.3." from the task code', () => {
    expect(task('III.1.3').content).toBe(
      'Rà soát, đánh giá, đơn giản hóa TTHC kiến nghị cơ quan có thẩm quyền sửa đổi, bổ sung, hoặc bãi bỏ',
    );
  });

  it('attaches rows continued after a page break to the row above', () => {
    expect(coordinating('I.5.3')).toEqual(['Các đơn vị trực thuộc', 'các phòng thuộc Sở']);
    expect(task('II.6').products).toEqual(['Báo cáo tổng hợp của Sở Tư pháp.', 'Báo cáo của Sở GD&ĐT.']);
    expect(task('III.2.1').timeframe).toBe('Quyết định sửa đổi bổ sung, thay thế của Bộ GDĐT');
  });

  it('splits bulleted products into items, keeping their punctuation', () => {
    expect(task('I.4.1').products).toEqual([
      'Quyết định thành lập đoàn Kiểm tra;',
      'Kế hoạch kiểm tra;',
      'Báo cáo kết quả.',
    ]);
    expect(task('III.5.2').products).toEqual([
      '100% TTHC trễ hạn phải ban hành văn bản xin lỗi đúng thẩm quyền theo quy định;',
      'báo cáo kết quả.',
    ]);
  });

  it('names Văn phòng Sở as an alias of Văn phòng, which leads VII.6 with the units under the Department', () => {
    expect(plan.units.find((u) => u.code === 'vp')?.aliases).toContain('Văn phòng Sở');
    expect(writtenUnits(task('VII.6').leadUnits, plan.units)).toEqual({
      codes: ['vp', 'cac-don-vi-truc-thuoc'],
      names: ['Văn phòng Sở', 'Các đơn vị trực thuộc'],
    });
  });

  it("writes each task's units as its row does, case included and the table's ';' dropped", () => {
    expect(lead('VII.7')).toEqual(['Văn phòng Sở']);
    expect(lead('VII.8')).toEqual(['Văn phòng Sở']);
    expect(lead('VII.5')).toEqual(['Văn phòng']);
    expect(coordinating('I.1.1')).toEqual(['Các đơn vị trực thuộc', 'các phòng thuộc Sở']);
    // III.5.2 names the same two groups both ways round, in different case.
    expect(lead('III.5.2')).toEqual(['Các đơn vị trực thuộc', 'các phòng thuộc Sở']);
    expect(coordinating('III.5.2')).toEqual(['Các phòng thuộc Sở', 'Các đơn vị trực thuộc']);
    expect(lead('III.3.1')).toEqual(['Các phòng thuộc Sở', 'các đơn vị trực thuộc']);
    expect(lead('III.3.2')).toEqual(['Các phòng thuộc Sở']);
    // "Các đơn vị trực thuộc;" and nothing continued under it.
    expect(coordinating('IV.3.1')).toEqual(['Các đơn vị trực thuộc']);
  });

  it("spells a task's unit out only where the row's wording differs from the unit's name", () => {
    const names = new Map(plan.units.map((u) => [u.code, u.name]));
    const redundant = tasks.flatMap((t) =>
      [...t.leadUnits, ...t.coordinatingUnits].filter(
        (ref) => typeof ref !== 'string' && ref.as === names.get(ref.code),
      ),
    );
    expect(redundant).toEqual([]);
  });

  it('parses every timeframe, with a date range wherever the text gives one', () => {
    const kinds = Object.fromEntries(tasks.map((t) => [t.code, parseTimeframe(t.timeframe, plan.year)]));
    expect(kinds['I.1.1']).toMatchObject({ kind: 'quarter', start: '2021-01-01', end: '2021-03-31' });
    expect(kinds['III.1.1']).toMatchObject({ kind: 'months', start: '2020-12-01', end: '2020-12-31' });
    expect(kinds['VII.1']).toMatchObject({ kind: 'months', start: '2021-01-01', end: '2021-02-28' });
    expect(kinds['I.5.3']).toMatchObject({ kind: 'months', start: '2021-10-01', end: '2021-11-30' });
    expect(kinds['III.1.2'].kind).toBe('recurring');
    for (const code of ['I.1.3', 'III.2.1', 'III.2.2', 'VII.8']) {
      expect(kinds[code]).toMatchObject({ kind: 'event', start: null, end: null });
    }
    const undated = Object.values(kinds).filter(
      (t) => t.kind !== 'event' && (t.start === null || t.end === null),
    );
    expect(undated).toEqual([]);
  });
});
