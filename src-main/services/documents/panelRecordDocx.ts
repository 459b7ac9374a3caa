// The 会审记录 as a DOCX: A4, 仿宋 body, 黑体 headings, 小标宋-style title, page numbers in
// the footer, as Beijing's meeting records are laid out. Only lays out the blocks that
// src-shared/panel/panelRecordDoc.ts decided.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { DocBlock, PanelRecordDoc } from '../../../src-shared/panel/panelRecordDoc';
import { DEMO_DOCUMENT_NOTICE, demoTitle } from '../../../src-shared/profiles/demoMark';

const FANGSONG = { ascii: 'FangSong', eastAsia: '仿宋', hAnsi: 'FangSong' };
const HEITI = { ascii: 'SimHei', eastAsia: '黑体', hAnsi: 'SimHei' };
const TITLE_FONT = { ascii: 'SimSun', eastAsia: '方正小标宋简体', hAnsi: 'SimSun' };
// Half-points: 三号 16 pt body, 二号 22 pt title, 小四 12 pt in tables.
const BODY = 32;
const TITLE = 44;
const TABLE = 24;
// A4 in twentieths of a point, margins per the government document format (GB/T 9704).
const A4 = { width: 11906, height: 16838 };
const MARGIN = { top: 2098, bottom: 1984, left: 1588, right: 1474 };

const run = (text: string, font = FANGSONG, size = BODY, bold = false) =>
  new TextRun({ text, font, size, bold });

function cell(text: string, widthPct: number, header: boolean): TableCell {
  return new TableCell({
    width: { size: widthPct, type: WidthType.PERCENTAGE },
    children: text.split('\n').map(
      (line) =>
        new Paragraph({
          alignment: header ? AlignmentType.CENTER : AlignmentType.LEFT,
          children: [run(line, header ? HEITI : FANGSONG, TABLE)],
        }),
    ),
  });
}

/** One block laid out; the 抽查报告 (auditReportDocx) shares this layout. */
export function block(b: DocBlock): (Paragraph | Table)[] {
  switch (b.type) {
    case 'title':
      return [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { after: 400 },
          children: [run(b.text, TITLE_FONT, TITLE)],
        }),
      ];
    case 'heading':
      return [
        new Paragraph({
          spacing: { before: 240, after: 120 },
          indent: { firstLine: 640 },
          children: [run(b.text, HEITI)],
        }),
      ];
    case 'para':
      return [
        new Paragraph({
          spacing: { line: 560, lineRule: 'exact' },
          indent: { firstLine: b.indent ? 640 : 0 },
          children: [run(b.text)],
        }),
      ];
    case 'table':
      return [
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [
            new TableRow({
              tableHeader: true,
              children: b.header.map((h, i) => cell(h, b.widths[i] ?? 10, true)),
            }),
            ...b.rows.map(
              (r) => new TableRow({ children: r.map((c, i) => cell(c, b.widths[i] ?? 10, false)) }),
            ),
          ],
        }),
        new Paragraph({ children: [] }),
      ];
    case 'signatures':
      return b.lines.map(
        (line) =>
          new Paragraph({
            spacing: { before: 360 },
            border: { bottom: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } },
            children: [run(line)],
          }),
      );
  }
}

export interface DocxOptions {
  /** A demo profile's record: main's own record of the profile decides, never the renderer. */
  demo?: boolean;
}

/** Red, bold, on every page: a printed page of a demo record says what it is. */
const demoNotice = () =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [
      new TextRun({
        text: DEMO_DOCUMENT_NOTICE,
        font: HEITI,
        size: 28,
        bold: true,
        color: 'C00000',
      }),
    ],
  });

export async function panelRecordDocx(
  doc: PanelRecordDoc,
  opts: DocxOptions = {},
): Promise<Uint8Array> {
  const demo = opts.demo === true;
  const blocks = demo
    ? doc.blocks.map((b) => (b.type === 'title' ? { ...b, text: demoTitle(b.text, true) } : b))
    : doc.blocks;
  return a4Docx(demoTitle(doc.title, demo), blocks.flatMap(block), opts);
}

/** An A4 government-format document with page numbers, from laid-out paragraphs and tables. */
export async function a4Docx(
  title: string,
  children: (Paragraph | Table)[],
  opts: DocxOptions = {},
): Promise<Uint8Array> {
  const demo = opts.demo === true;
  const document = new Document({
    title,
    creator: '启航评审工作站',
    styles: { default: { document: { run: { font: FANGSONG, size: BODY } } } },
    sections: [
      {
        properties: { page: { size: A4, margin: MARGIN } },
        ...(demo ? { headers: { default: new Header({ children: [demoNotice()] }) } } : {}),
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    children: ['— ', PageNumber.CURRENT, ' —'],
                    font: FANGSONG,
                    size: 28,
                  }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
