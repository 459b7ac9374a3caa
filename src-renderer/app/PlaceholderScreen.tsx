import { Card, SimpleGrid, Stack, Text } from '@mantine/core';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Screen } from '../../src-shared/profiles/roles';
import { useDb } from './dbContext';
import { t } from './strings';
import { ScreenTitle } from './ScreenTitle';

type CountKey = keyof typeof t.counts;

/** A screen whose capability is not built yet: says so, and shows the data it will work on. */
export function PlaceholderScreen({ screen, counts }: { screen: Screen; counts: CountKey[] }) {
  const db = useDb();
  const values = useLiveQuery(
    () => Promise.all(counts.map((k) => db.table(k).count())),
    [db, counts.join(',')],
  );
  return (
    <Stack data-testid={`screen-${screen}`}>
      <ScreenTitle screen={screen} />
      <Text c="dimmed">{t.placeholder.comingSoon}</Text>
      <Text size="sm">{t.placeholder.dataReady}</Text>
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        {counts.map((k, i) => (
          <Card withBorder key={k} padding="md">
            <Text size="sm" c="dimmed">
              {t.counts[k]}
            </Text>
            <Text fz={28} fw={600} data-testid={`count-${k}`}>
              {values?.[i] ?? '…'}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
