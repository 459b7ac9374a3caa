import { Button, Center, Grid, Group, Kbd, Loader, Text } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Profile } from '../../../src-shared/profiles/roles';
import { useDb } from '../../app/dbContext';
import { t } from '../../app/strings';
import { ExpertLink } from './ExpertLink';
import { defaultView, statusCounts, type QueueView } from './queue';
import { useQueue } from './queueLive';
import { queryQueue, queueIndexer } from './queueIndex';
import { recallQueue, rememberQueue } from './queueMemory';
import { QueueToolbar } from './QueueToolbar';
import { ReadingSplit } from './ReadingSplit';
import { ReviewQueue } from './ReviewQueue';
import { ShortcutSheet } from './ShortcutSheet';
import { ScreenTitle } from '../../app/ScreenTitle';
import { RecordText } from '../../components/RecordText';
import { preloadFirstFile } from '../../components/reader/readerFiles';
import { submissionFilesById } from '../../db/submissionFiles';

const s = t.review;

/** Where Enter / → puts the cursor: the first score, else the declaration, else 修改. */
const FORM_ENTRY = [
  '[data-testid="conflict-declare"] input[type="radio"]:checked',
  '[data-testid="conflict-declare"] input[type="radio"]',
  '[data-testid="review-form"] input[data-criterion]:not([disabled])',
  '[data-testid="review-revise"]',
  '[data-testid="withdraw-reason"]',
];

const typing = (el: HTMLElement) =>
  el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);

/** While the list is read: at panel scale the first open of a session takes a while. */
export function QueueLoading() {
  return (
    <Center h={200} role="status" data-testid="queue-loading">
      <Loader size="sm" />
      <Text ml="sm">{s.queue.loading}</Text>
    </Center>
  );
}

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
  const queue = useQueue(db, profile.id, expertId);
  const all = queue?.items;
  // Indexed when the list first loads (queueIndex.ts); a filter change or a keystroke then
  // costs a pass over bitsets, and the list reads only the rows it draws. A saved draft or
  // review hands over a list in which only its item is new (queueLive.ts): only the items that
  // changed are re-indexed. The index is built for the order in use; another order's on first use.
  const [indexer] = useState(queueIndexer);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const index = useMemo(() => (all ? indexer(all, view.sort) : undefined), [all, indexer]);
  const items = useMemo(() => (index ? queryQueue(index, view) : undefined), [index, view]);
  const counts = useMemo(() => (all ? statusCounts(all) : null), [all]);
  const done = useMemo(
    () => (all ?? []).filter((i) => i.latest && i.state !== 'recused').length,
    [all],
  );
  const [relinking, setRelinking] = useState(false);

  const position = items && selected ? Math.max(0, items.indexOf(selected)) : 0;
  const current = items?.at(position) ?? null;
  // The plan of the item just selected starts loading now, while React draws its form: the
  // reader mounts only after the form's data is read and takes this load (pdfOpen.ts).
  const submissionId = current?.assignment.submissionId;
  useEffect(() => {
    if (!submissionId) return;
    void submissionFilesById(db, submissionId).then(preloadFirstFile, () => undefined);
  }, [db, submissionId]);
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

  // One key between the list and the form (point 8): Enter / → from the list (or from nowhere)
  // into the form, Esc / Alt+← from the form back to its row; ? shows every key.
  const queueRef = useRef<HTMLDivElement>(null);
  const paneRef = useRef<HTMLDivElement>(null);
  const [keysOpen, setKeysOpen] = useState(false);
  const focusRow = () =>
    queueRef.current?.querySelector<HTMLElement>('[aria-selected="true"]')?.focus();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey) return;
      const el = e.target instanceof HTMLElement ? e.target : document.body;
      const fromList = el === document.body || queueRef.current?.contains(el) === true;
      const inForm = paneRef.current?.contains(el) === true;
      if (fromList && !e.altKey && (e.key === 'Enter' || e.key === 'ArrowRight')) {
        for (const selector of FORM_ENTRY) {
          const target = paneRef.current?.querySelector<HTMLElement>(selector);
          if (target) {
            e.preventDefault();
            target.focus();
            return;
          }
        }
      } else if (
        // A submitted form locks its fields, which drops the focus to the page: Esc from there too.
        (inForm || el === document.body) &&
        (e.key === 'Escape' || (e.altKey && e.key === 'ArrowLeft'))
      ) {
        e.preventDefault();
        focusRow();
      } else if (e.key === '?' && !typing(el)) {
        e.preventDefault();
        setKeysOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  // J/K from a focused row: the focus follows the selection, so Enter opens what is selected.
  useEffect(() => {
    const active = document.activeElement;
    if (active instanceof HTMLElement && queueRef.current?.contains(active)) focusRow();
  }, [selected]);

  if (relinking) return <ExpertLink profile={profile} onDone={() => setRelinking(false)} />;
  if (!queue || !items || !all || !counts) return <QueueLoading />;
  return (
    <>
      <ShortcutSheet opened={keysOpen} onClose={() => setKeysOpen(false)} />
      <Group justify="space-between" wrap="nowrap">
        <Group gap="md" wrap="nowrap">
          <ScreenTitle screen="review" />
          <Text data-testid="linked-expert">
            {s.link.linkedAs}
            <RecordText text={expert?.name ?? expertId} max={24} />
          </Text>
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
            <Kbd size="xs">J</Kbd>/<Kbd size="xs">K</Kbd> · <Kbd size="xs">Enter</Kbd> ·{' '}
            <Kbd size="xs">Ctrl+Enter</Kbd>
          </Text>
          <Button
            size="compact-xs"
            variant="subtle"
            title={s.keys.openHint}
            data-testid="shortcut-open"
            onClick={() => setKeysOpen(true)}
          >
            {s.keys.open}{' '}
            <Kbd size="xs" ml={4}>
              ?
            </Kbd>
          </Button>
        </Group>
      </Group>
      <QueueToolbar
        facts={queue.base}
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
          <Grid.Col span={{ base: 12, md: 3 }} ref={queueRef}>
            <ReviewQueue
              rows={items}
              selectedId={current?.assignment.id ?? null}
              onSelect={setSelected}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 9 }} ref={paneRef}>
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
