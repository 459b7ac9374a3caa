import { Card, Code, Grid, Stack, Text } from '@mantine/core';
import { useLiveQuery } from 'dexie-react-hooks';
import { formatDateTime } from '../../../src-shared/time';
import { useDb } from '../../app/dbContext';
import { t } from '../../app/strings';
import { RecordText } from '../../components/RecordText';

const s = t.panel.refusals;

/** Records refused because they differ from a stored one with the same id: both shown. */
export function RefusalList() {
  const db = useDb();
  const rows = useLiveQuery(() => db.panelRefusals.reverse().toArray(), [db]);
  if (!rows) return null;
  if (rows.length === 0) return <Text c="dimmed">{s.empty}</Text>;
  return (
    <Stack gap="sm" data-testid="panel-refusals">
      {rows.map((r) => (
        <Card withBorder key={r.seq} padding="sm">
          <Text size="sm" fw={600}>
            {r.message}
          </Text>
          <Text size="xs" c="dimmed">
            {s.file}：<RecordText text={r.fileName} max={80} /> · {s.at}：{formatDateTime(r.at)}
          </Text>
          <Grid mt={4}>
            <Grid.Col span={6}>
              <Text size="xs">{s.stored}</Text>
              <Code block>{JSON.stringify(r.stored, null, 1)}</Code>
            </Grid.Col>
            <Grid.Col span={6}>
              <Text size="xs">{s.incoming}</Text>
              <Code block>{JSON.stringify(r.incoming, null, 1)}</Code>
            </Grid.Col>
          </Grid>
        </Card>
      ))}
    </Stack>
  );
}
