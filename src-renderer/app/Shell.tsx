import {
  Alert,
  AppShell,
  Badge,
  Box,
  Button,
  Center,
  Group,
  Kbd,
  Loader,
  NavLink,
  Stack,
  Text,
} from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useLiveQuery } from 'dexie-react-hooks';
import { Suspense, useState } from 'react';
import { screensFor, type Profile, type Screen } from '../../src-shared/profiles/roles';
import { PackageImportProvider } from '../features/packages/ImportProvider';
import { auditAlertText, useAuditCheck } from './auditCheck';
import { useDb } from './dbContext';
import { useSession } from './sessionContext';
import { useIdleLock } from './useIdleLock';
import { screenComponents } from './screens';
import { appName, roleLabels, screenLabels, t } from './strings';
import { RecordText } from '../components/RecordText';

export function Shell({ profile }: { profile: Profile }) {
  const db = useDb();
  const session = useSession();
  useIdleLock();
  const demo = profile.demo === true;
  const entries = screensFor(profile.role);
  const [active, setActive] = useState<Screen>(entries[0] ?? 'settings');
  const current = entries.includes(active) ? active : (entries[0] ?? 'settings');
  const pkg = useLiveQuery(() => db.packages.orderBy('importedAt').last(), [db]);
  const audit = useAuditCheck(db);
  const auditAlert = audit.status ? auditAlertText(audit.status) : null;

  // Also from inside a text field (Alt+digit types nothing there), and by the key's position,
  // since on some layouts Alt+1 reports another character.
  useHotkeys(
    entries.map((screen, i) => [
      `alt+digit${i + 1}`,
      () => setActive(screen),
      { usePhysicalKeys: true },
    ]),
    [],
    true,
  );

  const Screen = screenComponents[current];
  return (
    <PackageImportProvider profile={profile}>
      <AppShell
        header={{ height: demo ? 84 : 56 }}
        navbar={{ width: 200, breakpoint: 0 }}
        padding="lg"
      >
        <AppShell.Header>
          {demo && (
            // On every screen of a demo profile: its data is signed with a public key.
            <Box bg="orange.6" c="black" px="md" py={4} data-testid="demo-banner">
              <Text size="sm" fw={600} truncate>
                {t.profile.demoBanner}
              </Text>
            </Box>
          )}
          <Group h={56} px="md" justify="space-between" wrap="nowrap">
            <Group gap="md" wrap="nowrap">
              <Text fw={700} size="lg">
                {appName}
              </Text>
              <Text size="sm" c="dimmed" data-testid="package-line" truncate>
                {pkg ? (
                  <>
                    {t.shell.packageLabel}
                    <RecordText text={pkg.title} max={60} data-testid="package-title" />
                    {t.shell.packageVersion(pkg.version)}
                  </>
                ) : (
                  t.shell.noPackage
                )}
              </Text>
            </Group>
            <Group gap="sm" wrap="nowrap">
              <Text fw={500} data-testid="profile-name">
                {profile.name}
              </Text>
              {profile.demo && (
                <Badge variant="filled" color="orange" data-testid="profile-demo-badge">
                  {t.packageImport.demoBadge}
                </Badge>
              )}
              <Badge variant="light" data-testid="profile-role">
                {roleLabels[profile.role]}
              </Badge>
              <Button
                size="xs"
                variant="default"
                onClick={() => void session.lock(true)}
                data-testid="lock-button"
              >
                {t.profile.lock}
              </Button>
              <Button size="xs" variant="default" onClick={() => void session.lock(false)}>
                {t.profile.switch}
              </Button>
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="xs" aria-label={t.controls.mainNav}>
          <Stack gap={2} data-testid="role-nav" flex={1}>
            {entries.map((screen, i) => (
              <NavLink
                component="button"
                key={screen}
                label={screenLabels[screen]}
                active={screen === current}
                onClick={() => setActive(screen)}
                rightSection={<Kbd size="xs">{`Alt+${i + 1}`}</Kbd>}
                data-screen={screen}
              />
            ))}
          </Stack>
          <Text size="xs" c="dimmed" p="xs">
            {t.shell.shortcuts.replace('7', String(entries.length))}
          </Text>
        </AppShell.Navbar>
        <AppShell.Main>
          {auditAlert && (
            // Persistent on purpose: no close button, shown on every screen of the session.
            <Alert
              color="red"
              variant="filled"
              mb="md"
              title={t.auditLog.brokenTitle}
              data-testid="audit-broken"
            >
              {auditAlert}
            </Alert>
          )}
          <Suspense
            fallback={
              <Center mih={240}>
                <Loader />
              </Center>
            }
          >
            <Screen profile={profile} />
          </Suspense>
        </AppShell.Main>
      </AppShell>
    </PackageImportProvider>
  );
}
