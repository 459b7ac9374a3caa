// 体验演示: one click makes a demo profile for the chosen role, with the demo package loaded into
// that profile's own database (never into anyone else's).
import { Button, Card, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { Role } from '../../../src-shared/profiles/roles';
import { roleLabels, t } from '../../app/strings';
import { createDemoProfile, type Opened, type SessionDeps } from './session';
import { ErrorNotice } from '../../components/ErrorNotice';
import { RoleChoice } from './RoleChoice';

export function DemoCard({ deps, onOpened }: { deps: SessionDeps; onOpened: (o: Opened) => void }) {
  const [role, setRole] = useState<Role>('expert');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const start = async () => {
    setBusy(true);
    setError(null);
    const opened = await createDemoProfile(deps, role, t.profile.demoName(roleLabels[role]));
    setBusy(false);
    if (opened.ok) onOpened(opened);
    else setError(opened.message);
  };
  return (
    <Card withBorder padding="lg" data-testid="demo-card" bg="orange.0">
      <Title order={2} size="h4" mb="xs">
        {t.profile.demoTitle}
      </Title>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t.profile.demoIntro}
        </Text>
        <RoleChoice
          label={t.profile.demoRole}
          value={role}
          onChange={setRole}
          testId="demo-role-select"
        />
        {error && <ErrorNotice error={error} data-testid="demo-error" />}
        <Button color="orange" onClick={() => void start()} loading={busy} w="fit-content">
          {t.profile.demoStart}
        </Button>
        {busy && (
          <Text size="sm" c="dimmed">
            {t.profile.loadingDemo}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
