import { Box, Button, Center, Loader, MantineProvider, Stack, Text } from '@mantine/core';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { ErrorNotice } from '../components/ErrorNotice';
import { ProfilePicker } from '../features/profiles/ProfilePicker';
import { DbContext } from './dbContext';
import { SessionContext } from './sessionContext';
import { t } from './strings';
import { cssVariablesResolver, lightOnly, theme } from './theme';
import { useWorkstation } from './useWorkstation';

// The profile picker is the first screen. The workstation behind it (every screen, the package
// import, the policy engine and their schemas) is a separate chunk: it loads while the person
// picks, not before the picker can show.
const loadShell = () => import('./Shell');
const Shell = lazy(() => loadShell().then((m) => ({ default: m.Shell })));

/** Fetches the workstation chunk once the picker is up and the window is idle. */
function usePrefetchShell() {
  useEffect(() => {
    const prefetch = () => void loadShell();
    if (typeof requestIdleCallback === 'function') {
      const id = requestIdleCallback(prefetch, { timeout: 2000 });
      return () => cancelIdleCallback(id);
    }
    const timer = setTimeout(prefetch, 200);
    return () => clearTimeout(timer);
  }, []);
}

/**
 * The opening screen waits this long before it shows: the directory usually opens sooner, and a
 * screen painted for a few frames before the picker costs the picker a render, a layout and a
 * paint of its own (and flashes a spinner).
 */
const OPENING_DELAY_MS = 300;

function Opening() {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setShown(true), OPENING_DELAY_MS);
    return () => clearTimeout(timer);
  }, []);
  if (!shown) return null;
  return (
    <Center h="100vh">
      <Stack align="center">
        <Loader />
        <Text c="dimmed">{t.boot.opening}</Text>
      </Stack>
    </Center>
  );
}

function Workstation() {
  const { state, retry, entered, lock } = useWorkstation();
  const dir = state.phase === 'open' || state.phase === 'picker' ? state.dir : null;
  const controls = useMemo(() => (dir ? { dir, lock } : null), [dir, lock]);
  if (state.phase === 'open') {
    // Keyed by profile: nothing of one person's screens survives into the next person's.
    return (
      <SessionContext.Provider value={controls}>
        <DbContext.Provider value={state.opened.db} key={state.opened.profile.id}>
          <Suspense fallback={<Opening />}>
            <Shell profile={state.opened.profile} />
          </Suspense>
        </DbContext.Provider>
      </SessionContext.Provider>
    );
  }
  if (state.phase === 'picker') {
    return (
      <PickerScreen
        api={state.api}
        dir={state.dir}
        unlockFirst={state.unlock}
        initialProfiles={state.profiles}
        onOpened={entered}
      />
    );
  }
  if (state.phase === 'failed') {
    return (
      <Center h="100vh" p="xl">
        <Box maw={560}>
          <ErrorNotice title={state.title} error={state.message} data-testid="boot-error">
            <Button variant="light" color="red" onClick={retry} w="fit-content">
              {t.boot.retry}
            </Button>
          </ErrorNotice>
        </Box>
      </Center>
    );
  }
  return <Opening />;
}

function PickerScreen(props: Parameters<typeof ProfilePicker>[0]) {
  usePrefetchShell();
  return <ProfilePicker {...props} />;
}

export function App() {
  return (
    <MantineProvider
      theme={theme}
      cssVariablesResolver={cssVariablesResolver}
      defaultColorScheme="light"
      forceColorScheme="light"
      colorSchemeManager={lightOnly}
    >
      <Workstation />
    </MantineProvider>
  );
}
