import { describe, expect, it } from '@jest/globals';

import { kpiResult, kpisByUnit, reportInput, UNIT_FIGURES } from '../../test/fixtures/report-input';
import { buildReport } from './report-builder';
import {
  buildNarrative,
  describeApology,
  describeBudget,
  describeDossiers,
  describeFeedback,
  describeOnlineDossiers,
  describePostal,
  describeSectionProgress,
  describeTask,
  formatDate,
  formatNumber,
  formatPercent,
  sectionHeading,
} from './report-narrative';

const NO_FIGURES = {
  online: 0,
  direct: 0,
  postal: 0,
  carriedOver: 0,
  early: 0,
  onTime: 0,
  late: 0,
  withinTime: 0,
  overdue: 0,
  withdrawn: 0,
  withApology: 0,
  level3or4: 0,
  proceduresTotal: 0,
  postalReturned: 0,
  feedback: { received: 0, resolved: 0, resolvedOnTime: 0, pending: 0, overdue: 0 },
};

describe('Vietnamese number formats', () => {
  it('groups thousands with dots and writes decimals with a comma', () => {
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(999)).toBe('999');
    expect(formatNumber(1234)).toBe('1.234');
    expect(formatNumber(1234567)).toBe('1.234.567');
    expect(formatNumber(8.5, 1)).toBe('8,5');
    expect(formatNumber(42, 2)).toBe('42');
    expect(formatNumber(1234.25, 2)).toBe('1.234,25');
  });

  it('writes ratios as percentages with one decimal, without a trailing ",0"', () => {
    expect(formatPercent(1076 / 1100)).toBe('97,8%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(0.9)).toBe('90%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(0.5625)).toBe('56,3%');
  });

  it('never rounds a shortfall up to 100% or a non-zero share down to 0%', () => {
    expect(formatPercent(9999 / 10000)).toBe('99,9%');
    expect(formatPercent(1 / 5000)).toBe('0,1%');
  });

  it('writes dates day first', () => {
    expect(formatDate('2021-03-31')).toBe('31/03/2021');
  });
});

