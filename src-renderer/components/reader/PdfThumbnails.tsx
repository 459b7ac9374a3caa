// Page thumbnails: each is drawn only when it scrolls into view, so a long plan costs nothing
// until the expert looks down the strip.
import { Box, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { useEffect, useRef, useState } from 'react';
import { t } from '../../app/strings';

const WIDTH = 84;

function Thumbnail({
  doc,
  page,
  active,
  aspect,
  onPick,
}: {
  doc: PDFDocumentProxy;
  page: number;
  active: boolean;
  aspect: number;
  onPick: (page: number) => void;
}) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [visible, setVisible] = useState(false);
  const boxRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const el = boxRef.current;
    if (!el || visible) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setVisible(true);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [visible]);

  useEffect(() => {
    if (!visible) return;
    let cancelled = false;
    let task: { cancel: () => void; promise: Promise<void> } | null = null;
    void doc.getPage(page).then((pdfPage) => {
      const canvas = canvasRef.current;
      if (cancelled || !canvas) return;
      const base = pdfPage.getViewport({ scale: 1 });
      const viewport = pdfPage.getViewport({ scale: (WIDTH * 2) / base.width });
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      task = pdfPage.render({ canvas, viewport });
      task.promise.catch(() => undefined);
    });
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [doc, page, visible]);

  return (
    <UnstyledButton
      ref={boxRef}
      onClick={() => onPick(page)}
      aria-label={t.reader.thumbnail(page)}
      aria-current={active ? 'page' : undefined}
      data-testid="reader-thumb"
    >
      <Box
        w={WIDTH}
        h={Math.round(WIDTH * aspect)}
        bg="white"
        style={{
          outline: active
            ? '2px solid var(--mantine-color-blue-6)'
            : '1px solid var(--mantine-color-gray-4)',
        }}
      >
        <canvas ref={canvasRef} style={{ width: '100%', height: '100%', display: 'block' }} />
      </Box>
      <Text size="xs" ta="center" c={active ? 'blue' : 'dimmed'}>
        {page}
      </Text>
    </UnstyledButton>
  );
}

export function PdfThumbnails({
  doc,
  current,
  onPick,
}: {
  doc: PDFDocumentProxy;
  current: number;
  onPick: (page: number) => void;
}) {
  const [aspect, setAspect] = useState(1.414);
  useEffect(() => {
    let cancelled = false;
    void doc.getPage(1).then((p) => {
      const v = p.getViewport({ scale: 1 });
      if (!cancelled) setAspect(v.height / v.width);
    });
    return () => {
      cancelled = true;
    };
  }, [doc]);
  const pages = Array.from({ length: doc.numPages }, (_, i) => i + 1);
  return (
    <ScrollArea w={WIDTH + 20} type="auto" data-testid="reader-thumbs">
      <Stack gap={6} p={4} align="center">
        {pages.map((n) => (
          <Thumbnail
            key={n}
            doc={doc}
            page={n}
            active={n === current}
            aspect={aspect}
            onPick={onPick}
          />
        ))}
      </Stack>
    </ScrollArea>
  );
}
