import { Badge, Group, ScrollArea, Text, UnstyledButton } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { compactDate, shanghaiDate } from '../../../src-shared/time';
import { t } from '../../app/strings';
import type { QueueState } from './queue';
import type { QueueResult } from './queueIndex';
import { PANE_HEIGHT } from './layout';
import { RecordText } from '../../components/RecordText';

const s = t.review;

const stateColor: Record<QueueState, string> = {
  todo: 'gray',
  draft: 'yellow',
  pending: 'blue',
  sent: 'teal',
  acknowledged: 'green',
  recused: 'grape',
};

/** Rows are one fixed height, so the list can be virtualised without measuring each. */
const ROW_HEIGHT = 62;

/**
 * The expert's list. Virtualised: only the rows in view (and a few around them) are in the
 * page, and only those are read from the view's result, so 50,000 assignments scroll and
 * filter as smoothly as 50.
 */
export function ReviewQueue({
  rows,
  selectedId,
  onSelect,
}: {
  rows: QueueResult;
  selectedId: string | null;
  onSelect: (assignmentId: string) => void;
}) {
  const viewport = useRef<HTMLDivElement | null>(null);
  // The component is not compiler-memoised (the virtualizer's methods change with the scroll);
  // it re-renders with its parent, which is what the list needs.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.count,
    getScrollElement: () => viewport.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const today = shanghaiDate(new Date());
  const selectedIndex = selectedId === null ? -1 : rows.indexOf(selectedId);
  // Keyboard moves (and a selection restored after switching screens) keep the row in view.
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  return (
    <ScrollArea h={PANE_HEIGHT} type="auto" offsetScrollbars viewportRef={viewport}>
      <div
        data-testid="review-queue"
        role="listbox"
        aria-label={s.queue.title}
        style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
      >
        {virtualizer.getVirtualItems().map((row) => {
          const item = rows.at(row.index);
          if (!item) return null;
          const id = item.assignment.id;
          const selected = id === selectedId;
          return (
            <UnstyledButton
              key={id}
              role="option"
              aria-selected={selected}
              aria-setsize={rows.count}
              aria-posinset={row.index + 1}
              data-testid="review-queue-item"
              data-assignment-id={id}
              data-state={item.state}
              data-organizer-id={item.organizerId ?? ''}
              onClick={() => onSelect(id)}
              p="xs"
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                width: '100%',
                height: ROW_HEIGHT - 4,
                transform: `translateY(${row.start}px)`,
                borderRadius: 'var(--mantine-radius-sm)',
                background: selected ? 'var(--mantine-color-blue-light)' : undefined,
                borderLeft: `3px solid ${selected ? 'var(--mantine-color-blue-filled)' : 'transparent'}`,
              }}
            >
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Text size="sm" fw={selected ? 600 : 400} truncate>
                  <RecordText text={item.submission?.title ?? item.assignment.submissionId} />
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
              {/* The class name gives way; the deadline is never cut (it was "截止 2…"). */}
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Text size="xs" c="dimmed" truncate>
                  <RecordText text={item.traineeName} /> · <RecordText text={item.className} />
                </Text>
                {item.assignment.dueAt && (
                  <Text size="xs" c="dimmed" style={{ flexShrink: 0 }} data-testid="queue-due">
                    {s.queue.due(compactDate(item.assignment.dueAt, today))}
                  </Text>
                )}
              </Group>
            </UnstyledButton>
          );
        })}
      </div>
    </ScrollArea>
  );
}
