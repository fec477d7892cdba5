import { describe, expect, it } from '@jest/globals';
import { loadPlanYaml, parsePlanDocument, writtenUnits, type PlanDocument } from './plan-document';

// A small plan in the seed's shape; each test breaks one thing.
function minimalPlan(): PlanDocument {
  return {
    year: 2021,
    title: 'Kế hoạch cải cách hành chính Sở Giáo dục và Đào tạo năm 2021',
    decision: {
      number: '1634/QĐ-SGDĐT',
      date: '2020-12-30',
      issuer: 'Sở Giáo dục và Đào tạo tỉnh Đắk Nông',
      signer: 'Nguyễn Văn Toàn',
      signerTitle: 'Giám đốc',
    },
    units: [
      { code: 'vp', name: 'Văn phòng', aliases: ['Văn phòng Sở'] },
      { code: 'cac-phong', name: 'Các phòng thuộc Sở', aliases: [] },
    ],
    objectives: [
      {
        code: '1.1',
        text: '100% CBCC, VC được phổ biến',
        target: { value: 100, unit: '%' },
        kpi: null,
        tasks: [],
      },
    ],
    requirements: [{ code: '1.1', text: 'Tăng cường kiểm tra' }],
    sections: [
      {
        code: 'I',
        title: 'CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH',
        groups: [{ code: '1', title: 'Kiện toàn tổ chức, tổ chức họp' }],
        tasks: [
          {
            code: 'I.1.2',
            group: '1',
            content: 'Họp Ban chỉ đạo CCHC định kỳ quý, 6 tháng, năm',
            products: ['Các nội dung CCHC được đánh giá, triển khai;'],
            leadUnits: ['vp'],
            coordinatingUnits: ['cac-phong'],
            timeframe: 'Tháng 01- Tháng 12',
            budgetMillionVnd: 5,
          },
        ],
      },
      {
        code: 'II',
        title: 'CẢI CÁCH THỂ CHẾ',
        groups: [],
        tasks: [
          {
            code: 'II.1',
            content: 'Kiểm tra, rà soát',
            products: ['Kế hoạch;', 'Báo cáo.'],
            leadUnits: ['vp'],
            coordinatingUnits: [],
            timeframe: 'Thường xuyên',
            budgetMillionVnd: null,
          },
        ],
      },
    ],
  };
}

