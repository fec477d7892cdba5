import { beforeAll, describe, expect, it } from '@jest/globals';
import { XMLParser } from 'fast-xml-parser';
import JSZip from 'jszip';

import { kpisByUnit, planView, reportInput } from '../../test/fixtures/report-input';
import { buildReport, markIssued } from './report-builder';
import { renderDocx } from './report-docx';

// The document is checked through its WordprocessingML: paragraphs and table cells in document
// order, read the way Word would show them.

type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
});

const tagOf = (node: XmlNode): string | undefined => Object.keys(node).find((k) => k !== ':@');
const childrenOf = (node: XmlNode): XmlNode[] => {
  const tag = tagOf(node);
  const value = tag === undefined ? undefined : node[tag];
  return Array.isArray(value) ? (value as XmlNode[]) : [];
};
const attr = (node: XmlNode, name: string): string | undefined =>
  (node[':@'] as Record<string, string> | undefined)?.[`@_${name}`];

function findAll(nodes: XmlNode[], tag: string, into: XmlNode[] = []): XmlNode[] {
  for (const node of nodes) {
    if (tagOf(node) === tag) into.push(node);
    // Paragraphs and tables nest (cells hold paragraphs): keep descending below a match.
    findAll(childrenOf(node), tag, into);
  }
  return into;
}

function textOf(node: XmlNode): string {
  if (typeof node['#text'] === 'string') return node['#text'];
  return childrenOf(node).map(textOf).join('');
}

const paragraphText = (p: XmlNode) =>
  findAll([p], 'w:t')
    .map((t) => textOf(t))
    .join('');

interface Rendered {
  paragraphs: string[];
  tables: string[][][];
  tableNodes: XmlNode[];
  headers: string[];
  document: XmlNode[];
  styles: string;
}

async function render(model: ReturnType<typeof buildReport>): Promise<Rendered> {
  const zip = await JSZip.loadAsync(await renderDocx(model));
  const xml = await zip.file('word/document.xml')!.async('string');
  const document = parser.parse(xml) as XmlNode[];
  const tableNodes = findAll(document, 'w:tbl');
  const headerFiles = Object.keys(zip.files).filter((f) => /^word\/header\d*\.xml$/.test(f));
  return {
    document,
    paragraphs: findAll(document, 'w:p').map(paragraphText),
    tableNodes,
    tables: tableNodes.map((tbl) =>
      childrenOf(tbl)
        .filter((n) => tagOf(n) === 'w:tr')
        .map((tr) =>
          childrenOf(tr)
            .filter((n) => tagOf(n) === 'w:tc')
            .map((tc) => findAll([tc], 'w:p').map(paragraphText).join('\n')),
        ),
    ),
    headers: await Promise.all(
      headerFiles.map(async (f) =>
        findAll(parser.parse(await zip.file(f)!.async('string')) as XmlNode[], 'w:p')
          .map(paragraphText)
          .join('\n'),
      ),
    ),
    styles: await zip.file('word/styles.xml')!.async('string'),
  };
}

const twipsToMm = (v: string | undefined) => (Number(v) / 1440) * 25.4;

