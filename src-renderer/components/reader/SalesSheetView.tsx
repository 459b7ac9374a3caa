// An online shop's monthly sales: the table, a bar per month, and the average the policy uses
// (R-SUBSIDY-PRACTICE: at least 6 months, average ≥ 3000 元; parameters from the shipped pack).
import { Badge, Group, Loader, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { JRSNF_2023_25 } from '../../../src-shared/policy/pack-jrsnf-2023-25';
import { salesAverage } from '../../../src-shared/policy/salesAverage';
import { parseSalesSheet, type SalesRow } from '../../../src-shared/reader/salesSheet';
import { t } from '../../app/strings';
import { useFetchedFile } from './useFetchedFile';
import { ErrorNotice } from '../ErrorNotice';

const s = t.reader;
const yuan = (v: number) =>
  v.toLocaleString('zh-CN', { minimumFractionDigits: 0, maximumFractionDigits: 2 });

function SalesChart({ rows, minimum }: { rows: SalesRow[]; minimum: number }) {
  const W = 480;
  const H = 180;
  const pad = { left: 8, right: 8, top: 12, bottom: 22 };
  const max = Math.max(minimum, ...rows.map((r) => r.amountYuan)) * 1.1;
  const bw = (W - pad.left - pad.right) / rows.length;
  const y = (v: number) => pad.top + (H - pad.top - pad.bottom) * (1 - v / max);
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      width="100%"
      role="img"
      aria-label={s.sales.chart}
      data-testid="sales-chart"
      style={{ maxWidth: W }}
    >
      {rows.map((r, i) => (
        <g key={r.month}>
          <rect
            x={pad.left + i * bw + bw * 0.15}
            y={y(r.amountYuan)}
            width={bw * 0.7}
            height={H - pad.bottom - y(r.amountYuan)}
            fill={
              r.amountYuan >= minimum
                ? 'var(--mantine-color-blue-5)'
                : 'var(--mantine-color-orange-5)'
            }
          >
            <title>{`${r.month}：${yuan(r.amountYuan)} 元`}</title>
          </rect>
          <text
            x={pad.left + i * bw + bw / 2}
            y={H - 6}
            fontSize={10}
            textAnchor="middle"
            fill="#555"
          >
            {r.month.slice(2)}
          </text>
        </g>
      ))}
      <line
        x1={pad.left}
        x2={W - pad.right}
        y1={y(minimum)}
        y2={y(minimum)}
        stroke="var(--mantine-color-red-6)"
        strokeDasharray="4 3"
      />
      <text x={W - pad.right} y={y(minimum) - 3} fontSize={10} textAnchor="end" fill="#c92a2a">
        {yuan(minimum)} 元
      </text>
    </svg>
  );
}

export function SalesSheetView({ url, path }: { url: string; path: string }) {
  const fetched = useFetchedFile(url);
  if (!fetched) return <Loader size="xs" />;
  if (!fetched.ok)
    return <ErrorNotice title={s.cannotShow} error={fetched.error} data-testid="reader-error" />;
  const sheet = parseSalesSheet(new TextDecoder().decode(fetched.bytes), path);
  if (!sheet.ok)
    return <ErrorNotice title={s.cannotShow} error={sheet} data-testid="reader-error" />;
  const rule = JRSNF_2023_25.practice;
  const avg = salesAverage(sheet.rows, rule);
  return (
    <ScrollArea
      h="100%"
      type="auto"
      data-testid="sales-reader"
      // Nothing inside takes focus, so the region itself must, or a keyboard user cannot scroll it.
      viewportProps={{ tabIndex: 0, 'aria-label': s.sales.title }}
    >
      <Stack gap="sm" p={4}>
        <Group gap="xs">
          <Text fw={600}>{s.sales.title}</Text>
          {avg.enoughData ? (
            <Badge
              color={avg.meetsMinimum ? 'green' : 'orange'}
              variant="light"
              data-testid="sales-average"
            >
              {s.sales.average(avg.months, yuan(avg.averageYuan))}
            </Badge>
          ) : (
            <Badge color="gray" variant="light" data-testid="sales-average">
              {s.sales.averageShort(rule.shopMonths, avg.months)}
            </Badge>
          )}
        </Group>
        <SalesChart rows={sheet.rows} minimum={rule.minAverageMonthlySalesYuan} />
        <Table striped withTableBorder fz="sm" maw={480} data-testid="sales-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{s.sales.month}</Table.Th>
              <Table.Th ta="right">{s.sales.orders}</Table.Th>
              <Table.Th ta="right">{s.sales.amount}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sheet.rows.map((r) => (
              <Table.Tr key={r.month}>
                <Table.Td>{r.month}</Table.Td>
                <Table.Td ta="right">{r.orders ?? '—'}</Table.Td>
                <Table.Td ta="right">{yuan(r.amountYuan)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </ScrollArea>
  );
}
