// Totals per training organizer (its classes plus its exit-ground findings) and for the package.
import { Stack, Table, Text } from '@mantine/core';
import type { PackageEvaluation } from '../../../src-shared/policy/engine';
import { formatYuan } from '../../../src-shared/money';
import { t } from '../../app/strings';
import { TotalsBadges } from './ClassDetail';
import { organizerRows } from './viewModel';
import { RecordText } from '../../components/RecordText';

const s = () => t.compliance;

export function OrganizerTotals({ evaluation }: { evaluation: PackageEvaluation }) {
  const rows = organizerRows(evaluation);
  return (
    <Stack gap="sm">
      <Text size="sm" fw={600}>
        {s().packageTotals}
      </Text>
      <TotalsBadges totals={evaluation.totals} testId="package-totals" />
      <Text size="sm" fw={600} mt="sm">
        {s().organizerTotals}
      </Text>
      <Table striped highlightOnHover fz="xs" verticalSpacing={4} data-testid="organizer-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{s().col.organizer}</Table.Th>
            <Table.Th ta="right">{s().col.classes}</Table.Th>
            <Table.Th ta="right">{s().col.trainees}</Table.Th>
            <Table.Th ta="right">{s().col.eligible}</Table.Th>
            <Table.Th ta="right">{s().col.pending}</Table.Th>
            <Table.Th ta="right">{s().col.ineligible}</Table.Th>
            <Table.Th ta="right">{s().col.errors}</Table.Th>
            <Table.Th ta="right">{s().col.warnings}</Table.Th>
            <Table.Th ta="right">{s().col.claimable}</Table.Th>
            <Table.Th ta="right">{s().col.potential}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((o) => (
            <Table.Tr key={o.organizerId} data-testid="organizer-row">
              <Table.Td>
                <Text size="xs" fw={500}>
                  <RecordText text={o.name} max={40} />
                </Text>
                <Text size="10px" c="dimmed">
                  {o.district}
                </Text>
              </Table.Td>
              <Table.Td ta="right">{o.classes}</Table.Td>
              <Table.Td ta="right">{o.totals.trainees}</Table.Td>
              <Table.Td ta="right">{o.totals.eligible}</Table.Td>
              <Table.Td ta="right">{o.totals.pending}</Table.Td>
              <Table.Td ta="right">{o.totals.ineligible}</Table.Td>
              <Table.Td ta="right" c={o.totals.errors ? 'red' : undefined}>
                {o.totals.errors}
              </Table.Td>
              <Table.Td ta="right" c={o.totals.warnings ? 'orange' : undefined}>
                {o.totals.warnings}
              </Table.Td>
              <Table.Td ta="right">{formatYuan(o.totals.totalYuan)}</Table.Td>
              <Table.Td ta="right">{formatYuan(o.totals.potentialYuan)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
