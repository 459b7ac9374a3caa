import { Card, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { getApi } from '../../app/api';
import { roleLabels, screenLabels, t } from '../../app/strings';
import type { Profile } from '../../../src-shared/profiles/roles';
import { PackageImportCard } from '../packages/PackageImportCard';
import { AuditLogCard } from './AuditLogCard';
import { IdleLockCard } from './IdleLockCard';

type Info = { version: string; host: 'electron' | 'browser-harness'; platform: string };

export function SettingsScreen({ profile }: { profile: Profile }) {
  const [info, setInfo] = useState<Info | null>(null);
  useEffect(() => {
    void getApi()
      ?.app.getInfo({})
      .then((r) => r.ok && setInfo(r.value));
  }, []);
  return (
    <Stack data-testid="screen-settings">
      <Title order={3}>{screenLabels.settings}</Title>
      <Card withBorder maw={640}>
        <Table>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th w={160}>{t.profile.name}</Table.Th>
              <Table.Td>{profile.name}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t.profile.role}</Table.Th>
              <Table.Td>{roleLabels[profile.role]}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t.settings.version}</Table.Th>
              <Table.Td data-testid="app-version">{info?.version ?? '…'}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t.settings.host}</Table.Th>
              <Table.Td>
                {info
                  ? info.host === 'electron'
                    ? t.settings.hostElectron
                    : t.settings.hostHarness
                  : '…'}
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Card>
      <IdleLockCard />
      <PackageImportCard />
      <Text size="sm" c="dimmed">
        {t.settings.dataLocation}
      </Text>
      <AuditLogCard profile={profile} />
    </Stack>
  );
}
