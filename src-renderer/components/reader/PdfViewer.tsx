// A PDF of a submission, read with pdf.js's own viewer components: pages are laid out at once
// but only the visible ones (and a small buffer) are rendered, the text layer allows selection,
// and the find controller highlights hits. The toolbar around it is ours.
import { Box, Group, Loader, Stack, Text } from '@mantine/core';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import type { EventBus, PDFViewer } from 'pdfjs-dist/web/pdf_viewer.mjs';
import 'pdfjs-dist/web/pdf_viewer.css';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ANCHOR_QUOTE_MAX } from '../../../src-shared/review/anchor';
import { t } from '../../app/strings';
import { PdfThumbnails } from './PdfThumbnails';
import { PdfToolbar, type FindMatches } from './PdfToolbar';
import { loadPdfjs } from './pdfjs';
import { takePdf } from './pdfOpen';
import { ErrorNotice, type ShownError } from '../ErrorNotice';

const s = t.reader;

/** Asks the viewer to show a page; a new `nonce` repeats the request for the same page. */
export interface PageRequest {
  page: number;
  nonce: number;
}

/** What 引用此页 reports: the page read, how many the file has, and the selected text. */
export interface PdfCite {
  page: number;
  pageCount: number;
  quote?: string;
}

/** Text selected inside `root`, whitespace folded, cut to `max` characters; none if empty. */
function selectedText(root: HTMLElement | null, max: number): string | undefined {
  const sel = window.getSelection();
  if (!root || !sel || sel.isCollapsed || !sel.anchorNode || !root.contains(sel.anchorNode)) {
    return undefined;
  }
  const text = sel.toString().replace(/\s+/g, ' ').trim();
  return text ? text.slice(0, max) : undefined;
}

export interface PdfViewerProps {
  /** The /files/<packageId>/<sha256> address. */
  url: string;
  /** The file's path in the package, for messages. */
  path: string;
  goTo?: PageRequest | null;
  /** Shown as 引用此页 when given. */
  onCite?: (cite: PdfCite) => void;
}

type Status = { kind: 'loading' } | { kind: 'ready' } | { kind: 'error'; error: ShownError };

interface Open {
  viewer: PDFViewer;
  eventBus: EventBus;
  doc: PDFDocumentProxy;
}

