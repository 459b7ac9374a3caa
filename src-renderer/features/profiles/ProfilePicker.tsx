import {
  ActionIcon,
  Badge,
  Box,
  Card,
  Center,
  Group,
  Stack,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { Suspense, useState } from 'react';
import type { Profile } from '../../../src-shared/profiles/roles';
import { appName, roleLabels, t } from '../../app/strings';
import type { DirectoryDb } from '../../db/directory';
import { useDirectory } from '../../db/useDirectory';
import { DemoCard } from './DemoCard';
import { DeleteProfileModal, UnlockModal } from './dialogs';
import { NewProfileForm } from './NewProfileForm';
import { needsPassphrase, openSession, type Opened, type SessionApi } from './session';
import { ErrorNotice } from '../../components/ErrorNotice';

export interface PickerProps {
  api: SessionApi;
  dir: DirectoryDb;
  /** Show this profile's unlock dialog at once (the last one in use, or an idle lock). */
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
  const deps = { api, dir };

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
                {profiles?.map((p) => (
                  <Group key={p.id} gap="xs" wrap="nowrap">
                    <UnstyledButton
                      onClick={() => void choose(p)}
                      data-testid="profile-entry"
                      p="sm"
                      flex={1}
                      // Without it the row grows to its name's full width and pushes the role
                      // badges and the delete button out of the card; the name is cut instead.
                      miw={0}
                      style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 4 }}
                    >
                      <Group justify="space-between" wrap="nowrap">
                        <Text fw={500} truncate title={p.name}>
                          {p.name}
                        </Text>
                        <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
                          {p.demo && (
                            <Badge variant="filled" color="orange">
                              {t.packageImport.demoBadge}
                            </Badge>
                          )}
                          <Badge variant="light">{roleLabels[p.role]}</Badge>
                        </Group>
                      </Group>
                    </UnstyledButton>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      size="lg"
                      aria-label={`${t.profile.delete} ${p.name}`}
                      onClick={() => setDeleting(p)}
                      data-testid="profile-delete"
                    >
                      ✕
                    </ActionIcon>
                  </Group>
                ))}
              </Stack>
            </Card>
            <DemoCard deps={deps} onOpened={onOpened} />
          </Stack>
          <NewProfileForm deps={deps} onOpened={onOpened} />
        </div>
      </Stack>
      <Suspense fallback={null}>
        {unlocking && (
          <UnlockModal
            deps={deps}
            profile={unlocking}
            onClose={() => setUnlocking(null)}
            onOpened={onOpened}
          />
        )}
        {deleting && (
          <DeleteProfileModal deps={deps} profile={deleting} onClose={() => setDeleting(null)} />
        )}
      </Suspense>
    </Center>
  );
}
