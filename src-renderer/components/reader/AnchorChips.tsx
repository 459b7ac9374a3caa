// Page anchors shown as small links: a click opens the file at that page (in the expert's
// reader beside the form, or in the chair's reader window); the expert may also remove one.
import { ActionIcon, Button, Group, Text, Tooltip } from '@mantine/core';
import type { PageAnchor } from '../../../src-shared/review/anchor';
import { t } from '../../app/strings';

const s = t.reader.anchors;

export interface AnchorChipsProps {
  anchors: readonly PageAnchor[];
  /** The file's name in the submission, by hash (unknown: a shortened hash is shown). */
  fileName: (fileSha256: string) => string | undefined;
  onOpen: (anchor: PageAnchor) => void;
  onRemove?: ((anchor: PageAnchor) => void) | undefined;
}

export function AnchorChips({ anchors, fileName, onOpen, onRemove }: AnchorChipsProps) {
  if (anchors.length === 0) return null;
  return (
    <Group gap={4} wrap="wrap" data-testid="anchor-chips">
      <Text size="xs" c="dimmed">
        {s.label}
      </Text>
      {anchors.map((a) => {
        const name = fileName(a.fileSha256) ?? `${a.fileSha256.slice(0, 8)}…`;
        const key = `${a.fileSha256}:${a.page}:${a.criterionId ?? ''}`;
        return (
          <Group key={key} gap={0} wrap="nowrap">
            <Tooltip label={a.quote ? `“${a.quote}”` : s.open(a.page)} multiline maw={320}>
              <Button
                size="compact-xs"
                variant="light"
                data-testid="anchor-chip"
                data-page={a.page}
                aria-label={`${s.open(a.page)}：${name}`}
                onClick={() => onOpen(a)}
              >
                {s.page(name, a.page)}
              </Button>
            </Tooltip>
            {onRemove && (
              <ActionIcon
                size="xs"
                variant="subtle"
                color="gray"
                aria-label={`${s.remove}：${s.page(name, a.page)}`}
                data-testid="anchor-remove"
                onClick={() => onRemove(a)}
              >
                ×
              </ActionIcon>
            )}
          </Group>
        );
      })}
    </Group>
  );
}