/** One document per mount: give it `key={url}` so another file starts from a fresh state. */
export function PdfViewer({ url, path, goTo, onCite }: PdfViewerProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const viewerRef = useRef<HTMLDivElement>(null);
  const openRef = useRef<Open | null>(null);
  const [status, setStatus] = useState<Status>({ kind: 'loading' });
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [page, setPage] = useState(1);
  const [scale, setScale] = useState(1);
  const [matches, setMatches] = useState<FindMatches | null>(null);
  // Off at first: beside the form the page needs the width; one click shows the strip.
  const [thumbs, setThumbs] = useState(false);
  const pendingPage = useRef<number | null>(goTo?.page ?? null);

  useEffect(() => {
    const controller = new AbortController();
    let opened: Open | null = null;
    const { load, release } = takePdf(url, path);
    void (async () => {
      const result = await load.promise;
      if (controller.signal.aborted) return;
      if (!result.ok) return setStatus({ kind: 'error', error: result.error });
      const pdf = result.doc;
      const { lib, viewer } = await loadPdfjs();
      const container = containerRef.current;
      const viewerDiv = viewerRef.current;
      if (controller.signal.aborted || !container || !viewerDiv) return;
      const eventBus = new viewer.EventBus();
      const linkService = new viewer.PDFLinkService({ eventBus });
      const findController = new viewer.PDFFindController({ eventBus, linkService });
      const pdfViewer = new viewer.PDFViewer({
        container,
        viewer: viewerDiv,
        eventBus,
        linkService,
        findController,
        // Nothing is edited in a submission: no editor manager and its selection listeners.
        annotationEditorMode: lib.AnnotationEditorType.DISABLE,
      });
      linkService.setViewer(pdfViewer);
      eventBus.on('pagesinit', () => {
        pdfViewer.currentScaleValue = 'page-width';
        if (pendingPage.current) pdfViewer.currentPageNumber = pendingPage.current;
        pendingPage.current = null;
      });
      eventBus.on('pagechanging', (e: { pageNumber: number }) => setPage(e.pageNumber));
      eventBus.on('scalechanging', (e: { scale: number }) => setScale(e.scale));
      const onMatches = (e: { matchesCount?: FindMatches }) => {
        if (e.matchesCount) setMatches(e.matchesCount);
      };
      eventBus.on('updatefindmatchescount', onMatches);
      eventBus.on('updatefindcontrolstate', onMatches);
      pdfViewer.setDocument(pdf);
      linkService.setDocument(pdf, null);
      opened = { viewer: pdfViewer, eventBus, doc: pdf };
      openRef.current = opened;
      setDoc(pdf);
      setStatus({ kind: 'ready' });
    })();
    return () => {
      controller.abort();
      openRef.current = null;
      opened?.viewer.cleanup();
      release();
    };
  }, [url, path]);

  // A page asked for from outside (an anchor): now if open, else once the pages are laid out.
  useEffect(() => {
    if (!goTo) return;
    const open = openRef.current;
    if (open && open.viewer.pagesCount > 0) open.viewer.currentPageNumber = goTo.page;
    else pendingPage.current = goTo.page;
  }, [goTo]);

  const goToPage = useCallback((n: number) => {
    const open = openRef.current;
    if (!open) return;
    open.viewer.currentPageNumber = Math.min(Math.max(1, n), open.doc.numPages);
  }, []);

  const find = useCallback((query: string, again: boolean, previous: boolean) => {
    const open = openRef.current;
    if (!open) return;
    if (query === '') setMatches(null);
    open.eventBus.dispatch('find', {
      source: null,
      type: again ? 'again' : '',
      query,
      caseSensitive: false,
      entireWord: false,
      highlightAll: true,
      findPrevious: previous,
      matchDiacritics: false,
    });
  }, []);

  return (
    <Stack gap={4} h="100%" data-testid="pdf-reader" data-status={status.kind} data-url={url}>
      <PdfToolbar
        disabled={status.kind !== 'ready'}
        page={page}
        pages={doc?.numPages ?? 0}
        scale={scale}
        matches={matches}
        thumbs={thumbs}
        onThumbs={() => setThumbs((v) => !v)}
        onPage={goToPage}
        onZoomIn={() => openRef.current?.viewer.increaseScale()}
        onZoomOut={() => openRef.current?.viewer.decreaseScale()}
        onFitWidth={() => {
          if (openRef.current) openRef.current.viewer.currentScaleValue = 'page-width';
        }}
        onFind={find}
        onCite={
          onCite
            ? () => {
                const quote = selectedText(containerRef.current, ANCHOR_QUOTE_MAX);
                onCite({ page, pageCount: doc?.numPages ?? page, ...(quote ? { quote } : {}) });
              }
            : undefined
        }
      />
      {status.kind === 'error' && (
        <ErrorNotice title={s.cannotShow} error={status.error} data-testid="reader-error" />
      )}
      <Group
        gap={4}
        wrap="nowrap"
        align="stretch"
        style={{ flex: 1, minHeight: 0, display: status.kind === 'error' ? 'none' : 'flex' }}
      >
        {thumbs && doc && <PdfThumbnails doc={doc} current={page} onPick={goToPage} key={url} />}
        <Box
          pos="relative"
          style={{ flex: 1, minWidth: 0, background: 'var(--mantine-color-gray-2)' }}
        >
          {/* pdf.js requires an absolutely positioned scroll container holding div.pdfViewer. */}
          <div
            ref={containerRef}
            data-testid="pdf-scroll"
            style={{ position: 'absolute', inset: 0, overflow: 'auto' }}
          >
            <div ref={viewerRef} className="pdfViewer" />
          </div>
          {status.kind === 'loading' && (
            <Group pos="absolute" top={12} left={12} gap="xs">
              <Loader size="xs" />
              <Text size="sm" c="dimmed">
                {s.loading}
              </Text>
            </Group>
          )}
        </Box>
      </Group>
    </Stack>
  );
}
