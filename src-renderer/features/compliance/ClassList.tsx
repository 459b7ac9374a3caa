// The classes of the package as a listbox: ↑/↓ move, Home/End jump, Enter (or a click) opens.
// Badges count a class's errors, warnings and 待核查 (for the filtered rule when one is set).
import { Badge, Group, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { idsSharingAName } from '../../../src-shared/records/sameNames';
import type { ClassResult } from '../../../src-shared/policy/engine';
import type { RuleId } from '../../../src-shared/policy/ruleIds';
import { t } from '../../app/strings';
import { classIssueCounts, isPlanReview } from './viewModel';
import { RecordText } from '../../components/RecordText';

const s = () => t.compliance;

/** Below the header, the tabs and the list's own title and legend. */
export const CLASS_LIST_HEIGHT = 'calc(100vh - var(--app-shell-header-height, 56px) - 230px)';

const legend = () =>
  [
    { color: 'red', variant: 'filled', label: s().severityLabels.error },
    { color: 'orange', variant: 'filled', label: s().severityLabels.warning },
    { color: 'yellow', variant: 'light', label: s().statusLabels.pending },
  ] as const;

export function ClassList({
  classes,
  selected,
  onSelect,
  rule,
  asOf,
}: {
  classes: ClassResult[];
  selected: string | undefined;
  onSelect: (classId: string) => void;
  rule: RuleId | null;
  asOf: string;
}) {
  const [cursor, setCursor] = useState(() =>
    Math.max(
      0,
      classes.findIndex((c) => c.classId === selected),
    ),
  );
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const focusWithin = useRef(false);
  // The id stays beside a name only where two classes are called the same.
  const sharedNames = useMemo(
    () =>
      idsSharingAName(
        classes,
        (c) => c.className,
        (c) => c.classId,
      ),
    [classes],
  );

  useEffect(() => {
    if (focusWithin.current) refs.current[cursor]?.focus();
  }, [cursor]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const last = classes.length - 1;
    const move: Record<string, number> = {
      ArrowDown: Math.min(last, cursor + 1),
      ArrowUp: Math.max(0, cursor - 1),
      Home: 0,
      End: last,
    };
    if (e.key in move) {
      e.preventDefault();
      setCursor(move[e.key]!);
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      const c = classes[cursor];
      if (c) onSelect(c.classId);
    }
  };

  return (
    <Stack gap={4} h="100%">
      <Group justify="space-between">
        <Text size="sm" fw={600}>
          {s().classList}
          <Badge ml={6} size="sm" variant="default">
            {classes.length}
          </Badge>
        </Text>
        <Text size="10px" c="dimmed">
          {s().classListHint}
        </Text>
      </Group>
      {/* What the coloured counts on each class mean (they had no key). */}
      <Group gap={8} data-testid="class-list-legend">
        {legend().map(({ color, variant, label }) => (
          <Group key={label} gap={3} wrap="nowrap">
            <Badge size="xs" color={color} variant={variant} circle>
              {' '}
            </Badge>
            <Text size="10px">{label}</Text>
          </Group>
        ))}
      </Group>
      {/* The list scrolls on its own and stays beside the detail (the screen keeps it sticky). */}
      <ScrollArea.Autosize mah={CLASS_LIST_HEIGHT} type="auto">
        <div
          role="listbox"
          aria-label={s().classList}
          data-testid="class-list"
          onKeyDown={onKeyDown}
          onFocus={() => (focusWithin.current = true)}
          onBlur={() => (focusWithin.current = false)}
        >
          {classes.map((c, i) => {
            const n = classIssueCounts(c, rule);
            const sameName = sharedNames.has(c.classId);
            const active = c.classId === selected;
            return (
              <UnstyledButton
                key={c.classId}
                ref={(el) => {
                  refs.current[i] = el;
                }}
                role="option"
                aria-selected={active}
                tabIndex={i === cursor ? 0 : -1}
                onClick={() => {
                  setCursor(i);
                  onSelect(c.classId);
                }}
                data-testid="class-item"
                data-class-id={c.classId}
                w="100%"
                p={6}
                style={{
                  borderRadius: 4,
                  background: active ? 'var(--mantine-color-indigo-light)' : undefined,
                  outlineOffset: -2,
                }}
              >
                {/* Two lines before a cut: long class names differ only at their end (第3期). */}
                <Text size="xs" fw={600} lineClamp={2} title={c.className}>
                  <RecordText text={c.className} />
                </Text>
                <Group gap={4} mt={2} wrap="nowrap">
                  <Text size="10px" c="dimmed" style={{ flex: 1 }} truncate>
                    {sameName ? `${c.classId} · ${c.startDate}` : c.startDate}
                  </Text>
                  {isPlanReview(c, asOf) && (
                    <Badge size="xs" color="grape" variant="filled">
                      {s().planReview}
                    </Badge>
                  )}
                  {!c.packInForce && (
                    <Badge size="xs" color="yellow" variant="filled" title={s().outsidePack}>
                      !
                    </Badge>
                  )}
                  {n.errors > 0 && (
                    <Badge size="xs" color="red" variant="filled" title={s().severityLabels.error}>
                      {n.errors}
                    </Badge>
                  )}
                  {n.warnings > 0 && (
                    <Badge
                      size="xs"
                      color="orange"
                      variant="filled"
                      title={s().severityLabels.warning}
                    >
                      {n.warnings}
                    </Badge>
                  )}
                  {n.pending > 0 && (
                    <Badge
                      size="xs"
                      color="yellow"
                      variant="light"
                      title={s().statusLabels.pending}
                    >
                      {n.pending}
                    </Badge>
                  )}
                </Group>
              </UnstyledButton>
            );
          })}
        </div>
      </ScrollArea.Autosize>
    </Stack>
  );
}
