// A portfolio screenshot with zoom: fit to the pane, actual size, or steps in between.
import { Box, Button, Group, Loader, Stack, Text } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { t } from '../../app/strings';
import { useFetchedFile } from './useFetchedFile';
import { ErrorNotice } from '../ErrorNotice';

const s = t.reader;

export function ImageViewer({ url, path }: { url: string; path: string }) {
  const fetched = useFetchedFile(url);
  // null = fit to the pane; otherwise a factor of the natural size.
  const [zoom, setZoom] = useState<number | null>(null);
  const blobUrl = useMemo(
    () =>
      fetched?.ok
        ? URL.createObjectURL(new Blob([fetched.bytes as BlobPart], { type: fetched.contentType }))
        : null,
    [fetched],
  );
  useEffect(() => () => (blobUrl ? URL.revokeObjectURL(blobUrl) : undefined), [blobUrl]);

  if (!fetched)
    return (
      <Group gap="xs">
        <Loader size="xs" />
        <Text size="sm">{s.loading}</Text>
      </Group>
    );
  if (!fetched.ok)
    return <ErrorNotice title={s.cannotShow} error={fetched.error} data-testid="reader-error" />;
  const step = (factor: number) => setZoom((z) => Math.min(8, Math.max(0.1, (z ?? 1) * factor)));
  return (
    <Stack gap={4} h="100%" data-testid="image-reader">
      <Group gap={6}>
        <Button size="compact-xs" variant="default" onClick={() => step(1 / 1.25)}>
          {s.image.zoomOut}
        </Button>
        <Text size="xs" w={48} ta="center">
          {zoom === null ? '—' : `${Math.round(zoom * 100)}%`}
        </Text>
        <Button size="compact-xs" variant="default" onClick={() => step(1.25)}>
          {s.image.zoomIn}
        </Button>
        <Button size="compact-xs" variant="subtle" onClick={() => setZoom(null)}>
          {s.image.fit}
        </Button>
        <Button size="compact-xs" variant="subtle" onClick={() => setZoom(1)}>
          {s.image.actual}
        </Button>
      </Group>
      <Box
        style={{
          flex: 1,
          minHeight: 0,
          overflow: 'auto',
          background: 'var(--mantine-color-gray-2)',
        }}
      >
        {blobUrl && (
          <img
            src={blobUrl}
            alt={path}
            style={
              zoom === null
                ? { maxWidth: '100%', maxHeight: '100%', display: 'block', margin: '0 auto' }
                : { width: `calc(var(--natural-width, 100%) * ${zoom})`, display: 'block' }
            }
            onLoad={(e) =>
              e.currentTarget.style.setProperty(
                '--natural-width',
                `${e.currentTarget.naturalWidth}px`,
              )
            }
          />
        )}
      </Box>
    </Stack>
  );
}
