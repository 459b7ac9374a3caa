import { Button, Grid, Group, Kbd, Loader, Text } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Profile } from '../../../src-shared/profiles/roles';
import { useDb } from '../../app/dbContext';
import { t } from '../../app/strings';
import { ExpertLink } from './ExpertLink';
import { defaultView, loadQueue, statusCounts, type QueueView } from './queue';
import { buildQueueIndex, queryQueue } from './queueIndex';
import { recallQueue, rememberQueue } from './queueMemory';
import { QueueToolbar } from './QueueToolbar';
import { ReadingSplit } from './ReadingSplit';
import { ReviewQueue } from './ReviewQueue';
import { ScreenTitle } from '../../app/ScreenTitle';

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
  // Restored when the expert comes back from another screen.
  const [selected, setSelected] = useState<string | null>(
    () => recallQueue(profile.id)?.selected ?? null,
  );
  const [view, setView] = useState<QueueView>(() => recallQueue(profile.id)?.view ?? defaultView());
  useEffect(() => rememberQueue(profile.id, { selected, view }), [profile.id, selected, view]);
  const all = useLiveQuery(() => loadQueue(db, profile.id, expertId), [db, profile.id, expertId]);
  // Indexed once per data change (queueIndex.ts); a filter change or a keystroke then costs
  // a pass over bitsets, and the list reads only the rows it draws.
  // The index is built for the order in use; another order's on first use.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const index = useMemo(() => (all ? buildQueueIndex(all, view.sort) : undefined), [all]);
  const items = useMemo(() => (index ? queryQueue(index, view) : undefined), [index, view]);
  const counts = useMemo(() => (all ? statusCounts(all) : null), [all]);
  const done = useMemo(
    () => (all ?? []).filter((i) => i.latest && i.state !== 'recused').length,
    [all],
  );
  const [relinking, setRelinking] = useState(false);

  const position = items && selected ? Math.max(0, items.indexOf(selected)) : 0;
  const current = items?.at(position) ?? null;
  const move = (delta: number) => {
    if (!items || items.count === 0) return;
    const next = items.at(Math.min(items.count - 1, Math.max(0, position + delta)));
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
  if (!items || !all || !counts) return <Loader size="sm" />;
  return (
    <>
      <Group justify="space-between" wrap="nowrap">
        <Group gap="md" wrap="nowrap">
          <ScreenTitle screen="review" />
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
            {s.queue.count(done, counts.all)}
          </Text>
          <Text size="xs" c="dimmed">
            <Kbd size="xs">J</Kbd>/<Kbd size="xs">K</Kbd> · <Kbd size="xs">Ctrl+Enter</Kbd>
          </Text>
        </Group>
      </Group>
      <QueueToolbar
        all={all}
        counts={counts}
        view={view}
        onChange={(change) => setView((old) => ({ ...old, ...change }))}
      />
      {all.length === 0 ? (
        <Text c="dimmed">{s.queue.empty}</Text>
      ) : items.count === 0 ? (
        <Text c="dimmed">{s.queue.noneInView}</Text>
      ) : (
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 3 }}>
            <ReviewQueue
              rows={items}
              selectedId={current?.assignment.id ?? null}
              onSelect={setSelected}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 9 }}>
            {current ? (
              // Keyed by assignment so a newly opened outcome starts at the top.
              <ReadingSplit key={current.assignment.id} profile={profile} item={current} />
            ) : (
              <Text c="dimmed">{s.form.pick}</Text>
            )}
          </Grid.Col>
        </Grid>
      )}
    </>
  );
}
