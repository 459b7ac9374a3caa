// Certificate batch → PDF bytes (pdf-lib). The document model (src-shared/certificates/
// certificateDoc.ts) decides what goes where; this file only draws it. Everything a batch
// shares is written once: one font subset per font, one resource dictionary, and per page
// layout one template (form XObject) with what every page has in common
// (src-shared/certificates/pageTemplate.ts). A page's own stream holds only its own fields and
// its QR code, so 1,000 certificates cost little more than their QR codes.
import { deflateSync } from 'node:zlib';
import fontkit from '@pdf-lib/fontkit';
import {
  PDFDocument,
  PDFName,
  PDFPageLeaf,
  beginText,
  drawLine,
  drawObject,
  endText,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  rotateAndSkewTextRadiansAndTranslate,
  setFillingColor,
  setFontAndSize,
  setGraphicsState,
  showText,
  type PDFDict,
  type PDFFont,
  type PDFHexString,
  type PDFOperator,
  type PDFRef,
} from 'pdf-lib';
import {
  docCharacters,
  type CertificateDoc,
  type DocLine,
  type DocQr,
  type DocText,
} from '../../../src-shared/certificates/certificateDoc';
import { templatePages } from '../../../src-shared/certificates/pageTemplate';
import { QR_QUIET_MODULES, qrModules } from '../../../src-shared/certificates/qrMatrix';
import { DEMO_DOCUMENT_NOTICE, DEMO_MARK } from '../../../src-shared/profiles/demoMark';
import { subsetFor, type CjkFont } from './cjkFont';

const PT_PER_MM = 72 / 25.4;
/** Positions to 1/1000 pt (0.35 µm): full float digits cost ~50 compressed bytes a page. */
const pt = (v: number) => Math.round(v * 1000) / 1000;
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
const LINE_GREY = rgb(0.45, 0.45, 0.5);

interface Embedded {
  font: CjkFont;
  pdf: PDFFont;
  /** Its name in the shared resources. */
  key: string;
}

interface Run {
  font: Embedded;
  hex: PDFHexString;
  /** `<glyph codes>`, as the Tj operator takes it. */
  hexText: string;
  /** Advance width at 1 pt. */
  width: number;
}

/**
 * Text → font runs, glyph codes and widths, each string laid out once per batch: fontkit's
 * layout is the costly part of drawing text, and the labels, organizer and dates repeat on
 * every page.
 */
class TextRuns {
  private readonly cache = new Map<string, Run[]>();
  constructor(private readonly fonts: Embedded[]) {}

  get(text: string): Run[] {
    let runs = this.cache.get(text);
    if (!runs) {
      runs = this.split(text).map(({ text: t, font }) => {
        const hex = font.pdf.encodeText(t);
        return { font, hex, hexText: hex.toString(), width: font.pdf.widthOfTextAtSize(t, 1) };
      });
      this.cache.set(text, runs);
    }
    return runs;
  }

  width(text: string): number {
    return this.get(text).reduce((w, r) => w + r.width, 0);
  }

  /** Splits text into runs that one font can draw; the preflight made sure some font can. */
  private split(text: string): { text: string; font: Embedded }[] {
    const out: { text: string; font: Embedded }[] = [];
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      const f = this.fonts.find((e) => e.font.has(cp)) ?? this.fonts[0]!;
      const last = out[out.length - 1];
      if (last && last.font === f) last.text += ch;
      else out.push({ text: ch, font: f });
    }
    return out;
  }
}

/**
 * One text item as content-stream operators, written as text directly: pdf-lib's operator
 * objects and its number formatting cost more than the rest of a page's text together.
 */
function textOps(item: DocText, after: string, heightPt: number, text: TextRuns): string {
  const size = item.sizePt;
  let x =
    item.xMm * PT_PER_MM +
    (item.align === 'center' ? -(text.width(item.text) * size) / 2 : text.width(after) * size);
  const y = pt(heightPt - item.yMm * PT_PER_MM);
  let ops = 'BT';
  // The first Td places the line; each later run moves along it from the previous run's start.
  let at = 0;
  let first = true;
  for (const r of text.get(item.text)) {
    const nx = pt(x);
    ops += `\n/${r.font.key} ${size} Tf\n${first ? `${nx} ${y}` : `${pt(nx - at)} 0`} Td\n${r.hexText} Tj`;
    at = nx;
    first = false;
    x += r.width * size;
  }
  return `${ops}\nET`;
}

