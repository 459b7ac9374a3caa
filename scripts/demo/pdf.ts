// Renders demo plan documents as real PDFs with embedded Chinese text.
// Font route (see docs/demo.md): HarfBuzz subsets Noto Serif SC to the characters a document
// uses, and pdf-lib embeds that subset as-is ({ subset: false }) — @pdf-lib/fontkit's own
// subsetter corrupts this font's glyph data (glyphs render blank). Subsetting twice (first to
// the union of all demo text, then per document) keeps the per-document step fast.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import subsetFont from 'subset-font';
import type { PlanDoc } from './plan-text';

// pdf-lib draws glyph by glyph (no shaping, horizontal only), so layout and vertical tables are dead weight.
const LAYOUT_TABLES = ['GSUB', 'GPOS', 'GDEF', 'BASE', 'vhea', 'vmtx', 'VORG', 'DSIG'];
const FIXED_DATE = new Date('2025-06-25T02:00:00Z');
const A4: [number, number] = [595.28, 841.89];
const MARGIN = 64;
const INK = rgb(0.12, 0.12, 0.14);
const MUTED = rgb(0.38, 0.38, 0.42);

export function notoSerifScPath(): string {
  const require = createRequire(__filename);
  const pkg = require.resolve('@expo-google-fonts/noto-serif-sc/package.json');
  return join(dirname(pkg), '400Regular', 'NotoSerifSC_400Regular.ttf');
}

export interface DemoFont {
  /** True when the font has a glyph for every character of text. */
  printable(text: string): boolean;
  /** Subset bytes for exactly these characters (plus the space). */
  subsetFor(text: string): Promise<Uint8Array>;
}

export function loadDemoFont(path = notoSerifScPath()): {
  full: Uint8Array;
  printable: (text: string) => boolean;
} {
  const full = new Uint8Array(readFileSync(path));
  const font = fontkit.create(full);
  const printable = (text: string): boolean =>
    [...text].every((ch) => /\s/.test(ch) || font.hasGlyphForCodePoint(ch.codePointAt(0) ?? 0));
  return { full, printable };
}

function uniqueChars(text: string): string {
  return [...new Set([...text, ' '])].sort().join('');
}

export async function makeDemoFont(
  allText: string,
  { full, printable }: { full: Uint8Array; printable: (text: string) => boolean } = loadDemoFont(),
): Promise<DemoFont> {
  const base = await subsetFont(Buffer.from(full), uniqueChars(allText), {
    targetFormat: 'truetype',
  });
  return {
    printable,
    subsetFor: async (text) =>
      new Uint8Array(
        await subsetFont(base, uniqueChars(text), {
          targetFormat: 'truetype',
          noHinting: true,
          dropTables: LAYOUT_TABLES,
        }),
      ),
  };
}

const INDENT = '\u3000\u3000';
const factLine = ([label, value]: [string, string]): string => `${label}：${value}`;

/** Every string the renderer draws, so the subset holds exactly the glyphs it needs. */
export function docText(doc: PlanDoc): string {
  const parts = [doc.title, doc.project, ...doc.facts.map(factLine)];
  for (const s of doc.sections) parts.push(s.heading, ...s.paragraphs.map((p) => INDENT + p));
  if (doc.table) parts.push(doc.table.caption, ...doc.table.header, ...doc.table.rows.flat());
  return parts.join('\n');
}

const NO_LINE_START = '，。、；：！？）」》”';

const coverage = new WeakMap<PDFFont, Set<number>>();

/** Refuses to draw a character the embedded subset lacks (it would print as blank or tofu). */
function drawChecked(
  page: PDFPage,
  text: string,
  options: Parameters<PDFPage['drawText']>[1] & { font: PDFFont },
): void {
  let set = coverage.get(options.font);
  if (!set) coverage.set(options.font, (set = new Set(options.font.getCharacterSet())));
  const missing = [...text].filter((ch) => !set.has(ch.codePointAt(0) ?? 0));
  if (missing.length > 0) throw new Error(`字体子集缺少「${missing.join('')}」，拒绝输出：${text}`);
  page.drawText(text, options);
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of text) {
    // Closing punctuation hangs at the line end rather than starting the next line.
    if (
      line !== '' &&
      !NO_LINE_START.includes(ch) &&
      font.widthOfTextAtSize(line + ch, size) > width
    ) {
      lines.push(line);
      line = '';
    }
    line += ch;
  }
  if (line !== '') lines.push(line);
  return lines;
}

