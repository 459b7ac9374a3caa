import { Badge, Button, Card, Group, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { formatDateTime } from '../../../src-shared/time';
import { auditAlertText, useAuditCheck } from '../../app/auditCheck';
import { useDb } from '../../app/dbContext';
import { t } from '../../app/strings';
import type { Profile } from '../../../src-shared/profiles/roles';
import { recentAudit } from '../../db/audit';
import { getApi } from '../../app/api';
import { auditWords, bundleNumbers, NO_BUNDLE_NUMBERS } from '../../db/auditNames';

const s = t.auditLog;

/** 审计日志: chain status and the newest 50 entries (read-only; nothing here repairs). */
export function AuditLogCard({ profile }: { profile: Profile }) {
  const db = useDb();
  const { status, recheck } = useAuditCheck(db);
  // Bundle numbers come from main's outbox, the one record of which bundle was which.
  const [numbers, setNumbers] = useState(NO_BUNDLE_NUMBERS);
  useEffect(() => {
    let live = true;
    void getApi()
      ?.sync.status({ profileId: profile.id })
      .then((r) => live && r.ok && setNumbers(bundleNumbers(r.value)));
    return () => {
      live = false;
    };
  }, [profile.id]);
  const rows = useLiveQuery(async () => {
    const rows = await recentAudit(db, 50);
    const names = { ...s.names, entities: s.entities };
    const words = await auditWords(db, rows, profile, names, numbers);
    return rows.map((row, i) => ({ row, words: words[i] }));
  }, [db, profile, numbers]);
  const problem = status ? auditAlertText(status) : null;
  return (
    <Card withBorder maw={900} data-testid="audit-log-card">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4">
            {s.view.title}
          </Title>
          <Group gap="xs">
            <Text size="sm">{s.view.status}</Text>
            <Badge
              data-testid="audit-chain-status"
              color={!status ? 'gray' : status.state === 'ok' ? 'green' : 'red'}
              variant="light"
            >
              {!status
                ? s.view.checking
                : status.state === 'ok'
                  ? status.length === 0
                    ? s.view.empty
                    : s.view.ok(status.length)
                  : status.state === 'broken'
                    ? s.view.broken(status.check.seq)
                    : s.view.checking}
            </Badge>
            <Button size="compact-xs" variant="default" onClick={recheck}>
              {s.view.recheck}
            </Button>
          </Group>
        </Group>
        <Text size="sm" c="dimmed">
          {s.view.intro}
        </Text>
        {problem && (
          <Text size="sm" c="red">
            {problem}
          </Text>
        )}
        {rows && rows.length > 0 && (
          <ScrollArea.Autosize mah={360}>
            <Table striped fz="xs" data-testid="audit-log-rows">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{s.view.seq}</Table.Th>
                  <Table.Th>{s.view.at}</Table.Th>
                  <Table.Th>{s.view.actor}</Table.Th>
                  <Table.Th>{s.view.action}</Table.Th>
                  <Table.Th>{s.view.entity}</Table.Th>
                  <Table.Th>{s.view.hash}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map(({ row: r, words }) => (
                  <Table.Tr key={r.seq}>
                    <Table.Td>{r.seq}</Table.Td>
                    <Table.Td>{formatDateTime(r.at)}</Table.Td>
                    <Table.Td>{words?.actor}</Table.Td>
                    <Table.Td>{s.actions[r.action] ?? r.action}</Table.Td>
                    <Table.Td>
                      {s.entities[r.entityKind] ?? r.entityKind}：{words?.object}
                    </Table.Td>
                    <Table.Td ff="monospace" title={r.hash}>
                      {r.hash.slice(0, 12)}…
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
        )}
      </Stack>
    </Card>
  );
}