describe(renderDocx.name, () => {
  const model = buildReport(reportInput());
  let doc: Rendered;
  beforeAll(async () => {
    doc = await render(model);
  });

  it('opens with the agency header beside the national motto, the number and the date line', () => {
    const [header] = doc.tables;
    expect(header[0]).toEqual([
      'UBND TỈNH ĐẮK NÔNG\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\n',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n',
    ]);
    expect(header[1][0]).toMatch(/^Số: +\/BC-SGDĐT$/);
    expect(header[1][1]).toMatch(/^Đắk Nông, ngày +tháng +năm 2021$/);
  });

  it('draws no borders around the header table', () => {
    const borders = findAll([doc.tableNodes[0]], 'w:tblBorders')[0];
    const sides = childrenOf(borders).map((b) => attr(b, 'w:val'));
    expect(sides.length).toBeGreaterThanOrEqual(4);
    expect(sides.every((v) => v === 'none' || v === 'nil')).toBe(true);
  });

  it('sets the bold runs of the header as the Decree lays them out', () => {
    const runs = findAll([doc.tableNodes[0]], 'w:r');
    const isBold = (text: string) => {
      const r = runs.find((run) => paragraphText(run) === text)!;
      return findAll([r], 'w:b').length > 0;
    };
    expect(isBold('UBND TỈNH ĐẮK NÔNG')).toBe(false);
    expect(isBold('SỞ GIÁO DỤC VÀ ĐÀO TẠO')).toBe(true);
    expect(isBold('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')).toBe(true);
    expect(isBold('Độc lập - Tự do - Hạnh phúc')).toBe(true);
    const date = runs.find((run) => paragraphText(run).startsWith('Đắk Nông, ngày'))!;
    expect(findAll([date], 'w:i').length).toBe(1);
  });

  it('titles the report with the period label', () => {
    const title = doc.paragraphs.indexOf('BÁO CÁO');
    expect(title).toBeGreaterThan(0);
    expect(doc.paragraphs[title + 1]).toBe('Kết quả thực hiện công tác cải cách hành chính quý I năm 2021');
  });

  it('cites the plan decision and the data window in the opening paragraph', () => {
    expect(doc.paragraphs).toContain(
      'Thực hiện Quyết định số 1634/QĐ-SGDĐT ngày 30/12/2020 của Sở Giáo dục và Đào tạo tỉnh Đắk Nông về việc ' +
        'ban hành Kế hoạch cải cách hành chính Sở Giáo dục và Đào tạo năm 2021; Sở Giáo dục và Đào tạo báo cáo ' +
        'kết quả thực hiện công tác cải cách hành chính quý I năm 2021 (số liệu tính từ ngày 01/01/2021 đến ngày ' +
        '31/03/2021) như sau:',
    );
  });

  it('numbers its parts and mirrors the plan sections under part I, in order', () => {
    const headings = [
      'I. KẾT QUẢ ĐẠT ĐƯỢC',
      '1. Công tác chỉ đạo điều hành',
      '2. Cải cách thủ tục hành chính',
      'a) Kết quả giải quyết thủ tục hành chính',
      'b) Thực hiện xin lỗi tổ chức, cá nhân khi giải quyết TTHC trễ hạn',
      'c) Cung cấp dịch vụ công trực tuyến',
      'd) Tiếp nhận hồ sơ, trả kết quả qua dịch vụ bưu chính công ích',
      'đ) Tiếp nhận, xử lý phản ánh, kiến nghị',
      '3. Xây dựng chính quyền điện tử',
      '4. Kinh phí thực hiện',
      'II. TỒN TẠI, HẠN CHẾ',
      'III. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI',
    ];
    const positions = headings.map((h) => doc.paragraphs.indexOf(h));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('reports tasks, apology, online, postal and feedback results in words', () => {
    expect(doc.paragraphs).toContain('Kế hoạch đề ra 2 nhiệm vụ: đã hoàn thành 1, đang thực hiện 1.');
    expect(doc.paragraphs).toContain(
      '- Ban hành kế hoạch rà soát TTHC năm 2021 (Văn phòng chủ trì): chậm tiến độ so với thời gian đề ra (Tháng 12/2020), đạt 80%. Đang trình ký.',
    );
    expect(doc.paragraphs).toContain(
      '- Đã ban hành văn bản xin lỗi đối với 25/28 hồ sơ trễ hạn (đạt 89,3%).',
    );
    expect(doc.paragraphs).toContain(
      '- Tiếp nhận 520 hồ sơ nộp trực tuyến, chiếm 45,9% số hồ sơ tiếp nhận mới trong kỳ.',
    );
    expect(doc.paragraphs).toContain(
      '- Tiếp nhận 14 hồ sơ, trả 20 kết quả giải quyết TTHC qua dịch vụ bưu chính công ích.',
    );
    expect(doc.paragraphs).toContain('- Còn 4 hồ sơ đang giải quyết đã quá hạn.');
    expect(doc.paragraphs).toContain(
      '3. Thực hiện đầy đủ việc xin lỗi cá nhân, tổ chức đối với 100% hồ sơ trễ hạn theo quy định.',
    );
  });

  it('lays out the results table in the Biểu II.06a shape with merged group headers', () => {
    const index = doc.tables.findIndex((t) => t[0]?.[0] === 'STT');
    const table = doc.tables[index];
    expect(table[0]).toEqual(['STT', 'Đơn vị', 'Tiếp nhận', 'Đã giải quyết', 'Đang giải quyết']);
    // The second header row continues the vertically merged STT and unit cells.
    expect(table[1].slice(2)).toEqual([
      'Tổng số',
      'Trực tuyến',
      'Trực tiếp',
      'Bưu chính',
      'Kỳ trước chuyển sang',
      'Tổng',
      'Trước hạn',
      'Đúng hạn',
      'Quá hạn',
      'Tổng',
      'Trong hạn',
      'Quá hạn',
    ]);
    expect(table[2]).toEqual(Array.from({ length: 14 }, (_, i) => `(${i + 1})`));

    const firstRowCells = childrenOf(
      childrenOf(doc.tableNodes[index]).filter((n) => tagOf(n) === 'w:tr')[0],
    ).filter((n) => tagOf(n) === 'w:tc');
    const span = (tc: XmlNode) => attr(findAll([tc], 'w:gridSpan')[0] ?? {}, 'w:val');
    expect(firstRowCells.map(span)).toEqual([undefined, undefined, '5', '4', '3']);
    expect(attr(findAll([firstRowCells[0]], 'w:vMerge')[0], 'w:val')).toBe('restart');
  });

  it('fills the results table with the department row and one row per unit, numbers formatted', () => {
    const table = doc.tables.find((t) => t[0]?.[0] === 'STT')!;
    expect(table[3]).toEqual([
      '',
      'Tổng cộng toàn Sở',
      '1.234',
      '520',
      '600',
      '14',
      '100',
      '1.100',
      '800',
      '276',
      '24',
      '131',
      '127',
      '4',
    ]);
    expect(table[4]).toEqual([
      '1',
      'Văn phòng Sở',
      '720',
      '300',
      '350',
      '10',
      '60',
      '650',
      '500',
      '140',
      '10',
      '68',
      '66',
      '2',
    ]);
    expect(table.slice(3).map((r) => r[1])).toEqual([
      'Tổng cộng toàn Sở',
      'Văn phòng Sở',
      'Phòng Giáo dục Trung học',
      'Phòng Tổ chức cán bộ - Tài chính',
    ]);
    expect(doc.paragraphs).toContain(
      'Ghi chú: 3 hồ sơ được rút theo đề nghị của tổ chức, cá nhân không tính vào cột Đã giải quyết, Đang giải quyết.',
    );
  });

  it('names the unit of a scoped report above and in its results table', async () => {
    const vp = kpisByUnit().units.find((u) => u.unit === 'vp')!.kpis;
    const scoped = await render(
      buildReport(reportInput({ kpis: { period: vp.period, total: vp, units: [] }, scopeUnit: 'vp' })),
    );
    const table = scoped.tables.find((t) => t[0]?.[0] === 'STT')!;
    expect(table.slice(3).map((r) => r.slice(1, 3))).toEqual([['Tổng cộng: Văn phòng Sở', '720']]);
    expect(scoped.paragraphs).toContain('Số liệu giải quyết thủ tục hành chính của Văn phòng Sở.');
  });

  it('closes with the recipients beside the signer of the plan decision', () => {
    const signature = doc.tables[doc.tables.length - 1];
    expect(signature[0][0]).toBe(
      'Nơi nhận:\n- UBND tỉnh (b/c);\n- Sở Nội vụ;\n- Lãnh đạo Sở;\n- Lưu: VT, VP.',
    );
    expect(signature[0][1]).toBe('GIÁM ĐỐC\n\nNguyễn Văn Toàn');
  });

  it('signs for the director when the signer is a deputy', async () => {
    const plan = planView();
    plan.decision = { ...plan.decision, signer: 'Trần Văn A', signerTitle: 'Phó Giám đốc' };
    const deputy = await render(buildReport(reportInput({ plan })));
    expect(deputy.tables[deputy.tables.length - 1][0][1]).toBe('KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nTrần Văn A');
  });

  it('uses A4 with the Decree 30 margins and Times New Roman 14 pt', () => {
    const sectPr = findAll(doc.document, 'w:sectPr')[0];
    const size = findAll([sectPr], 'w:pgSz')[0];
    expect([attr(size, 'w:w'), attr(size, 'w:h')]).toEqual(['11906', '16838']);
    const margin = findAll([sectPr], 'w:pgMar')[0];
    const mm = (side: string) => twipsToMm(attr(margin, `w:${side}`));
    expect(mm('top')).toBeGreaterThanOrEqual(19.9);
    expect(mm('top')).toBeLessThanOrEqual(25);
    expect(mm('bottom')).toBeGreaterThanOrEqual(19.9);
    expect(mm('bottom')).toBeLessThanOrEqual(25);
    expect(mm('left')).toBeGreaterThanOrEqual(29.9);
    expect(mm('left')).toBeLessThanOrEqual(35);
    expect(mm('right')).toBeGreaterThanOrEqual(14.9);
    expect(mm('right')).toBeLessThanOrEqual(20);
    expect(doc.styles).toContain('w:ascii="Times New Roman"');
    expect(doc.styles).toMatch(/<w:sz w:val="28"\/>/);
  });

  it('marks a draft "DỰ THẢO" on its pages', () => {
    expect(doc.headers.some((h) => h.includes('DỰ THẢO'))).toBe(true);
  });

  it('prints an issued report with its number and issue date, without the draft mark', async () => {
    const issued = await render(
      markIssued(model, { version: 1, issuedAt: '2021-04-05T10:00:00+07:00', documentNumber: '15' }),
    );
    expect(issued.headers.some((h) => h.includes('DỰ THẢO'))).toBe(false);
    expect(issued.tables[0][1]).toEqual(['Số: 15/BC-SGDĐT', 'Đắk Nông, ngày 05 tháng 4 năm 2021']);
  });

  it('dates an issue by its Vietnamese calendar day, with leading zeros for January and February', async () => {
    const issued = await render(markIssued(model, { version: 1, issuedAt: '2022-01-08T18:30:00Z' }));
    expect(issued.tables[0][1][1]).toBe('Đắk Nông, ngày 09 tháng 01 năm 2022');
  });
});
