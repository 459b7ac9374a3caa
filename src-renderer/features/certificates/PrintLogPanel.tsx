// The station's print log with the void action (a spoiled sheet is voided with a reason).
import { Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { Profile } from '../../../src-shared/profiles/roles';
import { formatDateTime } from '../../../src-shared/time';
import { useDb } from '../../app/dbContext';
import { t } from '../../app/strings';
import { OutcomeNotice, type Outcome } from '../../components/OutcomeNotice';
import { printLogRows, recordVoid } from './printLogStore';

const s = () => t.certificates;

export function PrintLogPanel({ profile }: { profile: Profile }) {
  const db = useDb();
  const rows = useLiveQuery(() => printLogRows(db), [db]);
  const [number, setNumber] = useState('');
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<Outcome | null>(null);

  const doVoid = async () => {
    const at = new Date();
    const r = await recordVoid(db, profile.id, {
      batchId: `v${at.getTime().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
      actor: { profileId: profile.id, name: profile.name },
      at: at.toISOString(),
      number: number.trim(),
      reason,
    });
    setMessage(
      r.ok ? { ok: true, text: s().voided(number.trim()) } : { ok: false, error: r.message },
    );
    if (r.ok) {
      setNumber('');
      setReason('');
    }
  };

  return (
    <Stack gap="xs" data-testid="print-log">
      <Title order={2} size="h5">
        {s().log}
      </Title>
      {rows && rows.length === 0 && (
        <Text size="sm" c="dimmed">
          {s().logEmpty}
        </Text>
      )}
      {rows && rows.length > 0 && (
        <Table striped withTableBorder fz="xs">
          <Table.Thead>
            <Table.Tr>
              {Object.values(s().logColumns).map((h) => (
                <Table.Th key={h}>{h}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.id} data-testid="print-log-row">
                <Table.Td>{formatDateTime(r.entry.at)}</Table.Td>
                <Table.Td>{s().actions[r.entry.action]}</Table.Td>
                <Table.Td style={{ maxWidth: 220 }}>{r.entry.numbers.join('、')}</Table.Td>
                <Table.Td>{r.entry.copies}</Table.Td>
                <Table.Td style={{ maxWidth: 200, wordBreak: 'break-all' }}>
                  {r.entry.destination?.name ?? '—'}
                </Table.Td>
                <Table.Td>{r.entry.actor.name}</Table.Td>
                <Table.Td>{r.entry.reason ?? '—'}</Table.Td>
                <Table.Td>{s().sync[r.syncState]}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Group align="flex-end" gap="xs">
        <TextInput
          size="xs"
          label={s().voidNumber}
          value={number}
          onChange={(e) => setNumber(e.currentTarget.value)}
          data-testid="void-number"
        />
        <TextInput
          size="xs"
          w={260}
          label={s().voidReason}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          data-testid="void-reason"
        />
        <Button
          size="xs"
          color="red"
          variant="light"
          onClick={() => void doVoid()}
          disabled={!number.trim()}
          data-testid="void-button"
        >
          {s().voidButton}
        </Button>
      </Group>
      {message && <OutcomeNotice outcome={message} data-testid="void-message" />}
    </Stack>
  );
}
