import { Box, Card, Center, Stack, Text, Title } from '@mantine/core';
import { Suspense, useRef, useState } from 'react';
import type { Profile } from '../../../src-shared/profiles/roles';
import { appName, t } from '../../app/strings';
import type { DirectoryDb } from '../../db/directory';
import { useDirectory } from '../../db/useDirectory';
import { DemoCard } from './DemoCard';
import { DeleteProfileModal } from './dialogs';
import { NewProfileForm } from './NewProfileForm';
import { ProfileEntry } from './ProfileEntry';
import { UnlockPanel } from './UnlockPanel';
import { needsPassphrase, openSession, type Opened, type SessionApi } from './session';
import { ErrorNotice } from '../../components/ErrorNotice';

export interface PickerProps {
  api: SessionApi;
  dir: DirectoryDb;
  /** Ask for this profile's passphrase at once (the last one in use, or an idle lock). */
  unlockFirst: Profile | null;
  onOpened: (opened: Opened) => void;
  /** The directory as read at start; without it the list is read on mount. */
  initialProfiles?: Profile[];
}

const listProfiles = (dir: DirectoryDb) => dir.listProfiles();

// Two fixed columns. A plain grid, not SimpleGrid: that one writes its columns into a <style>
// element of its own at render, a stylesheet change the whole first screen then restyles for.
const columns = {
  display: 'grid',
  gridTemplateColumns: 'repeat(2, minmax(0, 1fr))',
  gap: 'var(--mantine-spacing-lg)',
} as const;

export function ProfilePicker({ api, dir, unlockFirst, onOpened, initialProfiles }: PickerProps) {
  const profiles = useDirectory(dir, listProfiles, initialProfiles);
  const [unlocking, setUnlocking] = useState<Profile | null>(unlockFirst);
  const [deleting, setDeleting] = useState<Profile | null>(null);
  const [error, setError] = useState<string | null>(null);
  const entries = useRef(new Map<string, HTMLButtonElement>());
  const deps = { api, dir };
  // Back to the entry the form was for, so the keyboard carries on from there.
  const closeUnlock = () => {
    const id = unlocking?.id;
    setUnlocking(null);
    if (id) entries.current.get(id)?.focus();
  };

  const choose = async (p: Profile) => {
    setError(null);
    const needs = await needsPassphrase(api, p.id);
    if (needs !== false) {
      setUnlocking(p);
      return;
    }
    const opened = await openSession(deps, p);
    if (opened.ok) onOpened(opened);
    else setError(opened.message);
  };

  return (
    <Center component="main" mih="100vh" p="xl" bg="gray.0" data-testid="profile-picker">
      <Stack w={960} gap="lg">
        <Stack gap={4}>
          <Text c="indigo" fw={600}>
            {appName}
          </Text>
          <Title order={1} size="h2">
            {t.profile.title}
          </Title>
          <Text c="dimmed" size="sm">
            {t.profile.intro}
          </Text>
        </Stack>
        <div style={columns}>
          <Stack gap="lg">
            <Card withBorder padding="lg">
              <Title order={2} size="h4" mb="sm">
                {t.profile.existing}
              </Title>
              {profiles && profiles.length === 0 && <Text c="dimmed">{t.profile.none}</Text>}
              {error && (
                <Box mb="xs">
                  <ErrorNotice error={error} compact />
                </Box>
              )}
              <Stack gap="xs">
                {profiles?.map((p) => {
                  const asking = unlocking?.id === p.id;
                  return (
                    <Stack key={p.id} gap={4}>
                      <ProfileEntry
                        profile={p}
                        asking={asking}
                        onChoose={() => void choose(p)}
                        onDelete={() => setDeleting(p)}
                        entryRef={(el) => {
                          if (el) entries.current.set(p.id, el);
                          else entries.current.delete(p.id);
                        }}
                      />
                      {asking && (
                        <UnlockPanel
                          deps={deps}
                          profile={p}
                          onClose={closeUnlock}
                          onOpened={onOpened}
                        />
                      )}
                    </Stack>
                  );
                })}
              </Stack>
            </Card>
            <DemoCard deps={deps} onOpened={onOpened} />
          </Stack>
          <NewProfileForm deps={deps} onOpened={onOpened} />
        </div>
      </Stack>
      <Suspense fallback={null}>
        {deleting && (
          <DeleteProfileModal deps={deps} profile={deleting} onClose={() => setDeleting(null)} />
        )}
      </Suspense>
    </Center>
  );
}