describe(buildNarrative.name, () => {
  const narrative = buildReport(reportInput()).narrative;

  it('states the achievements of the period', () => {
    expect(narrative.achievements).toEqual([
      'Kế hoạch cải cách hành chính năm 2021 có 6 nhiệm vụ; đến ngày 31/03/2021 đã hoàn thành 1 nhiệm vụ, đang triển khai 1 nhiệm vụ.',
      'Mục tiêu 1.1 đạt 100%, hoàn thành chỉ tiêu đề ra.',
      'Tiếp nhận 1.234 hồ sơ (kỳ trước chuyển sang 100, tiếp nhận mới 1.134), trong đó 45,9% hồ sơ tiếp nhận mới nộp trực tuyến (520 hồ sơ), 600 hồ sơ nộp trực tiếp, 14 hồ sơ qua dịch vụ bưu chính công ích.',
      'Đã giải quyết 1.100 hồ sơ (trước hạn 800, đúng hạn 276, quá hạn 24); tỷ lệ giải quyết trước hạn, đúng hạn đạt 97,8%.',
      'Đang giải quyết 131 hồ sơ (trong hạn 127, quá hạn 4).',
      'Có 3 hồ sơ được rút theo đề nghị của tổ chức, cá nhân.',
      'Đã ban hành văn bản xin lỗi đối với 25/28 hồ sơ trễ hạn (đạt 89,3%).',
      'Có 45/80 TTHC được cung cấp dịch vụ công trực tuyến mức độ 3, 4 (đạt 56,3%).',
      'Trả 20 kết quả giải quyết TTHC qua dịch vụ bưu chính công ích.',
      'Trong kỳ, tiếp nhận 5 phản ánh, kiến nghị của cá nhân, tổ chức; đã xử lý 4 (đúng hạn 4); đang xử lý 1.',
    ]);
  });

  it("states the shortfalls against the plan's 100% targets, objectives and schedule", () => {
    expect(narrative.shortfalls).toEqual([
      'Tỷ lệ hồ sơ giải quyết trước hạn, đúng hạn đạt 97,8%, chưa đạt chỉ tiêu 100% (24 hồ sơ giải quyết quá hạn).',
      'Còn 4 hồ sơ đang giải quyết đã quá hạn.',
      'Còn 3 hồ sơ trễ hạn chưa có văn bản xin lỗi; tỷ lệ hồ sơ trễ hạn có văn bản xin lỗi đạt 89,3%, chưa đạt chỉ tiêu 100%.',
      'Mục tiêu 1.4 đạt 8,5%, chưa đạt chỉ tiêu 10%.',
      'Có 2/6 nhiệm vụ của Kế hoạch chậm tiến độ so với thời gian đề ra.',
      'Có 1 nhiệm vụ đã đến thời gian thực hiện nhưng chưa triển khai.',
    ]);
  });

  it('names the units needing attention, lowest on-time rate first, then the overdue plan tasks', () => {
    expect(narrative.attention).toEqual([
      'Phòng Giáo dục Trung học: tỷ lệ giải quyết trước hạn, đúng hạn thấp nhất trong các đơn vị (96,5%); còn 2 hồ sơ đang giải quyết quá hạn; 3 hồ sơ trễ hạn chưa có văn bản xin lỗi.',
      'Văn phòng Sở: tỷ lệ giải quyết trước hạn, đúng hạn đạt 98,5%; còn 2 hồ sơ đang giải quyết quá hạn.',
      'Nhiệm vụ III.1.1 “Ban hành kế hoạch rà soát TTHC năm 2021” (Văn phòng chủ trì; thời gian thực hiện: Tháng 12/2020) chưa hoàn thành, đã quá thời hạn.',
      'Nhiệm vụ VII.1 “Ban hành kế hoạch ứng dụng công nghệ thông tin năm 2021” (Văn phòng chủ trì; thời gian thực hiện: Tháng 01- 02/2021) chưa hoàn thành, đã quá thời hạn.',
    ]);
  });

  it('sets the next steps from what fell short', () => {
    expect(narrative.nextSteps).toEqual([
      'Tiếp tục triển khai các nhiệm vụ còn lại của Kế hoạch cải cách hành chính năm 2021, tập trung hoàn thành 2 nhiệm vụ chậm tiến độ.',
      'Chỉ đạo các phòng, đơn vị giải quyết dứt điểm hồ sơ quá hạn; bảo đảm 100% hồ sơ TTHC được giải quyết trước hạn, đúng hạn.',
      'Thực hiện đầy đủ việc xin lỗi cá nhân, tổ chức đối với 100% hồ sơ trễ hạn theo quy định.',
      'Đẩy mạnh tuyên truyền, hướng dẫn cá nhân, tổ chức sử dụng dịch vụ công trực tuyến mức độ 3, 4 và dịch vụ bưu chính công ích trong giải quyết TTHC.',
    ]);
  });

  it('says "Không phát sinh" for a period without dossiers or feedback, with no shortfall from null rates', () => {
    const empty = kpiResult(NO_FIGURES);
    const kpis = { ...kpisByUnit(), total: empty, units: [{ unit: 'vp', kpis: empty }] };
    const plan = reportInput().plan;
    plan.tasks = [];
    plan.objectives = [];
    const n = buildReport(reportInput({ kpis, plan })).narrative;
    expect(n.achievements).toEqual([
      'Không phát sinh hồ sơ thủ tục hành chính trong kỳ.',
      'Không phát sinh phản ánh, kiến nghị của cá nhân, tổ chức về quy định hành chính.',
    ]);
    expect(n.shortfalls).toEqual([
      'Trong kỳ, chưa ghi nhận tồn tại, hạn chế so với các chỉ tiêu của Kế hoạch.',
    ]);
    expect(n.attention).toEqual([]);
    expect(n.nextSteps).toEqual([
      'Duy trì 100% hồ sơ TTHC được giải quyết trước hạn, đúng hạn.',
      'Đẩy mạnh tuyên truyền, hướng dẫn cá nhân, tổ chức sử dụng dịch vụ công trực tuyến mức độ 3, 4 và dịch vụ bưu chính công ích trong giải quyết TTHC.',
    ]);
  });

  it('does not single out a lowest unit when only one unit has resolved dossiers', () => {
    const only = kpiResult(UNIT_FIGURES.gdtrh, 'gdtrh');
    const kpis = { ...kpisByUnit(), total: only, units: [{ unit: 'gdtrh', kpis: only }] };
    expect(buildReport(reportInput({ kpis })).narrative.attention[0]).toBe(
      'Phòng Giáo dục Trung học: tỷ lệ giải quyết trước hạn, đúng hạn đạt 96,5%; còn 2 hồ sơ đang giải quyết quá hạn; 3 hồ sơ trễ hạn chưa có văn bản xin lỗi.',
    );
  });
});

