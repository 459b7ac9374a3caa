import { Box, Button, Center, Loader, MantineProvider, Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import { ErrorNotice } from '../components/ErrorNotice';
import { ProfilePicker } from '../features/profiles/ProfilePicker';
import { DbContext } from './dbContext';
import { SessionContext } from './sessionContext';
import { Shell } from './Shell';
import { t } from './strings';
import { cssVariablesResolver, lightOnly, theme } from './theme';
import { useWorkstation } from './useWorkstation';

function Workstation() {
  const { state, retry, entered, lock } = useWorkstation();
  const dir = state.phase === 'open' || state.phase === 'picker' ? state.dir : null;
  const controls = useMemo(() => (dir ? { dir, lock } : null), [dir, lock]);
  if (state.phase === 'open') {
    // Keyed by profile: nothing of one person's screens survives into the next person's.
    return (
      <SessionContext.Provider value={controls}>
        <DbContext.Provider value={state.opened.db} key={state.opened.profile.id}>
          <Shell profile={state.opened.profile} />
        </DbContext.Provider>
      </SessionContext.Provider>
    );
  }
  if (state.phase === 'picker') {
    return (
      <ProfilePicker
        api={state.api}
        dir={state.dir}
        unlockFirst={state.unlock}
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
  return (
    <Center h="100vh">
      <Stack align="center">
        <Loader />
        <Text c="dimmed">{t.boot.opening}</Text>
      </Stack>
    </Center>
  );
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
