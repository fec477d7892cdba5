import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Tab,
  TabStopType,
  TextRun,
  convertMillimetersToTwip,
} from 'docx';

import type { ReportModel } from '../report.model';
import { annexBody } from './docx-annex';
import { documentBody } from './docx-body';
import {
  A4,
  BODY_PT,
  FONT,
  LANDSCAPE_MARGIN_MM,
  LANDSCAPE_WIDTH,
  MARGIN_MM,
  PORTRAIT_WIDTH,
  run,
} from './docx-primitives';

// The report as an administrative document of Decree 30/2020/NĐ-CP: the report on A4 portrait,
// then Biểu II.06a in its own landscape section. Text and figures come from the model only.

const mm = convertMillimetersToTwip;

export async function renderDocx(model: ReportModel): Promise<Buffer> {
  const draft = model.version.status === 'draft';
  const doc = new Document({
    creator: model.agency.name,
    title: `${model.header.title[0]} ${model.header.title[1]}`,
    styles: { default: { document: { run: { font: FONT, size: BODY_PT * 2 } } } },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: A4.short, height: A4.long },
            margin: {
              top: mm(MARGIN_MM.top),
              bottom: mm(MARGIN_MM.bottom),
              left: mm(MARGIN_MM.left),
              right: mm(MARGIN_MM.right),
              header: mm(8),
              footer: mm(8),
            },
          },
        },
        headers: {
          first: new Header({ children: draft ? [draftMark(PORTRAIT_WIDTH)] : [] }),
          default: new Header({ children: [pageNumberLine(PORTRAIT_WIDTH, draft)] }),
        },
        children: documentBody(model),
      },
      {
        properties: {
          page: {
            // docx swaps width and height for a landscape page: give the portrait size.
            size: { width: A4.short, height: A4.long, orientation: PageOrientation.LANDSCAPE },
            margin: {
              top: mm(LANDSCAPE_MARGIN_MM.top),
              bottom: mm(LANDSCAPE_MARGIN_MM.bottom),
              left: mm(LANDSCAPE_MARGIN_MM.left),
              right: mm(LANDSCAPE_MARGIN_MM.right),
              header: mm(8),
              footer: mm(8),
            },
          },
        },
        headers: { default: new Header({ children: draft ? [draftMark(LANDSCAPE_WIDTH)] : [] }) },
        children: annexBody(model.annex),
      },
    ],
  });
  return Packer.toBuffer(doc);
}

// Decree 30: page numbers centred in the top margin from the second page on; a draft keeps its
// mark on the same line so the body does not move.
function pageNumberLine(width: number, draft: boolean): Paragraph {
  return new Paragraph({
    tabStops: [
      { type: TabStopType.CENTER, position: Math.round(width / 2) },
      { type: TabStopType.RIGHT, position: width },
    ],
    children: [
      new TextRun({ children: [new Tab(), PageNumber.CURRENT], font: FONT, size: 26 }),
      ...(draft
        ? [
            new TextRun({ children: [new Tab()] }),
            new TextRun({
              text: ' DỰ THẢO ',
              font: FONT,
              bold: true,
              size: 22,
              border: { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 1 },
            }),
          ]
        : []),
    ],
  });
}

function draftMark(width: number): Paragraph {
  const box = mm(32);
  const line = { style: BorderStyle.SINGLE, size: 12, color: '000000', space: 2 };
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    indent: { left: width - box },
    border: { top: line, bottom: line, left: line, right: line },
    children: [run('DỰ THẢO', { bold: true, size: 13 })],
  });
}
