import { XMLParser } from 'fast-xml-parser';
import JSZip from 'jszip';

// Reads DOCX and XLSX files the way an office suite would, straight from their XML parts, with
// readers that share nothing with the libraries that wrote them (docx, exceljs).

type XmlNode = Record<string, unknown>;

const ordered = new XMLParser({
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
export const attr = (node: XmlNode, name: string): string | undefined =>
  (node[':@'] as Record<string, string> | undefined)?.[`@_${name}`];

export function findAll(nodes: XmlNode[], tag: string, into: XmlNode[] = []): XmlNode[] {
  for (const node of nodes) {
    if (tagOf(node) === tag) into.push(node);
    findAll(childrenOf(node), tag, into);
  }
  return into;
}

const child = (node: XmlNode, tag: string): XmlNode | undefined =>
  childrenOf(node).find((n) => tagOf(n) === tag);

function textOf(node: XmlNode): string {
  if (typeof node['#text'] === 'string') return node['#text'];
  return childrenOf(node).map(textOf).join('');
}

export interface DocxRun {
  text: string;
  bold: boolean;
  italics: boolean;
  /** Points; undefined when the run takes the document default. */
  sizePt: number | undefined;
  font: string | undefined;
}

export interface DocxParagraph {
  text: string;
  runs: DocxRun[];
  /** Index of the section (0-based) the paragraph belongs to. */
  section: number;
}

export interface DocxSection {
  widthTwips: number;
  heightTwips: number;
  orientation: string | undefined;
}

export interface DocxContent {
  paragraphs: DocxParagraph[];
  /** Each table as rows of cell texts, in document order (nested tables included). */
  tables: string[][][];
  sections: DocxSection[];
  headers: string[];
  defaultFont: string | undefined;
  defaultSizePt: number | undefined;
}

function runOf(r: XmlNode): DocxRun {
  const props = child(r, 'w:rPr');
  const on = (tag: string) => {
    const n = props === undefined ? undefined : child(props, tag);
    return n !== undefined && attr(n, 'w:val') !== 'false' && attr(n, 'w:val') !== '0';
  };
  const sz = props === undefined ? undefined : child(props, 'w:sz');
  const fonts = props === undefined ? undefined : child(props, 'w:rFonts');
  return {
    text: findAll([r], 'w:t').map(textOf).join(''),
    bold: on('w:b'),
    italics: on('w:i'),
    sizePt: sz === undefined ? undefined : Number(attr(sz, 'w:val')) / 2,
    font: fonts === undefined ? undefined : attr(fonts, 'w:ascii'),
  };
}

export async function readDocx(file: Buffer): Promise<DocxContent> {
  const zip = await JSZip.loadAsync(file);
  const document = ordered.parse(await zip.file('word/document.xml')!.async('string')) as XmlNode[];
  const body = findAll(document, 'w:body')[0];
  const paragraphs: DocxParagraph[] = [];
  const sections: DocxSection[] = [];
  const toSection = (sectPr: XmlNode) => {
    const size = child(sectPr, 'w:pgSz')!;
    sections.push({
      widthTwips: Number(attr(size, 'w:w')),
      heightTwips: Number(attr(size, 'w:h')),
      orientation: attr(size, 'w:orient'),
    });
  };
  // A section ends at a paragraph carrying w:sectPr; the last one is the body's own.
  for (const block of childrenOf(body)) {
    for (const p of findAll([block], 'w:p')) {
      paragraphs.push({
        text: findAll([p], 'w:t').map(textOf).join(''),
        runs: findAll([p], 'w:r').map(runOf),
        section: sections.length,
      });
      const pPr = child(p, 'w:pPr');
      const sectPr = pPr === undefined ? undefined : child(pPr, 'w:sectPr');
      if (sectPr !== undefined) toSection(sectPr);
    }
    if (tagOf(block) === 'w:sectPr') toSection(block);
  }
  const tables = findAll(document, 'w:tbl').map((tbl) =>
    childrenOf(tbl)
      .filter((n) => tagOf(n) === 'w:tr')
      .map((tr) =>
        childrenOf(tr)
          .filter((n) => tagOf(n) === 'w:tc')
          .map((tc) =>
            findAll([tc], 'w:p')
              .map((p) => findAll([p], 'w:t').map(textOf).join(''))
              .join('\n'),
          ),
      ),
  );
  const headerFiles = Object.keys(zip.files).filter((f) => /^word\/header\d*\.xml$/.test(f));
  const headers = await Promise.all(
    headerFiles.map(async (f) =>
      findAll(ordered.parse(await zip.file(f)!.async('string')) as XmlNode[], 'w:t')
        .map(textOf)
        .join(''),
    ),
  );
  const styles = ordered.parse(await zip.file('word/styles.xml')!.async('string')) as XmlNode[];
  const defaults = findAll(styles, 'w:rPrDefault')[0];
  const defaultFonts = defaults === undefined ? undefined : findAll([defaults], 'w:rFonts')[0];
  const defaultSize = defaults === undefined ? undefined : findAll([defaults], 'w:sz')[0];
  return {
    paragraphs,
    tables,
    sections,
    headers,
    defaultFont: defaultFonts === undefined ? undefined : attr(defaultFonts, 'w:ascii'),
    defaultSizePt: defaultSize === undefined ? undefined : Number(attr(defaultSize, 'w:val')) / 2,
  };
}

export interface XlsxCell {
  ref: string;
  value: string | number | null;
  font: { name: string | undefined; sizePt: number; bold: boolean };
  numFmt: string;
  wrap: boolean;
}

export interface XlsxSheet {
  name: string;
  cells: Map<string, XlsxCell>;
  /** Row number → height in points, for rows given one. */
  rowHeights: Map<number, number>;
  merges: string[];
  pageSetup: Record<string, string>;
  fitToPage: boolean;
  /** "'Sheet'!$4:$6" when the sheet repeats rows on every printed page. */
  printTitles: string | undefined;
}

const BUILTIN_FORMATS: Record<string, string> = { '0': 'General', '3': '#,##0', '9': '0%', '10': '0.00%' };

/** Column letters and row number of "AB12". */
export function splitRef(ref: string): { col: number; row: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(ref)!;
  const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { col, row: Number(m[2]) };
}

export async function readXlsx(file: Buffer): Promise<XlsxSheet[]> {
  const zip = await JSZip.loadAsync(file);
  const read = async (path: string) => ordered.parse(await zip.file(path)!.async('string')) as XmlNode[];
  const workbook = await read('xl/workbook.xml');
  const rels = await read('xl/_rels/workbook.xml.rels');
  const target = new Map(findAll(rels, 'Relationship').map((r) => [attr(r, 'Id')!, attr(r, 'Target')!]));
  const shared = zip.file('xl/sharedStrings.xml')
    ? findAll(await read('xl/sharedStrings.xml'), 'si').map((si) => findAll([si], 't').map(textOf).join(''))
    : [];
  const styles = await read('xl/styles.xml');
  const numFmts = new Map(
    findAll(styles, 'numFmt').map((n) => [attr(n, 'numFmtId')!, attr(n, 'formatCode')!]),
  );
  const fonts = findAll(findAll(styles, 'fonts'), 'font').map((f) => ({
    name: findAll([f], 'name').map((n) => attr(n, 'val'))[0],
    sizePt: Number(findAll([f], 'sz').map((n) => attr(n, 'val'))[0] ?? 11),
    bold: findAll([f], 'b').length > 0,
  }));
  const xfs = findAll(findAll(styles, 'cellXfs'), 'xf').map((xf) => ({
    numFmt:
      numFmts.get(attr(xf, 'numFmtId') ?? '0') ?? BUILTIN_FORMATS[attr(xf, 'numFmtId') ?? '0'] ?? 'General',
    font: fonts[Number(attr(xf, 'fontId') ?? 0)],
    wrap: findAll([xf], 'alignment').some(
      (a) => attr(a, 'wrapText') === '1' || attr(a, 'wrapText') === 'true',
    ),
  }));
  const definedNames = findAll(workbook, 'definedName').map((d) => ({
    name: attr(d, 'name'),
    sheet: Number(attr(d, 'localSheetId')),
    text: textOf(d),
  }));
  const sheets: XlsxSheet[] = [];
  for (const [index, s] of findAll(workbook, 'sheet').entries()) {
    const xml = await read(`xl/${target.get(attr(s, 'r:id')!)!.replace(/^\/?xl\//, '')}`);
    const cells = new Map<string, XlsxCell>();
    for (const c of findAll(xml, 'c')) {
      const ref = attr(c, 'r')!;
      const type = attr(c, 't');
      const v = findAll([c], 'v')[0];
      const raw = v === undefined ? undefined : textOf(v);
      const value =
        raw === undefined
          ? type === 'inlineStr'
            ? findAll([c], 't').map(textOf).join('')
            : null
          : type === 's'
            ? shared[Number(raw)]
            : type === 'str' || type === 'inlineStr'
              ? raw
              : Number(raw);
      const xf = xfs[Number(attr(c, 's') ?? 0)];
      cells.set(ref, { ref, value, font: xf.font, numFmt: xf.numFmt, wrap: xf.wrap });
    }
    const rowHeights = new Map<number, number>();
    for (const r of findAll(xml, 'row')) {
      if (attr(r, 'ht') !== undefined) rowHeights.set(Number(attr(r, 'r')), Number(attr(r, 'ht')));
    }
    const setup = findAll(xml, 'pageSetup')[0];
    const setupAttrs = Object.fromEntries(
      Object.entries((setup?.[':@'] as Record<string, string> | undefined) ?? {}).map(([k, v]) => [
        k.slice(2),
        v,
      ]),
    );
    sheets.push({
      name: attr(s, 'name')!,
      cells,
      rowHeights,
      merges: findAll(xml, 'mergeCell').map((m) => attr(m, 'ref')!),
      pageSetup: setupAttrs,
      fitToPage: findAll(xml, 'pageSetUpPr').some(
        (p) => attr(p, 'fitToPage') === '1' || attr(p, 'fitToPage') === 'true',
      ),
      printTitles: definedNames.find((d) => d.name === '_xlnm.Print_Titles' && d.sheet === index)?.text,
    });
  }
  return sheets;
}
