// The import entry every role has (on the settings screen): a button for the open dialog and a
// drop area; a file dropped anywhere on the window works too (PackageImportProvider).
import { Button, Card, Group, Kbd, Stack, Text, Title } from '@mantine/core';
import { useState, type DragEvent } from 'react';
import { t } from '../../app/strings';
import { usePackageImport } from './ImportProvider';

const s = t.packageImport;

export function PackageImportCard() {
  const { importer, start, startDropped } = usePackageImport();
  const [over, setOver] = useState(false);
  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    // Handled here so the window-wide handler does not start the same import twice.
    e.stopPropagation();
    setOver(false);
    startDropped(e.dataTransfer.files);
  };
  return (
    <Card withBorder maw={640} data-testid="package-import-card">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {s.cardTitle}
        </Title>
        <Text size="sm">{s.cardIntro}</Text>
        <Text size="sm" c={importer.demo ? 'orange' : 'dimmed'} data-testid="import-trust">
          {importer.demo ? s.demoTrust : s.enrolledTrust}
        </Text>
        <Group gap="sm">
          <Button onClick={() => start({ kind: 'dialog' })} data-testid="import-button">
            {s.button}
          </Button>
          <Text size="xs" c="dimmed">
            <Kbd size="xs">Ctrl</Kbd> + <Kbd size="xs">O</Kbd>
          </Text>
        </Group>
        <div
          data-testid="import-dropzone"
          onDragOver={(e) => {
            e.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={onDrop}
          style={{
            border: `2px dashed var(--mantine-color-${over ? 'blue-6' : 'gray-4'})`,
            borderRadius: 8,
            padding: 'var(--mantine-spacing-lg)',
            textAlign: 'center',
            background: over ? 'var(--mantine-color-blue-0)' : undefined,
          }}
        >
          <Text size="sm" c="dimmed">
            {s.dropHere}
          </Text>
        </div>
      </Stack>
    </Card>
  );
}
