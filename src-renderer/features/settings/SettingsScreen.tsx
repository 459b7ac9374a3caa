import { Card, Stack, Table, Text } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import { getApi } from '../../app/api';
import { roleLabels, t } from '../../app/strings';
import type { Profile } from '../../../src-shared/profiles/roles';
import { AuditLogCard } from './AuditLogCard';
import { IdleLockCard } from './IdleLockCard';
import { ScreenTitle } from '../../app/ScreenTitle';

type Info = {
  version: string;
  host: 'electron' | 'browser-harness';
  platform: string;
  logFile: string | null;
};

/** `packageImport` is the packages feature's card, composed in by app/screens.ts (features do not import each other). */
export function SettingsScreen({
  profile,
  packageImport,
}: {
  profile: Profile;
  packageImport: ReactNode;
}) {
  const [info, setInfo] = useState<Info | null>(null);
  useEffect(() => {
    void getApi()
      ?.app.getInfo({})
      .then((r) => r.ok && setInfo(r.value));
  }, []);
  return (
    <Stack data-testid="screen-settings">
      <ScreenTitle screen="settings" />
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
            <Table.Tr>
              <Table.Th>{t.settings.logFile}</Table.Th>
              <Table.Td>
                <Text
                  size="sm"
                  ff="monospace"
                  style={{ wordBreak: 'break-all' }}
                  data-testid="log-file"
                  // A path the person finds in their file manager: shown exactly (the text scan skips it).
                  data-verbatim
                >
                  {info ? (info.logFile ?? t.settings.logFileNone) : '…'}
                </Text>
                <Text size="xs" c="dimmed">
                  {t.settings.logFileHint}
                </Text>
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Card>
      <IdleLockCard />
      {packageImport}
      <Text size="sm" c="dimmed">
        {t.settings.dataLocation}
      </Text>
      <AuditLogCard profile={profile} />
    </Stack>
  );
}
