// The text layer of a PDF, page by page, through pdf.js. The pdf.js module is a parameter: the
// pre-check's Web Worker passes the browser build, the benchmark passes the legacy build in Node.
import type { getDocument as GetDocument } from 'pdfjs-dist';
import type { SimilarityPage } from '../../../src-shared/similarity/document';

export interface PdfjsLike {
  getDocument: typeof GetDocument;
}

export interface PdfTextOptions {
  /** Where pdf.js finds its character maps (non-embedded CJK fonts), if anywhere. */
  cMapUrl?: string;
  /** Checked between pages: a cancelled run stops at the next page. */
  cancelled?: () => boolean;
}

export class PdfTextCancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

export async function pdfPages(
  pdfjs: PdfjsLike,
  bytes: Uint8Array,
  options: PdfTextOptions = {},
): Promise<SimilarityPage[]> {
  const task = pdfjs.getDocument({
    data: bytes,
    // Text only: no font faces, no system fonts, nothing fetched except the character maps
    // named here.
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    ...(options.cMapUrl ? { cMapUrl: options.cMapUrl, cMapPacked: true } : {}),
  });
  const doc = await task.promise;
  try {
    const pages: SimilarityPage[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      if (options.cancelled?.()) throw new PdfTextCancelled();
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        text += item.str;
        if (item.hasEOL) text += '\n';
      }
      pages.push({ page: n, text });
      page.cleanup();
    }
    return pages;
  } finally {
    await task.destroy();
  }
}
