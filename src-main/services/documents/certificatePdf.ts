// Certificate batch → PDF bytes (pdf-lib). The document model (src-shared/certificates/
// certificateDoc.ts) decides what goes where; this file only draws it. One font subset per
// batch, embedded once, shared by every page: a 1,000-page batch stays well under 1 MB.
import fontkit from '@pdf-lib/fontkit';
import {
  PDFDocument,
  concatTransformationMatrix,
  degrees,
  drawObject,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  type PDFFont,
  type PDFPage,
} from 'pdf-lib';
import QRCode from 'qrcode';
import {
  docCharacters,
  type CertificateDoc,
  type DocPage,
  type DocText,
} from '../../../src-shared/certificates/certificateDoc';
import { DEMO_DOCUMENT_NOTICE, DEMO_MARK } from '../../../src-shared/profiles/demoMark';
import { subsetFor, type CjkFont } from './cjkFont';

const PT_PER_MM = 72 / 25.4;
const INK = rgb(0.1, 0.1, 0.12);

export interface PdfOptions {
  /** Fonts in order of preference; each character is drawn with the first that has it. */
  fonts: CjkFont[];
  /** Fixed dates make the bytes reproducible (tests, the demo screenshot). */
  now?: Date;
  /**
   * A demo profile's batch: every page carries a large diagonal 演示 and the notice line, so a
   * printed demo certificate cannot pass for a real one. Main's own record of the profile
   * decides, never the renderer.
   */
  demo?: boolean;
}

const DEMO_RED = rgb(0.85, 0.1, 0.1);

/** Drawn over the content: a watermark under the text could be hidden by a filled template. */
function drawDemoMark(page: PDFPage, font: PDFFont): void {
  const { width, height } = page.getSize();
  const size = Math.min(width, height) / 3;
  const w = font.widthOfTextAtSize(DEMO_MARK, size);
  const angle = Math.atan2(height, width);
  // Centre the rotated word on the page: start half its width back along the diagonal.
  page.drawText(DEMO_MARK, {
    x: width / 2 - (Math.cos(angle) * w) / 2 + (Math.sin(angle) * size) / 3,
    y: height / 2 - (Math.sin(angle) * w) / 2 - (Math.cos(angle) * size) / 3,
    size,
    font,
    color: DEMO_RED,
    opacity: 0.25,
    rotate: degrees((angle * 180) / Math.PI),
  });
  const noticeSize = 12;
  const nw = font.widthOfTextAtSize(DEMO_DOCUMENT_NOTICE, noticeSize);
  page.drawText(DEMO_DOCUMENT_NOTICE, {
    x: (width - nw) / 2,
    y: height - 8 * PT_PER_MM - noticeSize,
    size: noticeSize,
    font,
    color: DEMO_RED,
  });
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
 * The QR code as a 1-bit DeviceGray image, one pixel per module with a 2-module quiet zone, drawn
 * scaled to the template's size. Built straight from the module matrix: a PNG round trip (encode,
 * then pdf-lib decoding it and re-encoding as RGB with an alpha mask) cost most of a page's time
 * and ~3 KB a page; this is a few hundred bytes and no image decoding at all.
 */
function drawQr(
  pdf: PDFDocument,
  page: PDFPage,
  item: { payload: string; xMm: number; yMm: number; sizeMm: number },
  heightPt: number,
): void {
  const qr = QRCode.create(item.payload, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const margin = 2;
  const w = n + 2 * margin;
  const rowBytes = Math.ceil(w / 8);
  // DeviceGray at 1 bit: 1 is white, 0 is black; start white and clear the dark modules.
  const bits = new Uint8Array(rowBytes * w).fill(0xff);
  for (let y = 0; y < n; y++)
    for (let x = 0; x < n; x++) {
      if (!qr.modules.get(y, x)) continue;
      const px = x + margin;
      const i = (y + margin) * rowBytes + (px >> 3);
      bits[i] = bits[i]! & ~(0x80 >> (px & 7));
    }
  const image = pdf.context.register(
    pdf.context.flateStream(bits, {
      Type: 'XObject',
      Subtype: 'Image',
      Width: w,
      Height: w,
      ColorSpace: 'DeviceGray',
      BitsPerComponent: 1,
      // Modules must stay sharp squares when scaled up, or a scanner sees blur.
      Interpolate: false,
    }),
  );
  const name = page.node.newXObject('Qr', image);
  const size = item.sizeMm * PT_PER_MM;
  page.pushOperators(
    pushGraphicsState(),
    concatTransformationMatrix(
      size,
      0,
      0,
      size,
      item.xMm * PT_PER_MM,
      heightPt - item.yMm * PT_PER_MM - size,
    ),
    drawObject(name),
    popGraphicsState(),
  );
}

async function drawPage(
  pdf: PDFDocument,
  p: DocPage,
  fonts: Embedded[],
  demo: boolean,
): Promise<void> {
  const w = p.widthMm * PT_PER_MM;
  const h = p.heightMm * PT_PER_MM;
  const page = pdf.addPage([w, h]);
  for (const item of p.items) {
    if (item.kind === 'text') drawText(page, item, h, fonts);
    else if (item.kind === 'qr') drawQr(pdf, page, item, h);
    else
      page.drawLine({
        start: { x: item.x1Mm * PT_PER_MM, y: h - item.y1Mm * PT_PER_MM },
        end: { x: item.x2Mm * PT_PER_MM, y: h - item.y2Mm * PT_PER_MM },
        thickness: item.widthPt,
        color: rgb(0.45, 0.45, 0.5),
      });
  }
  if (demo) drawDemoMark(page, fonts[0]!.pdf);
}

/**
 * Writes the document. The caller has run the glyph preflight: every character here is in
 * some font, so no page can print a blank or a box.
 */
export async function certificatePdf(doc: CertificateDoc, opts: PdfOptions): Promise<Uint8Array> {
  if (opts.fonts.length === 0) throw new Error('certificatePdf needs a font');
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const demo = opts.demo === true;
  const chars = new Set(docCharacters(doc) + (demo ? DEMO_MARK + DEMO_DOCUMENT_NOTICE : ''));
  const fonts: Embedded[] = [];
  for (const font of opts.fonts) {
    const mine = [...chars].filter((ch) => font.has(ch.codePointAt(0)!)).join('');
    if (!mine && fonts.length > 0) continue;
    // HarfBuzz subset, embedded whole: fontkit's own subsetter breaks Noto Serif SC.
    const bytes = await subsetFor(font, mine);
    fonts.push({ font, pdf: await pdf.embedFont(bytes, { subset: false }) });
  }
  for (const p of doc.pages) await drawPage(pdf, p, fonts, demo);
  const now = opts.now ?? new Date();
  pdf.setTitle(demo ? `【${DEMO_MARK}】${doc.title}` : doc.title);
  pdf.setProducer('启航评审工作站');
  pdf.setCreator('启航评审工作站');
  pdf.setCreationDate(now);
  pdf.setModificationDate(now);
  return pdf.save({ useObjectStreams: true });
}