class Cursor {
  page: PDFPage;
  y: number;
  constructor(
    private readonly pdf: PDFDocument,
    private readonly font: PDFFont,
  ) {
    this.page = pdf.addPage(A4);
    this.y = A4[1] - MARGIN;
  }
  newPage(): void {
    this.page = this.pdf.addPage(A4);
    this.y = A4[1] - MARGIN;
  }
  text(
    s: string,
    size: number,
    opts: { indent?: number; color?: typeof INK; gap?: number } = {},
  ): void {
    const width = A4[0] - 2 * MARGIN - (opts.indent ?? 0);
    for (const line of wrap(s, this.font, size, width)) {
      if (this.y < MARGIN + size) this.newPage();
      drawChecked(this.page, line, {
        x: MARGIN + (opts.indent ?? 0),
        y: this.y - size,
        size,
        font: this.font,
        color: opts.color ?? INK,
      });
      this.y -= size * 1.7;
    }
    this.y -= opts.gap ?? 0;
  }
}

function drawTable(c: Cursor, font: PDFFont, table: NonNullable<PlanDoc['table']>): void {
  c.text(table.caption, 13, { gap: 4 });
  const size = 10.5;
  const colW = (A4[0] - 2 * MARGIN) / table.header.length;
  const rowH = 22;
  for (const [r, row] of [table.header, ...table.rows].entries()) {
    if (c.y < MARGIN + rowH) c.newPage();
    const top = c.y;
    row.forEach((cell, i) => {
      const x = MARGIN + i * colW;
      c.page.drawRectangle({
        x,
        y: top - rowH,
        width: colW,
        height: rowH,
        borderColor: MUTED,
        borderWidth: 0.6,
        ...(r === 0 ? { color: rgb(0.92, 0.93, 0.95) } : {}),
      });
      drawChecked(c.page, cell, { x: x + 8, y: top - rowH + 7, size, font, color: INK });
    });
    c.y -= rowH;
  }
  c.y -= 12;
}

export async function renderPlanPdf(doc: PlanDoc, demoFont: DemoFont): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const font = await pdf.embedFont(await demoFont.subsetFor(docText(doc)), {
    subset: false,
    customName: 'NotoSerifSC-Regular',
  });
  pdf.setTitle(`${doc.project} ${doc.title}`);
  pdf.setProducer('启航评审工作站演示数据生成器');
  pdf.setCreator('启航评审工作站演示数据生成器');
  pdf.setCreationDate(FIXED_DATE);
  pdf.setModificationDate(FIXED_DATE);

  const c = new Cursor(pdf, font);
  c.y -= 120;
  const titleSize = 30;
  const titleWidth = font.widthOfTextAtSize(doc.title, titleSize);
  drawChecked(c.page, doc.title, {
    x: (A4[0] - titleWidth) / 2,
    y: c.y,
    size: titleSize,
    font,
    color: INK,
  });
  c.y -= 56;
  const projWidth = font.widthOfTextAtSize(doc.project, 18);
  drawChecked(c.page, doc.project, {
    x: (A4[0] - projWidth) / 2,
    y: c.y,
    size: 18,
    font,
    color: MUTED,
  });
  c.y -= 120;
  for (const fact of doc.facts) c.text(factLine(fact), 12, { indent: 40, gap: 6 });

  if (doc.sections.length > 0 || doc.table) {
    // Short documents keep everything on one page; long ones start the body on page 2.
    if (doc.sections.length > 1) c.newPage();
    else c.y -= 30;
    for (const s of doc.sections) {
      c.text(s.heading, 15, { gap: 6 });
      for (const p of s.paragraphs) c.text(INDENT + p, 11, { gap: 4 });
      c.y -= 10;
    }
    if (doc.table) drawTable(c, font, doc.table);
  }
  return pdf.save({ useObjectStreams: true });
}
