import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Select,
  Stack,
  Text,
  Title,
  type ComboboxItem,
  type ComboboxItemGroup,
} from '@mantine/core';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { Profile } from '../../../src-shared/profiles/roles';
import { useDb } from '../../app/dbContext';
import { t } from '../../app/strings';
import { ErrorNotice } from '../../components/ErrorNotice';
import { linkExpert } from '../../db/expertLink';
import { ScreenTitle } from '../../app/ScreenTitle';
import { isolated } from '../../../src-shared/records/visibleText';

const s = t.review.link;

/** Once per profile: which of the package's experts this person is. */
export function ExpertLink({ profile, onDone }: { profile: Profile; onDone?: () => void }) {
  const db = useDb();
  const experts = useLiveQuery(() => db.experts.orderBy('id').toArray(), [db]);
  // The package names each panel's chair (panels[].chairId): a 评审组长 finds themself among
  // the chairs, listed first with the panel they chair, instead of guessing among all experts.
  const panels = useLiveQuery(() => db.panels.toArray(), [db]);
  const chaired = new Map<string, string[]>();
  for (const p of panels ?? []) chaired.set(p.chairId, [...(chaired.get(p.chairId) ?? []), p.name]);
  const option = (e: { id: string; name: string; organization?: string }): ComboboxItem => ({
    value: e.id,
    label: e.organization ? `${isolated(e.name)}（${isolated(e.organization)}）` : isolated(e.name),
  });
  const chairs = (experts ?? []).filter((e) => chaired.has(e.id));
  const others = (experts ?? []).filter((e) => !chaired.has(e.id));
  const data: (ComboboxItem | ComboboxItemGroup<ComboboxItem>)[] =
    chairs.length === 0
      ? others.map(option)
      : [
          { group: s.chairsGroup, items: chairs.map(option) },
          ...(others.length ? [{ group: s.othersGroup, items: others.map(option) }] : []),
        ];
  const [choice, setChoice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const chose = choice ? chaired.get(choice) : undefined;

  const confirm = async () => {
    if (!choice) return;
    const r = await linkExpert(db, profile.id, choice);
    if (r.ok) onDone?.();
    else setError(r.message);
  };

  return (
    <Stack maw={640}>
      <ScreenTitle screen="review" />
      <Card withBorder padding="lg">
        <Stack>
          <Title order={4}>{s.title}</Title>
          <Text size="sm" c="dimmed">
            {s.intro}
          </Text>
          {experts && experts.length === 0 ? (
            <Alert color="yellow">{s.noExperts}</Alert>
          ) : (
            <Group align="flex-end">
              <Select
                label={s.label}
                placeholder={s.placeholder}
                data-testid="expert-link-select"
                // The screen's one question: the cursor starts there.
                data-autofocus
                autoFocus
                // The cursor waits in the field; the list opens on a click or a typed letter, not
                // over the screen on arrival.
                openOnFocus={false}
                data={data}
                renderOption={({ option: o }) => (
                  <Group gap="xs" wrap="nowrap" justify="space-between" w="100%">
                    <Text size="sm">{o.label}</Text>
                    {(chaired.get(o.value) ?? []).map((panel) => (
                      <Badge key={panel} size="sm" variant="light" style={{ flexShrink: 0 }}>
                        {s.chairBadge(panel)}
                      </Badge>
                    ))}
                  </Group>
                )}
                value={choice}
                onChange={setChoice}
                searchable
                w={420}
                comboboxProps={{ width: 520, position: 'bottom-start' }}
              />
              <Button
                data-testid="expert-link-confirm"
                disabled={!choice}
                onClick={() => void confirm()}
              >
                {s.confirm}
              </Button>
            </Group>
          )}
          {chose && (
            <Text size="sm" data-testid="expert-link-chairs">
              {s.chairsNote(chose)}
            </Text>
          )}
          {error && <ErrorNotice error={error} compact />}
        </Stack>
      </Card>
    </Stack>
  );
}
