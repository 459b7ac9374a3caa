import { Badge, Group, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { t } from '../../app/strings';
import type { QueueItem, QueueState } from './queue';
import { PANE_HEIGHT } from './layout';

const s = t.review;

const stateColor: Record<QueueState, string> = {
  todo: 'gray',
  draft: 'yellow',
  pending: 'blue',
  sent: 'teal',
  acknowledged: 'green',
  recused: 'grape',
};

export function ReviewQueue({
  items,
  selectedId,
  onSelect,
}: {
  items: QueueItem[];
  selectedId: string | null;
  onSelect: (assignmentId: string) => void;
}) {
  const selectedRef = useRef<HTMLButtonElement | null>(null);
  // Keyboard moves must keep the selected row visible.
  useEffect(() => {
    selectedRef.current?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);

  return (
    <ScrollArea h={PANE_HEIGHT} type="auto" offsetScrollbars>
      <Stack gap={4} data-testid="review-queue" role="listbox" aria-label={s.queue.title}>
        {items.map((item) => {
          const id = item.assignment.id;
          const selected = id === selectedId;
          return (
            <UnstyledButton
              key={id}
              ref={selected ? selectedRef : undefined}
              role="option"
              aria-selected={selected}
              data-testid="review-queue-item"
              data-assignment-id={id}
              data-state={item.state}
              data-organizer-id={item.organizerId ?? ''}
              onClick={() => onSelect(id)}
              p="xs"
              style={{
                borderRadius: 'var(--mantine-radius-sm)',
                background: selected ? 'var(--mantine-color-blue-light)' : undefined,
                borderLeft: `3px solid ${selected ? 'var(--mantine-color-blue-filled)' : 'transparent'}`,
              }}
            >
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Text size="sm" fw={selected ? 600 : 400} truncate>
                  {item.submission?.title ?? item.assignment.submissionId}
                </Text>
                <Badge
                  size="sm"
                  variant="light"
                  color={stateColor[item.state]}
                  style={{ flexShrink: 0 }}
                >
                  {s.state[item.state]}
                  {item.latest && item.hasDraft ? ' *' : ''}
                </Badge>
              </Group>
              <Text size="xs" c="dimmed" truncate>
                {item.traineeName} · {item.className}
                {item.assignment.dueAt ? ` · ${s.queue.due(item.assignment.dueAt)}` : ''}
              </Text>
            </UnstyledButton>
          );
        })}
      </Stack>
    </ScrollArea>
  );
}