describe(parsePlanDocument.name, () => {
  it('accepts a well-formed plan as it is', () => {
    expect(parsePlanDocument(minimalPlan())).toEqual({ ok: true, plan: minimalPlan() });
  });

  it('fills the lists and the budget a plan may leave out', () => {
    const plan = minimalPlan();
    const { groups: _groups, ...section } = plan.sections[1];
    const { coordinatingUnits: _units, budgetMillionVnd: _budget, ...task } = section.tasks[0];
    const { aliases: _aliases, ...unit } = plan.units[1];
    const input = {
      ...plan,
      units: [plan.units[0], unit],
      sections: [plan.sections[0], { ...section, tasks: [task] }],
    };
    expect(parsePlanDocument(input)).toEqual({ ok: true, plan });
  });

  it('names the field of a negative budget with its full path', () => {
    const plan = minimalPlan();
    plan.sections[1].tasks[0].budgetMillionVnd = -1;
    expect(parsePlanDocument(plan)).toEqual({
      ok: false,
      errors: [{ path: 'sections[1].tasks[0].budgetMillionVnd', message: 'must be ≥ 0' }],
    });
  });

  it('reports every shape error at once', () => {
    const plan = minimalPlan();
    const result = parsePlanDocument({
      ...plan,
      year: '2021',
      decision: { ...plan.decision, date: '30/12/2020' },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.path)).toEqual(['year', 'decision.date']);
  });

  it('rejects fields it does not know, so a misspelt key is not silently dropped', () => {
    const plan = minimalPlan();
    Object.assign(plan.sections[0].tasks[0], { budget: 5 });
    const result = parsePlanDocument(plan);
    expect(result).toMatchObject({ ok: false, errors: [{ path: 'sections[0].tasks[0]' }] });
  });

  it('rejects a unit code outside [a-z0-9-]{1,32}', () => {
    const plan = minimalPlan();
    plan.units[0].code = 'Văn phòng';
    const result = parsePlanDocument(plan);
    expect(result).toMatchObject({ ok: false, errors: [{ path: 'units[0].code' }] });
  });

  it('rejects a duplicate task code, pointing at both places', () => {
    const plan = minimalPlan();
    plan.sections[1].tasks.push({ ...plan.sections[1].tasks[0] });
    expect(parsePlanDocument(plan)).toEqual({
      ok: false,
      errors: [
        {
          path: 'sections[1].tasks[1].code',
          message: 'duplicate "II.1" (first at sections[1].tasks[0].code)',
        },
      ],
    });
  });

  it("keeps an objective's linked tasks and rejects a code the plan does not have, or one linked twice", () => {
    const plan = minimalPlan();
    plan.objectives[0].tasks = ['II.1', 'I.1.2'];
    expect(parsePlanDocument(plan)).toEqual({ ok: true, plan });
    plan.objectives[0].tasks = ['II.1', 'II.9', 'II.1'];
    expect(parsePlanDocument(plan)).toEqual({
      ok: false,
      errors: [
        { path: 'objectives[0].tasks[1]', message: 'no task "II.9" in the plan' },
        { path: 'objectives[0].tasks[2]', message: 'duplicate "II.1" (first at objectives[0].tasks[0])' },
      ],
    });
  });

  it('rejects a task code that does not start with its section code', () => {
    const plan = minimalPlan();
    plan.sections[1].tasks[0].code = 'III.1';
    expect(parsePlanDocument(plan)).toEqual({
      ok: false,
      errors: [{ path: 'sections[1].tasks[0].code', message: 'must start with its section code "II."' }],
    });
  });

  it('rejects a reference to a group the section does not have', () => {
    const plan = minimalPlan();
    plan.sections[0].tasks[0].group = '2';
    expect(parsePlanDocument(plan)).toEqual({
      ok: false,
      errors: [{ path: 'sections[0].tasks[0].group', message: 'no group "2" in section I' }],
    });
  });

  it('rejects a task numbered outside its group', () => {
    const plan = minimalPlan();
    plan.sections[0].groups.push({ code: '3', title: 'Tổ chức đánh giá chỉ số CCHC' });
    plan.sections[0].tasks[0].group = '3';
    expect(parsePlanDocument(plan)).toMatchObject({
      ok: false,
      errors: [{ path: 'sections[0].tasks[0].code' }],
    });
  });

  it('rejects lead and coordinating units that are not declared', () => {
    const plan = minimalPlan();
    plan.sections[0].tasks[0].leadUnits = ['vp', 'thanh-tra'];
    plan.sections[0].tasks[0].coordinatingUnits = ['to-danh-gia'];
    expect(parsePlanDocument(plan)).toEqual({
      ok: false,
      errors: [
        { path: 'sections[0].tasks[0].leadUnits[1]', message: 'unknown unit "thanh-tra"' },
        { path: 'sections[0].tasks[0].coordinatingUnits[0]', message: 'unknown unit "to-danh-gia"' },
      ],
    });
  });

  it("keeps a unit written in the row's own words next to bare codes", () => {
    const plan = minimalPlan();
    plan.sections[0].tasks[0].leadUnits = [{ code: 'vp', as: 'Văn phòng Sở' }];
    plan.sections[0].tasks[0].coordinatingUnits = [{ code: 'cac-phong', as: 'các phòng thuộc Sở' }, 'vp'];
    expect(parsePlanDocument(plan)).toEqual({ ok: true, plan });
  });

  it('rejects a written unit whose code is not declared, pointing at the code', () => {
    const plan = minimalPlan();
    plan.sections[0].tasks[0].leadUnits = [{ code: 'vp-so', as: 'Văn phòng Sở' }];
    expect(parsePlanDocument(plan)).toEqual({
      ok: false,
      errors: [{ path: 'sections[0].tasks[0].leadUnits[0].code', message: 'unknown unit "vp-so"' }],
    });
  });

  it('rejects a written unit with an empty or missing text', () => {
    const plan = minimalPlan();
    plan.sections[0].tasks[0].leadUnits = [{ code: 'vp', as: ' ' }];
    Object.assign(plan.sections[0].tasks[0], { coordinatingUnits: [{ code: 'cac-phong' }] });
    expect(parsePlanDocument(plan)).toEqual({
      ok: false,
      errors: [
        { path: 'sections[0].tasks[0].leadUnits[0].as', message: 'must not be empty' },
        {
          path: 'sections[0].tasks[0].coordinatingUnits[0]',
          message: 'must be a unit code, or { code, as } with the unit as the row writes it',
        },
      ],
    });
  });

  it('accepts a name or alias in any case as a written unit, and rejects one the unit does not answer to', () => {
    const plan = minimalPlan();
    plan.sections[0].tasks[0].leadUnits = [{ code: 'vp', as: 'văn phòng sở' }];
    plan.sections[0].tasks[0].coordinatingUnits = [{ code: 'cac-phong', as: 'Văn phòng' }];
    expect(parsePlanDocument(plan)).toEqual({
      ok: false,
      errors: [
        {
          path: 'sections[0].tasks[0].coordinatingUnits[0].as',
          message: '"Văn phòng" is not a name or alias of unit "cac-phong"',
        },
      ],
    });
  });

  it('rejects two units answering to the same name', () => {
    const plan = minimalPlan();
    plan.units[1].aliases = ['văn phòng'];
    expect(parsePlanDocument(plan)).toMatchObject({ ok: false, errors: [{ path: 'units[1].aliases[0]' }] });
  });

  it('rejects a timeframe that looks like a date but names none', () => {
    const plan = minimalPlan();
    plan.sections[0].tasks[0].timeframe = 'Tháng 01- Tháng 13';
    expect(parsePlanDocument(plan)).toMatchObject({
      ok: false,
      errors: [{ path: 'sections[0].tasks[0].timeframe' }],
    });
  });

  it('stores texts in NFC so that decomposed input compares equal', () => {
    const plan = minimalPlan();
    plan.sections[0].tasks[0].content = plan.sections[0].tasks[0].content.normalize('NFD');
    const result = parsePlanDocument(plan);
    expect(result.ok && result.plan.sections[0].tasks[0].content).toBe(
      'Họp Ban chỉ đạo CCHC định kỳ quý, 6 tháng, năm'.normalize('NFC'),
    );
  });

  it('rejects something that is not a plan at all', () => {
    expect(parsePlanDocument(null)).toMatchObject({ ok: false, errors: [{ path: '' }] });
  });
});

