import { Alert, Button, Card, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { Profile } from '../../../src-shared/profiles/roles';
import { useDb } from '../../app/dbContext';
import { t } from '../../app/strings';
import { ErrorNotice } from '../../components/ErrorNotice';
import { linkExpert } from '../../db/expertLink';
import { ScreenTitle } from '../../app/ScreenTitle';
import { isolated } from '../../../src-shared/bundle/visibleText';

const s = t.review.link;

/** Once per profile: which of the package's experts this person is. */
export function ExpertLink({ profile, onDone }: { profile: Profile; onDone?: () => void }) {
  const db = useDb();
  const experts = useLiveQuery(() => db.experts.orderBy('id').toArray(), [db]);
  // The package names each panel's chair: the choice shows who chairs which panel.
  const panels = useLiveQuery(() => db.panels.toArray(), [db]);
  const chairOf = (expertId: string) =>
    (panels ?? [])
      .filter((p) => p.chairId === expertId)
      .map((p) => s.chairs(p.name))
      .join('');
  const [choice, setChoice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const confirm = async () => {
    if (!choice) return;
    const r = await linkExpert(db, profile.id, choice);
    if (r.ok) onDone?.();
    else setError(r.message);
  };

  return (
    <Stack maw={560}>
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
                data={(experts ?? []).map((e) => ({
                  value: e.id,
                  label: `${e.organization ? `${isolated(e.name)}（${isolated(e.organization)}）` : isolated(e.name)}${chairOf(e.id)}`,
                }))}
                value={choice}
                onChange={setChoice}
                searchable
                w={360}
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
          {error && <ErrorNotice error={error} compact />}
        </Stack>
      </Card>
    </Stack>
  );
}
