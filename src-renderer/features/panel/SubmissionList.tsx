import { Badge, Group, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { useEffect, useRef } from 'react';
import type { SubmissionSummary } from '../../../src-shared/panel/summary';
import { t } from '../../app/strings';
import { PANEL_PANE_HEIGHT as PANE_HEIGHT } from './layout';
import { RecordText } from '../../components/RecordText';

const s = t.panel;

export function decisionLabel(item: SubmissionSummary): { text: string; color: string } {
  const d = item.decision;
  if (!d) return { text: s.decision.undecided, color: 'gray' };
  if (d.action === 'refer') return { text: s.decision.referred, color: 'yellow' };
  return d.verdict === 'pass'
    ? { text: s.decision.pass, color: 'green' }
    : { text: s.decision.fail, color: 'red' };
}

export function SubmissionList({
  items,
  selectedId,
  onSelect,
  threshold,
}: {
  items: SubmissionSummary[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  threshold: number;
}) {
  const selectedRef = useRef<HTMLButtonElement | null>(null);
  useEffect(() => {
    selectedRef.current?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);
  return (
    <ScrollArea h={PANE_HEIGHT} type="auto" offsetScrollbars>
      <Stack gap={4} role="listbox" aria-label={s.list.title} data-testid="panel-list">
        {items.map((item) => {
          const id = item.submission.id;
          const selected = id === selectedId;
          const flagged = item.stats.disagreement.length > 0;
          const label = decisionLabel(item);
          const reviewed = item.entries.filter((e) => e.status === 'reviewed').length;
          return (
            <UnstyledButton
              key={id}
              ref={selected ? selectedRef : undefined}
              role="option"
              aria-selected={selected}
              data-testid="panel-list-item"
              data-submission-id={id}
              data-flagged={flagged}
              onClick={() => onSelect(id)}
              p={6}
              style={{
                borderRadius: 'var(--mantine-radius-sm)',
                background: selected ? 'var(--mantine-color-blue-light)' : undefined,
                borderLeft: `3px solid ${flagged ? 'var(--mantine-color-orange-filled)' : selected ? 'var(--mantine-color-blue-filled)' : 'transparent'}`,
              }}
            >
              <Text size="sm" fw={selected ? 600 : 400} truncate>
                <RecordText text={item.submission.title} />
              </Text>
              <Group gap={4} wrap="nowrap">
                <Text size="xs" c="dimmed" truncate style={{ flex: 1 }}>
                  <RecordText text={item.traineeName} /> ·{' '}
                  {s.list.reviews(reviewed, item.entries.length)}
                </Text>
                {flagged && (
                  <Badge size="xs" color="orange" variant="light" title={s.flag.spread(threshold)}>
                    !
                  </Badge>
                )}
                <Badge size="xs" color={label.color} variant="light">
                  {label.text}
                </Badge>
              </Group>
            </UnstyledButton>
          );
        })}
      </Stack>
    </ScrollArea>
  );
}
