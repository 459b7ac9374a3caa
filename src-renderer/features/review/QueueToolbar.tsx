import { Button, Group, Popover, SegmentedControl, Select, Stack, TextInput } from '@mantine/core';
import { useMemo } from 'react';
import { programLabels, t } from '../../app/strings';
import {
  queueSorts,
  statusFilters,
  type QueueBase,
  type QueueSort,
  type QueueView,
  type StatusFilter,
} from './queue';
import { isolated } from '../../../src-shared/records/visibleText';

const s = t.review.queue;

type Option = { value: string; label: string };

/**
 * The distinct values of a field with their labels, by label. The label is made once per
 * value, not once per item: 50,000 items share a few hundred classes.
 */
function options(
  items: readonly QueueBase[],
  valueOf: (i: QueueBase) => string | null,
  labelOf: (i: QueueBase) => string,
): Option[] {
  const seen = new Map<string, string>();
  for (const i of items) {
    const value = valueOf(i);
    if (value !== null && !seen.has(value)) seen.set(value, labelOf(i));
  }
  return [...seen]
    .map(([value, label]) => ({ value, label }))
    .sort((a, b) => (a.label < b.label ? -1 : 1));
}

/** Status, search, order and the finer filters (program, class, organizer, kind). */
export function QueueToolbar({
  facts,
  counts,
  view,
  onChange,
}: {
  /** The package's facts of every item (only an import changes them, not a saved draft). */
  facts: readonly QueueBase[];
  counts: Record<StatusFilter, number>;
  view: QueueView;
  onChange: (change: Partial<QueueView>) => void;
}) {
  const choices = useMemo(
    () => ({
      program: options(
        facts,
        (i) => i.program,
        (i) => programLabels[i.program!],
      ),
      classId: options(
        facts,
        (i) => i.submission?.classId ?? null,
        (i) => isolated(i.className),
      ),
      organizerId: options(
        facts,
        (i) => i.organizerId,
        (i) => isolated(i.organizerName),
      ),
      kind: options(
        facts,
        (i) => i.submission?.kind ?? null,
        (i) => t.review.kinds[i.submission!.kind],
      ),
    }),
    [facts],
  );
  const active = [view.program, view.classId, view.organizerId, view.kind].filter(
    (v) => v !== null,
  ).length;
  const select = (key: 'program' | 'classId' | 'organizerId' | 'kind', label: string) => (
    <Select
      label={label}
      data={choices[key]}
      value={view[key]}
      clearable
      searchable
      comboboxProps={{ withinPortal: false }}
      data-testid={`queue-filter-${key}`}
      onChange={(v) => onChange({ [key]: v })}
    />
  );
  return (
    <Group gap="xs" wrap="nowrap" align="center">
      <SegmentedControl
        size="xs"
        data-testid="queue-status"
        value={view.status}
        onChange={(v) => {
          const status = statusFilters.find((f) => f === v);
          if (status) onChange({ status });
        }}
        data={statusFilters.map((f) => ({
          value: f,
          label: s.statusCount(s.status[f], counts[f]),
        }))}
      />
      <TextInput
        size="xs"
        w={190}
        placeholder={s.search}
        aria-label={s.search}
        data-testid="queue-search"
        value={view.search}
        onChange={(e) => onChange({ search: e.currentTarget.value })}
      />
      <Select
        size="xs"
        w={130}
        aria-label={s.sortLabel}
        data-testid="queue-sort"
        allowDeselect={false}
        value={view.sort}
        data={queueSorts.map((v) => ({ value: v, label: s.sort[v] }))}
        onChange={(v) => {
          const sort = queueSorts.find((x): x is QueueSort => x === v);
          if (sort) onChange({ sort });
        }}
      />
      <Popover width={300} position="bottom-end" withinPortal={false} trapFocus>
        <Popover.Target>
          <Button size="xs" variant={active > 0 ? 'light' : 'default'} data-testid="queue-filters">
            {s.filters(active)}
          </Button>
        </Popover.Target>
        <Popover.Dropdown>
          <Stack gap="xs">
            {select('program', s.filter.program)}
            {select('classId', s.filter.klass)}
            {select('organizerId', s.filter.organizer)}
            {select('kind', s.filter.kind)}
            <Button
              size="xs"
              variant="subtle"
              disabled={active === 0}
              onClick={() =>
                onChange({ program: null, classId: null, organizerId: null, kind: null })
              }
            >
              {s.filter.clear}
            </Button>
          </Stack>
        </Popover.Dropdown>
      </Popover>
    </Group>
  );
}
