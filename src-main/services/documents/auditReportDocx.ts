// The 抽查报告 as a DOCX: the same A4 government layout as the 会审记录 (panelRecordDocx), plus
// the frame grabs as pictures under their findings. Only lays out what
// src-shared/audit/auditReportDoc.ts decided.
import { AlignmentType, ImageRun, Paragraph, TextRun, type Table } from 'docx';
import type { AuditReportDoc } from '../../../src-shared/audit/auditReportDoc';
import { demoTitle } from '../../../src-shared/profiles/demoMark';
import { a4Docx, block, type DocxOptions } from './panelRecordDocx';

/** Text width of A4 with the government margins, in pixels at 96 dpi (≈ 15.6 cm). */
const MAX_IMAGE_WIDTH = 560;
const FANGSONG = { ascii: 'FangSong', eastAsia: '仿宋', hAnsi: 'FangSong' };

export async function auditReportDocx(
  doc: AuditReportDoc,
  opts: DocxOptions = {},
): Promise<Uint8Array> {
  const demo = opts.demo === true;
  const children: (Paragraph | Table)[] = [];
  for (const raw of doc.blocks) {
    // A demo profile's report says so in its title, its header and its file name.
    const b = demo && raw.type === 'title' ? { ...raw, text: demoTitle(raw.text, true) } : raw;
    if (b.type !== 'image') {
      children.push(...block(b));
      continue;
    }
    const scale = Math.min(1, MAX_IMAGE_WIDTH / b.width);
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new ImageRun({
            type: 'png',
            data: Buffer.from(b.pngBase64, 'base64'),
            transformation: {
              width: Math.round(b.width * scale),
              height: Math.round(b.height * scale),
            },
            altText: { name: b.caption, description: b.caption, title: b.caption },
          }),
        ],
      }),
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { after: 200 },
        children: [new TextRun({ text: b.caption, font: FANGSONG, size: 21 })],
      }),
    );
  }
  return a4Docx(demoTitle(doc.title, demo), children, opts);
}
