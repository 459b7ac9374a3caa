import { Alert, Loader, Select, Stack } from '@mantine/core';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type ReactNode } from 'react';
import type { Profile } from '../../../src-shared/profiles/roles';
import { useDb } from '../../app/dbContext';
import { t } from '../../app/strings';
import { chairedPanels } from './panelStore';
import { PanelWorkspace } from './PanelWorkspace';
import { ScreenTitle } from '../../app/ScreenTitle';

const s = t.panel;

/**
 * 组长会审: only the panels the profile's expert chairs, as the package names them.
 * `similarity` is the pre-check's way in, composed by app/screens.ts.
 */
export function PanelScreen({ profile, similarity }: { profile: Profile; similarity?: ReactNode }) {
  const db = useDb();
  const chaired = useLiveQuery(() => chairedPanels(db, profile.id), [db, profile.id]);
  const [choice, setChoice] = useState<string | null>(null);
  if (chaired === undefined) return <Loader size="sm" />;
  const panel = chaired.panels.find((p) => p.id === choice) ?? chaired.panels[0];
  return (
    <Stack data-testid="screen-panel" gap="sm">
      {chaired.expertId === null ? (
        <>
          <ScreenTitle screen="panel" />
          <Alert color="yellow">{s.linkFirst}</Alert>
        </>
      ) : !panel ? (
        <>
          <ScreenTitle screen="panel" />
          <Alert color="yellow" data-testid="panel-not-chair">
            {s.notChair}
          </Alert>
        </>
      ) : (
        <>
          {chaired.panels.length > 1 && (
            <Select
              label={s.choosePanel}
              data={chaired.panels.map((p) => ({ value: p.id, label: p.name }))}
              value={panel.id}
              onChange={setChoice}
              w={280}
            />
          )}
          <PanelWorkspace
            key={panel.id}
            profile={profile}
            panel={panel}
            chairExpertId={chaired.expertId}
            headerExtra={similarity}
          />
        </>
      )}
    </Stack>
  );
}
