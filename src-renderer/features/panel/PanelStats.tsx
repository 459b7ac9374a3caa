import { Card, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { PanelSummary } from '../../../src-shared/panel/summary';
import { t } from '../../app/strings';
import { RecordText } from '../../components/RecordText';

const s = t.panel.panelStats;
const f3 = (x: number | null) => (x === null ? s.undefined : x.toFixed(3));

/** A bar centred on zero for a deviation: left for harsh, right for lenient. */
function DeviationBar({ value, max }: { value: number | null; max: number }) {
  const pct = value === null || max === 0 ? 0 : Math.min(50, (Math.abs(value) / max) * 50);
  return (
    <div
      aria-hidden
      style={{
        position: 'relative',
        height: 10,
        width: 160,
        background: 'var(--mantine-color-gray-1)',
      }}
    >
      <div
        style={{
          position: 'absolute',
          left: '50%',
          top: 0,
          bottom: 0,
          width: 1,
          background: 'var(--mantine-color-gray-5)',
        }}
      />
      <div
        style={{
          position: 'absolute',
          top: 0,
          bottom: 0,
          left: value !== null && value < 0 ? `${50 - pct}%` : '50%',
          width: `${pct}%`,
          background:
            value !== null && value < 0
              ? 'var(--mantine-color-red-5)'
              : 'var(--mantine-color-teal-5)',
        }}
      />
    </div>
  );
}

/** Per-expert score distribution: a strip of dots on the 0–100 range. */
function Strip({ totals }: { totals: number[] }) {
  return (
    <svg width={160} height={14} role="img" aria-label={totals.join('、')}>
      <line x1={0} y1={7} x2={160} y2={7} stroke="var(--mantine-color-gray-4)" />
      <line x1={96} y1={2} x2={96} y2={12} stroke="var(--mantine-color-gray-6)" />
      {totals.map((x, i) => (
        <circle
          key={i}
          cx={(Math.min(100, Math.max(0, x)) / 100) * 160}
          cy={7}
          r={3}
          fill="var(--mantine-color-blue-6)"
          fillOpacity={0.6}
        />
      ))}
    </svg>
  );
}

export function PanelStats({ summary }: { summary: PanelSummary }) {
  const maxDev = Math.max(1, ...summary.leniency.map((l) => Math.abs(l.meanDeviation ?? 0)));
  const totalsOf = (expertId: string) =>
    summary.submissions.flatMap((x) =>
      x.entries.flatMap((e) =>
        e.expertId === expertId && e.status === 'reviewed' ? [e.review.total] : [],
      ),
    );
  return (
    <SimpleGrid cols={2} spacing="md" data-testid="panel-statistics">
      <Card withBorder>
        <Stack gap="xs">
          <Title order={2} size="h5">
            {s.leniency}
          </Title>
          <Text size="xs" c="dimmed">
            {s.leniencyNote}
          </Text>
          <Table fz="sm" data-testid="panel-leniency">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{s.expert}</Table.Th>
                <Table.Th>{s.compared}</Table.Th>
                <Table.Th>{s.deviation}</Table.Th>
                <Table.Th>{s.z}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {summary.leniency.map((l) => (
                <Table.Tr
                  key={l.expertId}
                  data-testid="panel-leniency-row"
                  data-expert-id={l.expertId}
                >
                  <Table.Td>
                    <RecordText text={l.name} max={24} />
                    {l.zScore !== null && l.zScore <= -1 && (
                      <Text span c="red" size="xs">
                        {' '}
                        {s.harsh}
                      </Text>
                    )}
                    {l.zScore !== null && l.zScore >= 1 && (
                      <Text span c="teal" size="xs">
                        {' '}
                        {s.lenient}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{l.compared}</Table.Td>
                  <Table.Td>{l.meanDeviation ?? '—'}</Table.Td>
                  <Table.Td>{l.zScore ?? '—'}</Table.Td>
                  <Table.Td>
                    <Stack gap={2}>
                      <DeviationBar value={l.meanDeviation} max={maxDev} />
                      <Strip totals={totalsOf(l.expertId)} />
                    </Stack>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      </Card>
      <Card withBorder>
        <Stack gap="xs">
          <Title order={2} size="h5">
            {s.alpha}
          </Title>
          <Text size="xs" c="dimmed">
            {s.alphaNote}
          </Text>
          <Table fz="sm" data-testid="panel-alpha">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{s.scope}</Table.Th>
                <Table.Th>{s.units}</Table.Th>
                <Table.Th>{s.interval}</Table.Th>
                <Table.Th>{s.nominal}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              <Table.Tr>
                <Table.Td>{s.wholePanel}</Table.Td>
                <Table.Td>{summary.submissions.length}</Table.Td>
                <Table.Td data-testid="panel-alpha-interval">{f3(summary.alpha.interval)}</Table.Td>
                <Table.Td>{f3(summary.alpha.nominal)}</Table.Td>
              </Table.Tr>
              {summary.alphaByRubric.map((a) => (
                <Table.Tr key={a.rubricId}>
                  <Table.Td>
                    <RecordText text={a.title} max={40} />
                  </Table.Td>
                  <Table.Td>{a.units}</Table.Td>
                  <Table.Td>{f3(a.interval)}</Table.Td>
                  <Table.Td>{f3(a.nominal)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      </Card>
    </SimpleGrid>
  );
}
