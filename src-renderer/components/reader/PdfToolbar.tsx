// The reader's toolbar: page and go-to, zoom, fit width, thumbnails, find (Ctrl+F) and 引用此页.
import { ActionIcon, Button, Group, Text, TextInput, Tooltip } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { t } from '../../app/strings';

const s = t.reader;

export interface FindMatches {
  current: number;
  total: number;
}

export interface PdfToolbarProps {
  disabled: boolean;
  page: number;
  pages: number;
  scale: number;
  matches: FindMatches | null;
  thumbs: boolean;
  onThumbs: () => void;
  onPage: (page: number) => void;
  onZoomIn: () => void;
  onZoomOut: () => void;
  onFitWidth: () => void;
  onFind: (query: string, again: boolean, previous: boolean) => void;
  onCite?: () => void;
}

export function PdfToolbar(props: PdfToolbarProps) {
  const { disabled, page, pages, scale, matches, onFind } = props;
  // While the page box is being edited it shows what is typed, otherwise the current page.
  const [editing, setEditing] = useState<string | null>(null);
  const pageText = editing ?? String(page);
  const [query, setQuery] = useState('');
  const findRef = useRef<HTMLInputElement>(null);

  // Ctrl+F (⌘F) reaches the reader wherever the focus is on this screen, as in any reader.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        findRef.current?.focus();
        findRef.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const submitPage = () => {
    const n = Number.parseInt(pageText, 10);
    if (Number.isFinite(n)) props.onPage(n);
    setEditing(null);
  };

  return (
    // Beside the scoring form at 1366×768 the reader is about 500 px wide: rather than squeeze
    // the buttons until their labels are cut (缩略 for 缩略图), the find box wraps to a second row.
    <Group gap={6} wrap="wrap" data-testid="reader-toolbar" style={{ rowGap: 4 }}>
      <Button
        size="compact-xs"
        variant={props.thumbs ? 'light' : 'subtle'}
        onClick={props.onThumbs}
        disabled={disabled}
      >
        {s.thumbnails}
      </Button>
      <Group gap={2} wrap="nowrap">
        <TextInput
          size="xs"
          w={48}
          aria-label={s.page}
          data-testid="reader-page"
          value={pageText}
          disabled={disabled}
          onChange={(e) => setEditing(e.currentTarget.value)}
          onKeyDown={(e) => e.key === 'Enter' && submitPage()}
          onBlur={submitPage}
        />
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }} data-testid="reader-pages">
          / {pages}
        </Text>
      </Group>
      <Group gap={2} wrap="nowrap">
        <Tooltip label={s.zoomOut}>
          <ActionIcon
            size="sm"
            variant="default"
            aria-label={s.zoomOut}
            onClick={props.onZoomOut}
            disabled={disabled}
          >
            −
          </ActionIcon>
        </Tooltip>
        <Text size="xs" w={40} ta="center" data-testid="reader-zoom">
          {Math.round(scale * 100)}%
        </Text>
        <Tooltip label={s.zoomIn}>
          <ActionIcon
            size="sm"
            variant="default"
            aria-label={s.zoomIn}
            onClick={props.onZoomIn}
            disabled={disabled}
          >
            +
          </ActionIcon>
        </Tooltip>
        <Button size="compact-xs" variant="subtle" onClick={props.onFitWidth} disabled={disabled}>
          {s.fitWidth}
        </Button>
      </Group>
      <Group gap={2} wrap="nowrap" style={{ flex: 1, minWidth: 220 }}>
        <TextInput
          ref={findRef}
          size="xs"
          style={{ flex: 1 }}
          aria-label={s.find}
          placeholder={s.findPlaceholder}
          data-testid="reader-find"
          value={query}
          disabled={disabled}
          onChange={(e) => {
            setQuery(e.currentTarget.value);
            onFind(e.currentTarget.value, false, false);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') onFind(query, true, e.shiftKey);
            if (e.key === 'Escape') {
              setQuery('');
              onFind('', false, false);
            }
          }}
        />
        <Text size="xs" c="dimmed" miw={40} ta="center" data-testid="reader-find-count">
          {query && matches
            ? matches.total > 0
              ? s.findCount(matches.current, matches.total)
              : s.findNone
            : ''}
        </Text>
        <Tooltip label={s.findPrevious}>
          <ActionIcon
            size="sm"
            variant="default"
            aria-label={s.findPrevious}
            onClick={() => onFind(query, true, true)}
            disabled={disabled || !query}
          >
            ↑
          </ActionIcon>
        </Tooltip>
        <Tooltip label={s.findNext}>
          <ActionIcon
            size="sm"
            variant="default"
            aria-label={s.findNext}
            onClick={() => onFind(query, true, false)}
            disabled={disabled || !query}
          >
            ↓
          </ActionIcon>
        </Tooltip>
      </Group>
      {props.onCite && (
        <Tooltip label={s.citeHint}>
          <Button
            size="compact-xs"
            onClick={props.onCite}
            disabled={disabled}
            data-testid="reader-cite"
          >
            {s.cite}
          </Button>
        </Tooltip>
      )}
    </Group>
  );
}
