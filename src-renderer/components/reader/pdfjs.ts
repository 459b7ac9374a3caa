// pdf.js, loaded on first use (the review screen opens without it). The worker, the character
// maps and the standard fonts come from the build through the app's own scheme: no network.
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

type PdfjsLib = typeof import('pdfjs-dist');
type PdfjsViewer = typeof import('pdfjs-dist/web/pdf_viewer.mjs');

type PdfWorker = InstanceType<PdfjsLib['PDFWorker']>;
let loading: Promise<{ lib: PdfjsLib; viewer: PdfjsViewer; worker: PdfWorker }> | null = null;

/**
 * pdf.js and one worker for every document of the session: without a shared worker each
 * getDocument starts a new thread and parses the 1 MB worker script again.
 */
export function loadPdfjs(): Promise<{ lib: PdfjsLib; viewer: PdfjsViewer; worker: PdfWorker }> {
  loading ??= (async () => {
    const lib = await import('pdfjs-dist');
    lib.GlobalWorkerOptions.workerSrc = workerUrl;
    // The viewer components read the library from this global (pdf_viewer.mjs, line 1 of its
    // body), so it must be set before they are imported.
    (globalThis as { pdfjsLib?: PdfjsLib }).pdfjsLib = lib;
    const viewer = await import('pdfjs-dist/web/pdf_viewer.mjs');
    return { lib, viewer, worker: new lib.PDFWorker() };
  })();
  return loading;
}

/**
 * Options every document is opened with; eval stays off so the CSP needs no 'unsafe-eval'.
 * disableAutoFetch: the viewer would otherwise ask the worker for every page's size right after
 * page 1 is drawn (39 round trips for a 40-page plan, each resizing a page box) and delay the
 * frame that shows page 1; without it a page is read when it is about to be drawn, as pdf.js
 * does for very long documents. (With the bytes given as `data` it changes nothing else.)
 */
export const PDF_OPEN_OPTIONS = {
  disableAutoFetch: true,
  cMapUrl: '/pdfjs/cmaps/',
  cMapPacked: true,
  standardFontDataUrl: '/pdfjs/standard_fonts/',
  isEvalSupported: false,
  enableXfa: false,
} as const;
