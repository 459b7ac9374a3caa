// Opening a package PDF: its bytes from main's /files route, parsed by pdf.js, page 1 asked for.
// The review screen starts this as soon as an item is selected (preloadPdf), while React still
// draws the scoring form; the viewer that mounts for the same address takes the same promise
// instead of starting over, so the fetch and the worker's parse overlap the form's rendering.
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { t } from '../../app/strings';
import type { ShownError } from '../ErrorNotice';
import { fetchPackageFile } from './fetchFile';
import { loadPdfjs, PDF_OPEN_OPTIONS } from './pdfjs';

const s = t.reader;

export type OpenedPdf = { ok: true; doc: PDFDocumentProxy } | { ok: false; error: ShownError };

/** One load: abort() stops the fetch, and a document that arrives anyway is destroyed. */
export interface PdfLoad {
  url: string;
  promise: Promise<OpenedPdf>;
  abort(): void;
}

function startLoad(url: string, path: string): PdfLoad {
  const controller = new AbortController();
  const promise = (async (): Promise<OpenedPdf> => {
    // pdf.js (a lazy chunk) and its worker load while the file is fetched.
    const pdfjs = loadPdfjs();
    const fetched = await fetchPackageFile(url, controller.signal);
    if (!fetched.ok) return { ok: false, error: fetched.error };
    if (!fetched.contentType.startsWith('application/pdf'))
      return {
        ok: false,
        error: { message: s.notPdfType, detail: `${s.fileDetail(path)}\n${fetched.contentType}` },
      };
    const { lib, worker } = await pdfjs;
    try {
      const doc = await lib.getDocument({ data: fetched.bytes, worker, ...PDF_OPEN_OPTIONS })
        .promise;
      // The viewer asks for page 1 first thing; asking now lets the worker answer while React
      // is still busy (pdf.js keeps one promise per page, so the viewer's call reuses it).
      void doc.getPage(1).catch(() => undefined);
      return { ok: true, doc };
    } catch (error) {
      return {
        ok: false,
        error: {
          code: 'not-a-pdf',
          message: s.damagedPdf,
          detail: `${s.fileDetail(path)}\n${String(error)}`,
        },
      };
    }
  })();
  return {
    url,
    promise,
    abort() {
      controller.abort();
      void promise.then((opened) => {
        if (opened.ok) void opened.doc.loadingTask.destroy();
      });
    },
  };
}

// At most one load waits for its viewer: selecting another item first drops it.
let waiting: PdfLoad | null = null;
// Addresses a mounted viewer shows now: a late preload of one of them would never be taken.
const shown = new Map<string, number>();

/** Starts opening `url` for a viewer about to mount; `path` names the file in messages. */
export function preloadPdf(url: string, path: string): void {
  if (waiting?.url === url || shown.has(url)) return;
  waiting?.abort();
  waiting = startLoad(url, path);
}

/**
 * The document at `url` for a viewer: the preloaded load if there is one, else a new one. The
 * viewer owns it from now on and calls `release` when it unmounts (abort + destroy).
 */
export function takePdf(url: string, path: string): { load: PdfLoad; release(): void } {
  let load: PdfLoad;
  if (waiting?.url === url) {
    load = waiting;
    waiting = null;
  } else load = startLoad(url, path);
  shown.set(url, (shown.get(url) ?? 0) + 1);
  let released = false;
  return {
    load,
    release() {
      if (released) return;
      released = true;
      const left = (shown.get(url) ?? 1) - 1;
      if (left > 0) shown.set(url, left);
      else shown.delete(url);
      load.abort();
    },
  };
}
