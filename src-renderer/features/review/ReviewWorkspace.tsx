import { Button, Grid, Group, Kbd, Loader, ScrollArea, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type ReactNode } from 'react';
import type { Profile } from '../../../src-shared/profiles/roles';
import { useDb } from '../../app/dbContext';
import { screenLabels, t } from '../../app/strings';
import { ExpertLink } from './ExpertLink';
import { PANE_HEIGHT } from './layout';
import { loadQueue } from './queue';
import { ReviewForm } from './ReviewForm';
import { ReviewQueue } from './ReviewQueue';

const s = t.review;

export function ReviewWorkspace({
  profile,
  expertId,
  headerExtra,
}: {
  profile: Profile;
  expertId: string;
  headerExtra?: ReactNode;
}) {
  const db = useDb();
  const expert = useLiveQuery(() => db.experts.get(expertId), [db, expertId]);
  const items = useLiveQuery(() => loadQueue(db, profile.id, expertId), [db, profile.id, expertId]);
  const [selected, setSelected] = useState<string | null>(null);
  const [relinking, setRelinking] = useState(false);

  const index = items
    ? Math.max(
        0,
        items.findIndex((i) => i.assignment.id === selected),
      )
    : 0;
  const current = items?.[index] ?? null;
  const move = (delta: number) => {
    if (!items || items.length === 0) return;
    const next = items[Math.min(items.length - 1, Math.max(0, index + delta))];
    if (next) setSelected(next.assignment.id);
  };
  // Inputs keep their own arrow keys (numbers, radios): these fire only outside form fields.
  useHotkeys([
    ['j', () => move(1)],
    ['k', () => move(-1)],
    ['ArrowDown', () => move(1)],
    ['ArrowUp', () => move(-1)],
  ]);

  if (relinking) return <ExpertLink profile={profile} onDone={() => setRelinking(false)} />;
  if (!items) return <Loader size="sm" />;
  const done = items.filter((i) => i.latest).length;
  return (
    <>
      <Group justify="space-between" wrap="nowrap">
        <Group gap="md" wrap="nowrap">
          <Title order={3}>{screenLabels.review}</Title>
          <Text data-testid="linked-expert">{s.link.linkedAs(expert?.name ?? expertId)}</Text>
          {done === 0 && (
            <Button size="compact-xs" variant="subtle" onClick={() => setRelinking(true)}>
              {s.link.change}
            </Button>
          )}
        </Group>
        <Group gap="xs" wrap="nowrap">
          {headerExtra}
          <Text size="sm" data-testid="queue-count">
            {s.queue.count(done, items.length)}
          </Text>
          <Text size="xs" c="dimmed">
            <Kbd size="xs">J</Kbd>/<Kbd size="xs">K</Kbd> · <Kbd size="xs">Ctrl+Enter</Kbd>
          </Text>
        </Group>
      </Group>
      {items.length === 0 ? (
        <Text c="dimmed">{s.queue.empty}</Text>
      ) : (
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 4 }}>
            <ReviewQueue
              items={items}
              selectedId={current?.assignment.id ?? null}
              onSelect={setSelected}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 8 }}>
            {current ? (
              // Keyed by assignment so a newly opened outcome starts at the top.
              <ScrollArea
                key={current.assignment.id}
                h={PANE_HEIGHT}
                type="auto"
                offsetScrollbars
                data-testid="review-pane"
              >
                <ReviewForm profile={profile} item={current} />
              </ScrollArea>
            ) : (
              <Text c="dimmed">{s.form.pick}</Text>
            )}
          </Grid.Col>
        </Grid>
      )}
    </>
  );
}
