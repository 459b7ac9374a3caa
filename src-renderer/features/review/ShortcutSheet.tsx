// The expert's keys on one sheet (opened with ?), so a day of scoring needs no mouse.
import { Kbd, Modal, Table } from '@mantine/core';
import { t } from '../../app/strings';

const s = t.review.keys;

export function ShortcutSheet({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title={s.title} size="lg">
      <Table striped fz="sm" data-testid="shortcut-sheet">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={170}>{s.key}</Table.Th>
            <Table.Th>{s.action}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {s.rows.map(([key, action]) => (
            <Table.Tr key={key}>
              <Table.Td>
                <Kbd size="xs">{key}</Kbd>
              </Table.Td>
              <Table.Td>{action}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Modal>
  );
}