describe(writtenUnits.name, () => {
  it("gives the codes and the names as written, the unit's name where the row uses it", () => {
    const { units } = minimalPlan();
    expect(writtenUnits([{ code: 'vp', as: 'Văn phòng Sở' }, 'cac-phong'], units)).toEqual({
      codes: ['vp', 'cac-phong'],
      names: ['Văn phòng Sở', 'Các phòng thuộc Sở'],
    });
    expect(writtenUnits([], units)).toEqual({ codes: [], names: [] });
  });
});

describe(loadPlanYaml.name, () => {
  it('reads a plan written in YAML', () => {
    const yaml = JSON.stringify(minimalPlan()); // JSON is YAML too
    expect(loadPlanYaml(yaml)).toMatchObject({ ok: true, plan: { year: 2021 } });
  });

  it('reads units written in flow style as the seed writes them', () => {
    const plan = minimalPlan();
    const yaml = JSON.stringify(plan).replace(
      '"leadUnits":["vp"]',
      `"leadUnits": [{ code: vp, as: 'Văn phòng Sở' }, cac-phong]`,
    );
    const result = loadPlanYaml(yaml);
    expect(result.ok && result.plan.sections[0].tasks[0].leadUnits).toEqual([
      { code: 'vp', as: 'Văn phòng Sở' },
      'cac-phong',
    ]);
  });

  it('reports a YAML syntax error with its line and an empty path', () => {
    const result = loadPlanYaml('year: 2021\ntitle: [unclosed\nunits: []\n');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toEqual({ path: '', message: expect.stringMatching(/^line \d+, column \d+: /) });
  });

  it('reports a key written twice instead of keeping the last one', () => {
    const result = loadPlanYaml('year: 2021\nyear: 2022\n');
    expect(result).toMatchObject({
      ok: false,
      errors: [{ path: '', message: expect.stringMatching(/^line 2, /) }],
    });
  });

  it('validates the YAML content like any other input', () => {
    const result = loadPlanYaml('year: 2021\n');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.path)).toEqual([
      'title',
      'decision',
      'units',
      'objectives',
      'requirements',
      'sections',
    ]);
  });
});
