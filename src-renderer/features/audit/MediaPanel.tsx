import { Button, Card, Group, Progress, Stack, Text } from '@mantine/core';
import { t } from '../../app/strings';
import { ErrorNotice } from '../../components/ErrorNotice';
import type { MediaState } from './useMedia';

const s = () => t.audit.media;
const mb = (bytes: number) => Math.round(bytes / 1048576);

export function MediaPanel({ media }: { media: MediaState }) {
  const { status, progress, error } = media;
  const running = progress?.state === 'running';
  const files = status?.files ?? [];
  const count = (st: string) => files.filter((f) => f.state === st).length;
  return (
    <Card withBorder padding="sm" data-testid="media-panel">
      <Stack gap={6}>
        <Group justify="space-between">
          <Text fw={600} size="sm">
            {s().title}
          </Text>
          <Group gap={6}>
            {running && (
              <Button size="compact-xs" variant="default" onClick={() => void media.cancel()}>
                {s().cancel}
              </Button>
            )}
            <Button
              size="compact-xs"
              onClick={() => void media.attach()}
              loading={running}
              data-testid="media-attach"
            >
              {s().attach}
            </Button>
          </Group>
        </Group>
        {status?.folder ? (
          <Text size="xs" c="dimmed" truncate="start" title={status.folder}>
            {status.folder}
          </Text>
        ) : (
          <Text size="xs" c="dimmed">
            {s().none}
          </Text>
        )}
        {progress && running && (
          <>
            <Progress
              size="sm"
              value={progress.bytesTotal ? (100 * progress.bytesDone) / progress.bytesTotal : 0}
            />
            <Text size="xs">
              {s().progress(
                progress.filesDone,
                progress.filesTotal,
                mb(progress.bytesDone),
                mb(progress.bytesTotal),
              )}
            </Text>
          </>
        )}
        {files.length > 0 && (
          <Text size="xs" data-testid="media-counts">
            {s().counts(
              count('verified'),
              count('missing'),
              count('mismatch'),
              count('pending'),
              status?.extra.length ?? 0,
            )}
          </Text>
        )}
        {files
          .filter((f) => f.state === 'missing' || f.state === 'mismatch')
          .slice(0, 4)
          .map((f) => (
            <Text key={f.fileId} size="xs" c="red">
              {f.message ?? `${f.path}：${s().state[f.state]}`}
            </Text>
          ))}
        {error && <ErrorNotice error={error} compact />}
      </Stack>
    </Card>
  );
}