function lineOps(item: DocLine, heightPt: number): PDFOperator[] {
  return drawLine({
    start: { x: item.x1Mm * PT_PER_MM, y: heightPt - item.y1Mm * PT_PER_MM },
    end: { x: item.x2Mm * PT_PER_MM, y: heightPt - item.y2Mm * PT_PER_MM },
    thickness: item.widthPt,
    color: LINE_GREY,
  });
}

/**
 * The demo watermark, drawn over the content: a watermark under the text could be hidden by a
 * filled template. `opacity` names the shared ExtGState that makes the big word translucent.
 */
function demoMarkOps(
  widthPt: number,
  heightPt: number,
  text: TextRuns,
  opacity: string,
): (PDFOperator | string)[] {
  const size = Math.min(widthPt, heightPt) / 3;
  const w = text.width(DEMO_MARK) * size;
  const angle = Math.atan2(heightPt, widthPt);
  // Centre the rotated word on the page: start half its width back along the diagonal.
  const x = widthPt / 2 - (Math.cos(angle) * w) / 2 + (Math.sin(angle) * size) / 3;
  const y = heightPt / 2 - (Math.sin(angle) * w) / 2 - (Math.cos(angle) * size) / 3;
  const noticeSize = 12;
  const notice: DocText = {
    kind: 'text',
    field: 'title',
    text: DEMO_DOCUMENT_NOTICE,
    xMm: widthPt / 2 / PT_PER_MM,
    yMm: 8 + noticeSize / PT_PER_MM,
    sizePt: noticeSize,
    align: 'center',
  };
  return [
    pushGraphicsState(),
    setFillingColor(DEMO_RED),
    pushGraphicsState(),
    setGraphicsState(opacity),
    beginText(),
    rotateAndSkewTextRadiansAndTranslate(angle, 0, 0, pt(x), pt(y)),
    ...text.get(DEMO_MARK).flatMap((r) => [setFontAndSize(r.font.key, size), showText(r.hex)]),
    endText(),
    popGraphicsState(),
    textOps(notice, '', heightPt, text),
    popGraphicsState(),
  ];
}

/**
 * The QR code as an inline 1-bit DeviceGray image in the page's own content, one pixel per
 * module, placed inside the template's square so the quiet zone is the white around it.
 * Inline rather than an image object: a certificate's QR is used once, and an object of its
 * own costs ~180 bytes of dictionary and cross-reference per page. ASCIIHex keeps the binary
 * rows from ever looking like the `EI` that ends the image; the page stream's Flate packs the
 * hex back to ~4 bits a digit.
 */
