// A finding at the current media time (or from a mark to now). Keyboard-first: N opens it with
// the category focused, Tab moves on, Enter in the note saves. Typing pauses playback.
import { Button, Checkbox, Group, NativeSelect, Stack, Text, Textarea } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import {
  CATEGORIES,
  findingCategories,
  findingSeverities,
  SEVERITY_LABEL,
  type FindingCategory,
  type FindingSeverity,
} from '../../../src-shared/audit/findings';
import type { RuleId } from '../../../src-shared/policy/ruleIds';
import { formatTimecode } from '../../../src-shared/audit/timecode';
import { t } from '../../app/strings';

const s = () => t.audit.finding;

export interface FindingDraft {
  category: FindingCategory;
  severity: FindingSeverity;
  note: string;
  asRange: boolean;
  grab: boolean;
}

export function FindingForm(props: {
  start: number;
  now: number;
  onPause: () => void;
  onSave: (d: FindingDraft) => Promise<void>;
  onCancel: () => void;
  ruleName: (id: RuleId) => string;
}) {
  const [category, setCategory] = useState<FindingCategory | ''>('');
  const [severity, setSeverity] = useState<FindingSeverity>('minor');
  const [note, setNote] = useState('');
  const [asRange, setAsRange] = useState(false);
  const [grab, setGrab] = useState(true);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLSelectElement>(null);
  useEffect(() => first.current?.focus(), []);

  const submit = async () => {
    if (!category || busy) return;
    setBusy(true);
    await props.onSave({ category, severity, note: note.trim(), asRange, grab });
    setBusy(false);
  };
  const def = category ? CATEGORIES[category] : undefined;

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') props.onCancel();
      }}
      data-testid="finding-form"
    >
      <Stack gap={6}>
        <Text size="xs">
          {formatTimecode(props.start)}
          {asRange && props.now > props.start ? ` – ${formatTimecode(props.now)}` : ''}
        </Text>
        <Group gap={6} grow>
          <NativeSelect
            ref={first}
            size="xs"
            label={s().category}
            value={category}
            onChange={(e) => setCategory(e.currentTarget.value as FindingCategory)}
            data={[
              { value: '', label: '—', disabled: true },
              ...findingCategories.map((c) => ({ value: c, label: CATEGORIES[c].label })),
            ]}
            data-testid="finding-category"
          />
          <NativeSelect
            size="xs"
            label={s().severity}
            value={severity}
            onChange={(e) => setSeverity(e.currentTarget.value as FindingSeverity)}
            data={findingSeverities.map((v) => ({ value: v, label: SEVERITY_LABEL[v] }))}
            data-testid="finding-severity"
          />
        </Group>
        {def && (
          <Text size="xs" c="dimmed">
            {s().rule(
              props.ruleName(def.ruleId),
              def.ruleId,
              severity === 'serious' ? def.exitGround : undefined,
            )}
          </Text>
        )}
        <Textarea
          size="xs"
          label={s().note}
          placeholder={s().notePlaceholder}
          autosize
          minRows={2}
          value={note}
          onFocus={props.onPause}
          onChange={(e) => {
            props.onPause();
            setNote(e.currentTarget.value);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault();
              void submit();
            }
          }}
          data-testid="finding-note"
        />
        <Group gap="md">
          <Checkbox
            size="xs"
            label={s().range}
            checked={asRange}
            onChange={(e) => setAsRange(e.currentTarget.checked)}
          />
          <Checkbox
            size="xs"
            label={s().grab}
            checked={grab}
            onChange={(e) => setGrab(e.currentTarget.checked)}
          />
        </Group>
        <Group gap={6}>
          <Button
            size="xs"
            type="submit"
            disabled={!category}
            loading={busy}
            data-testid="finding-save"
          >
            {s().save}
          </Button>
          <Button size="xs" variant="default" onClick={props.onCancel}>
            {s().cancel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