describe('TTHC sentences', () => {
  it('describes a period with only carried-over dossiers, none resolved', () => {
    const k = kpiResult({ ...NO_FIGURES, carriedOver: 5, withinTime: 5 });
    expect(describeDossiers(k)).toEqual([
      'Tiếp nhận 5 hồ sơ, đều là hồ sơ kỳ trước chuyển sang; trong kỳ không tiếp nhận hồ sơ mới.',
      'Trong kỳ chưa có hồ sơ được giải quyết xong.',
      'Đang giải quyết 5 hồ sơ (trong hạn 5, quá hạn 0).',
    ]);
    expect(describeOnlineDossiers(k)).toBe('Trong kỳ không tiếp nhận hồ sơ mới.');
    expect(describeApology(k)).toBe('Không có hồ sơ giải quyết trễ hạn.');
  });

  it('describes apology letters, none issued', () => {
    const k = kpiResult({ ...NO_FIGURES, direct: 10, early: 7, late: 3 });
    expect(describeApology(k)).toBe('Chưa ban hành văn bản xin lỗi đối với 3 hồ sơ trễ hạn.');
    expect(describeOnlineDossiers(k)).toBe('Trong 10 hồ sơ tiếp nhận mới, chưa có hồ sơ nộp trực tuyến.');
  });

  it('describes postal and feedback figures, and their absence', () => {
    expect(describePostal(kpiResult(NO_FIGURES))).toBe(
      'Không phát sinh hồ sơ tiếp nhận, trả kết quả qua dịch vụ bưu chính công ích.',
    );
    expect(describePostal(kpisByUnit().total)).toBe(
      'Tiếp nhận 14 hồ sơ, trả 20 kết quả giải quyết TTHC qua dịch vụ bưu chính công ích.',
    );
    expect(describeFeedback(kpiResult(UNIT_FIGURES.vp))).toBe(
      'Trong kỳ, tiếp nhận 3 phản ánh, kiến nghị của cá nhân, tổ chức; đã xử lý 3 (đúng hạn 3).',
    );
  });
});

describe('plan sentences', () => {
  const model = buildReport(reportInput());
  const task = (code: string) => model.sections.flatMap((s) => s.tasks).find((t) => t.code === code)!;

  it('describes each task with its state, note and evidence', () => {
    expect(describeTask(task('I.1.1'))).toBe(
      'Kiện toàn Ban chỉ đạo CCHC Sở Giáo dục và Đào tạo (Văn phòng chủ trì): đã hoàn thành. ' +
        'Đã kiện toàn Ban chỉ đạo và ban hành Quy chế hoạt động. ' +
        'Văn bản: Quyết định kiện toàn Ban chỉ đạo CCHC số 25/QĐ-SGDĐT ngày 15/01/2021.',
    );
    expect(describeTask(task('I.1.2'))).toBe(
      'Họp Ban chỉ đạo CCHC định kỳ quý, 6 tháng, năm (Văn phòng chủ trì): đang thực hiện, đạt 25%. Đã họp Ban chỉ đạo quý I.',
    );
    expect(describeTask(task('III.1.1'))).toBe(
      'Ban hành kế hoạch rà soát TTHC năm 2021 (Văn phòng chủ trì): chậm tiến độ so với thời gian đề ra (Tháng 12/2020), đạt 80%. Đang trình ký.',
    );
    expect(describeTask(task('III.4.1'))).toBe(
      'TTHC thuộc thẩm quyền giải quyết của Sở Giáo dục và Đào tạo (Các phòng thuộc Sở chủ trì): chưa triển khai.',
    );
    expect(describeTask(task('VII.8'))).toBe(
      'Triển khai áp dụng ISO điện tử trong Văn phòng Sở (Văn phòng Sở chủ trì): chưa đến thời gian triển khai.',
    );
  });

  it('counts a section’s tasks by status, leaving out empty statuses', () => {
    expect(describeSectionProgress(model.sections[1])).toBe(
      'Kế hoạch đề ra 2 nhiệm vụ: chưa triển khai 1, chậm tiến độ 1.',
    );
  });

  it('writes the budget with its sections', () => {
    expect(describeBudget(model.budget, 2021)).toBe(
      'Kinh phí thực hiện Kế hoạch cải cách hành chính năm 2021 là 7 triệu đồng, trong đó: ' +
        'Công tác chỉ đạo điều hành 5 triệu đồng; Xây dựng chính quyền điện tử 2 triệu đồng.',
    );
  });

  it("turns the plan's upper-case section titles into headings, keeping acronyms", () => {
    expect(sectionHeading('CẢI CÁCH THỦ TỤC HÀNH CHÍNH')).toBe('Cải cách thủ tục hành chính');
    expect(sectionHeading('XÂY DỰNG VÀ NÂNG CAO CHẤT LƯỢNG ĐỘI NGŨ CBCC')).toBe(
      'Xây dựng và nâng cao chất lượng đội ngũ CBCC',
    );
  });
});