function qrOps(item: DocQr, heightPt: number): string {
  const rows = qrModules(item.payload);
  const quiet = QR_QUIET_MODULES;
  const total = rows.length;
  const n = total - 2 * quiet;
  // DeviceGray at 1 bit: 1 is white, 0 is black. Each row is packed byte by byte and written
  // as hex straight away (no intermediate bitmap; rows pad with white bits).
  let hex = '';
  for (let y = 0; y < n; y++) {
    const row = rows[y + quiet]!;
    for (let x = 0; x < n; x += 8) {
      let byte = 0;
      for (let b = 0; b < 8; b++) {
        const dark = x + b < n && row[x + b + quiet] === true;
        byte = (byte << 1) | (dark ? 0 : 1);
      }
      hex += HEX[byte]!;
    }
  }
  const module = (item.sizeMm * PT_PER_MM) / total;
  const size = module * n;
  const x = item.xMm * PT_PER_MM + module * QR_QUIET_MODULES;
  const y = heightPt - item.yMm * PT_PER_MM - module * QR_QUIET_MODULES - size;
  // Modules must stay sharp squares when scaled up (no /I true), or a scanner sees blur.
  return `q\n${pt(size)} 0 0 ${pt(size)} ${pt(x)} ${pt(y)} cm\nBI /W ${n} /H ${n} /CS /G /BPC 1 /F /AHx ID ${hex}> EI\nQ`;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function contentStream(pdf: PDFDocument, parts: (PDFOperator | string)[], dict: object) {
  const text = parts.map(String).join('\n');
  // Node's native zlib: pdf-lib's pako spent more time setting up each stream than packing it.
  return pdf.context.stream(deflateSync(Buffer.from(text, 'latin1')), {
    ...dict,
    Filter: 'FlateDecode',
  });
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
    const pdfFont = await pdf.embedFont(bytes, { subset: false });
    fonts.push({ font, pdf: pdfFont, key: `F${fonts.length}` });
  }
  const text = new TextRuns(fonts);
  const { templates, pages } = templatePages(doc.pages);

  // Resources are shared by the whole batch: the fonts and the watermark's opacity for the
  // templates, plus the templates themselves for the pages.
  const opacity = 'Translucent';
  const drawing = {
    Font: Object.fromEntries(fonts.map((f) => [f.key, f.pdf.ref])),
    ...(demo ? { ExtGState: { [opacity]: { Type: 'ExtGState', ca: 0.25, CA: 0.25 } } } : {}),
  };
  const drawingRef = pdf.context.register(pdf.context.obj(drawing));
  const xobjects = pdf.context.obj({}) as PDFDict;
  const pageResources = pdf.context.register(pdf.context.obj({ ...drawing, XObject: xobjects }));

  const templateNames = templates.map((t, i) => {
    const w = t.widthMm * PT_PER_MM;
    const h = t.heightMm * PT_PER_MM;
    const ops: (PDFOperator | string)[] = [setFillingColor(INK)];
    for (const item of t.items) {
      if (item.kind === 'text') ops.push(textOps(item, '', h, text));
      else if (item.kind === 'line') ops.push(...lineOps(item, h));
    }
    const name = `T${i}`;
    const form = (content: (PDFOperator | string)[]) =>
      pdf.context.register(
        contentStream(pdf, content, {
          Type: 'XObject',
          Subtype: 'Form',
          BBox: [0, 0, w, h],
          Resources: drawingRef,
        }),
      );
    xobjects.set(PDFName.of(name), form(ops));
    if (demo) xobjects.set(PDFName.of(`${name}Demo`), form(demoMarkOps(w, h, text, opacity)));
    return name;
  });

  // Pages go straight onto the page tree: pdf-lib's addPage walks every page already added to
  // find where the new one goes, which makes a 1,000-page batch quadratic.
  const pageTree = pdf.catalog.Pages();
  const pagesRef = pdf.catalog.get(PDFName.of('Pages')) as PDFRef;
  for (const p of pages) {
    const t = templates[p.template]!;
    const w = t.widthMm * PT_PER_MM;
    const h = t.heightMm * PT_PER_MM;
    const parts: (PDFOperator | string)[] = [drawObject(templateNames[p.template]!)];
    parts.push(setFillingColor(INK));
    for (const item of p.items) {
      if (item.kind === 'text') parts.push(textOps(item, item.after, h, text));
      else if (item.kind === 'qr') parts.push(qrOps(item, h));
      else parts.push(...lineOps(item, h));
    }
    if (demo) parts.push(drawObject(`${templateNames[p.template]!}Demo`));
    const leaf = PDFPageLeaf.fromMapWithContext(new Map(), pdf.context);
    leaf.set(PDFName.of('Type'), PDFName.of('Page'));
    leaf.set(PDFName.of('Parent'), pagesRef);
    leaf.set(PDFName.of('MediaBox'), pdf.context.obj([0, 0, w, h]));
    leaf.set(PDFName.of('Resources'), pageResources);
    leaf.set(PDFName.of('Contents'), pdf.context.register(contentStream(pdf, parts, {})));
    pageTree.pushLeafNode(pdf.context.register(leaf));
  }
  const now = opts.now ?? new Date();
  pdf.setTitle(demo ? `【${DEMO_MARK}】${doc.title}` : doc.title);
  pdf.setProducer('启航评审工作站');
  pdf.setCreator('启航评审工作站');
  pdf.setCreationDate(now);
  pdf.setModificationDate(now);
  // The page count pdf-lib keeps is stale (pages bypassed addPage): no default page added.
  return pdf.save({ useObjectStreams: true, addDefaultPage: false });
}
