import { Alert, Button, Center, Loader, MantineProvider, Stack, Text } from '@mantine/core';
import { DbContext } from './dbContext';
import { ProfileGate } from './ProfileGate';
import { t } from './strings';
import { theme } from './theme';
import { useBoot } from './useBoot';

function BootScreen() {
  const { state, retry } = useBoot();
  if (state.phase === 'ready') {
    return (
      <DbContext.Provider value={state.db}>
        <ProfileGate />
      </DbContext.Provider>
    );
  }
  if (state.phase === 'failed') {
    return (
      <Center h="100vh" p="xl">
        <Alert color="red" title={state.title} maw={560} role="alert" data-testid="boot-error">
          <Stack>
            <Text size="sm">{state.message}</Text>
            <Button variant="light" color="red" onClick={retry} w="fit-content">
              {t.boot.retry}
            </Button>
          </Stack>
        </Alert>
      </Center>
    );
  }
  return (
    <Center h="100vh">
      <Stack align="center">
        <Loader />
        <Text c="dimmed">
          {state.phase === 'loading-demo' ? t.boot.loadingDemo : t.boot.opening}
        </Text>
      </Stack>
    </Center>
  );
}

export function App() {
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <BootScreen />
    </MantineProvider>
  );
}
