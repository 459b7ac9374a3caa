// Certificate batch → PDF bytes (pdf-lib). The document model (src-shared/certificates/
// certificateDoc.ts) decides what goes where; this file only draws it. One font subset per
// batch, embedded once, shared by every page: a 1,000-page batch stays well under 1 MB.
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import QRCode from 'qrcode';
import {
  docCharacters,
  type CertificateDoc,
  type DocPage,
  type DocText,
} from '../../../src-shared/certificates/certificateDoc';
import { subsetFor, type CjkFont } from './cjkFont';

const PT_PER_MM = 72 / 25.4;
const INK = rgb(0.1, 0.1, 0.12);

export interface PdfOptions {
  /** Fonts in order of preference; each character is drawn with the first that has it. */
  fonts: CjkFont[];
  /** Fixed dates make the bytes reproducible (tests, the demo screenshot). */
  now?: Date;
}

interface Embedded {
  font: CjkFont;
  pdf: PDFFont;
}

/** Splits text into runs that one font can draw; the preflight made sure some font can. */
function runs(text: string, fonts: Embedded[]): { text: string; font: Embedded }[] {
  const out: { text: string; font: Embedded }[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const f = fonts.find((e) => e.font.has(cp)) ?? fonts[0]!;
    const last = out[out.length - 1];
    if (last && last.font === f) last.text += ch;
    else out.push({ text: ch, font: f });
  }
  return out;
}

function drawText(page: PDFPage, item: DocText, heightPt: number, fonts: Embedded[]): void {
  const parts = runs(item.text, fonts);
  const width = parts.reduce((w, r) => w + r.font.pdf.widthOfTextAtSize(r.text, item.sizePt), 0);
  let x = item.xMm * PT_PER_MM - (item.align === 'center' ? width / 2 : 0);
  const y = heightPt - item.yMm * PT_PER_MM;
  for (const r of parts) {
    page.drawText(r.text, { x, y, size: item.sizePt, font: r.font.pdf, color: INK });
    x += r.font.pdf.widthOfTextAtSize(r.text, item.sizePt);
  }
}

/**
 * The QR code as a 1-bit-per-module PNG (one pixel per module, a 2-module quiet zone) drawn scaled: a few
 * hundred bytes per certificate, where a vector path of module runs cost ~30 KB a page.
 */
async function drawQr(
  pdf: PDFDocument,
  page: PDFPage,
  item: { payload: string; xMm: number; yMm: number; sizeMm: number },
  heightPt: number,
): Promise<void> {
  const png = await QRCode.toBuffer(item.payload, {
    errorCorrectionLevel: 'M',
    margin: 2,
    scale: 1,
  });
  const image = await pdf.embedPng(png);
  const size = item.sizeMm * PT_PER_MM;
  page.drawImage(image, {
    x: item.xMm * PT_PER_MM,
    y: heightPt - item.yMm * PT_PER_MM - size,
    width: size,
    height: size,
  });
}

async function drawPage(pdf: PDFDocument, p: DocPage, fonts: Embedded[]): Promise<void> {
  const w = p.widthMm * PT_PER_MM;
  const h = p.heightMm * PT_PER_MM;
  const page = pdf.addPage([w, h]);
  for (const item of p.items) {
    if (item.kind === 'text') drawText(page, item, h, fonts);
    else if (item.kind === 'qr') await drawQr(pdf, page, item, h);
    else
      page.drawLine({
        start: { x: item.x1Mm * PT_PER_MM, y: h - item.y1Mm * PT_PER_MM },
        end: { x: item.x2Mm * PT_PER_MM, y: h - item.y2Mm * PT_PER_MM },
        thickness: item.widthPt,
        color: rgb(0.45, 0.45, 0.5),
      });
  }
}

/**
 * Writes the document. The caller has run the glyph preflight: every character here is in
 * some font, so no page can print a blank or a box.
 */
export async function certificatePdf(doc: CertificateDoc, opts: PdfOptions): Promise<Uint8Array> {
  if (opts.fonts.length === 0) throw new Error('certificatePdf needs a font');
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const chars = docCharacters(doc);
  const fonts: Embedded[] = [];
  for (const font of opts.fonts) {
    const mine = [...chars].filter((ch) => font.has(ch.codePointAt(0)!)).join('');
    if (!mine && fonts.length > 0) continue;
    // HarfBuzz subset, embedded whole: fontkit's own subsetter breaks Noto Serif SC.
    const bytes = await subsetFor(font, mine);
    fonts.push({ font, pdf: await pdf.embedFont(bytes, { subset: false }) });
  }
  for (const p of doc.pages) await drawPage(pdf, p, fonts);
  const now = opts.now ?? new Date();
  pdf.setTitle(doc.title);
  pdf.setProducer('启航评审工作站');
  pdf.setCreator('启航评审工作站');
  pdf.setCreationDate(now);
  pdf.setModificationDate(now);
  return pdf.save({ useObjectStreams: true });
}
