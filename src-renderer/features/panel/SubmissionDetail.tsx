import { Alert, Badge, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { SubmissionSummary } from '../../../src-shared/panel/summary';
import type { PageAnchor } from '../../../src-shared/review/anchor';
import { t } from '../../app/strings';
import { RecordText } from '../../components/RecordText';
import { isolated } from '../../../src-shared/records/visibleText';
import { AnchorChips } from '../../components/reader/AnchorChips';

const s = t.panel;
const n = (x: number | null) => (x === null ? s.stats.none : String(x));

/** One submission: every expert's scores side by side, their totals, verdicts and comments. */
export function SubmissionDetail({
  item,
  threshold,
  fileName,
  onOpenAnchor,
}: {
  item: SubmissionSummary;
  threshold: number;
  /** A submission file's name by hash, for the anchor links. */
  fileName?: (fileSha256: string) => string | undefined;
  onOpenAnchor?: (anchor: PageAnchor) => void;
}) {
  const { stats, entries, rubric } = item;
  const criteria = rubric?.criteria ?? [];
  const reviewed = (e: (typeof entries)[number]) => (e.status === 'reviewed' ? e.review : null);
  const hasAnchors = entries.some((e) => (reviewed(e)?.anchors?.length ?? 0) > 0);
  const hardFailLabel = (id: string) => rubric?.hardFails?.find((h) => h.id === id)?.label ?? id;
  return (
    <Stack gap="xs" data-testid="panel-detail">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <div>
          <Title order={2} size="h4">
            <RecordText text={item.submission.title} max={80} />
          </Title>
          <Text size="sm" c="dimmed">
            {s.detail.trainee}：<RecordText text={item.traineeName} max={24} /> · {s.detail.klass}：
            <RecordText text={item.className} max={40} />
            {rubric ? ` · ${isolated(rubric.title)}（${rubric.passScore} 分通过）` : ''}
          </Text>
        </div>
      </Group>
      {stats.disagreement.length > 0 ? (
        <Alert color="orange" py={6} data-testid="panel-flag">
          {stats.disagreement
            .map((d) => (d === 'spread' ? s.flag.spread(threshold) : s.flag['verdicts-differ']))
            .join('；')}
        </Alert>
      ) : null}
      <Group gap="lg" data-testid="panel-stats-line">
        <Text size="sm">
          {s.stats.mean} <b>{n(stats.mean)}</b>
        </Text>
        <Text size="sm" title={s.stats.trimmedNote}>
          {s.stats.trimmed} <b>{n(stats.trimmedMean)}</b>
        </Text>
        <Text size="sm">
          {s.stats.sd} <b>{n(stats.standardDeviation)}</b>
        </Text>
        <Text size="sm">
          {s.stats.spread} <b data-testid="panel-spread">{n(stats.spread)}</b>
        </Text>
        <Text size="sm">{s.stats.votes(stats.passCount, stats.failCount)}</Text>
        <Text size="sm">
          {s.stats.majority}：
          {stats.majority
            ? s.decision[stats.majority]
            : stats.count > 0
              ? s.stats.tie
              : s.stats.none}
        </Text>
      </Group>
      {!rubric && <Alert color="red">{s.detail.noRubric}</Alert>}
      <Card withBorder padding={0}>
        <Table striped withColumnBorders layout="fixed" fz="sm" data-testid="panel-side-by-side">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={150}>{s.detail.criterion}</Table.Th>
              {entries.map((e) => (
                <Table.Th key={e.expertId} data-testid="panel-expert-col">
                  <RecordText text={e.name} max={16} />
                  {e.status !== 'reviewed' && (
                    <Badge ml={6} size="xs" color={e.status === 'recused' ? 'grape' : 'gray'}>
                      {e.status === 'recused' ? s.detail.recused : s.detail.missing}
                    </Badge>
                  )}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {criteria.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>
                  {c.label}
                  <Text span size="xs" c="dimmed">
                    {' '}
                    /{c.maxScore}
                  </Text>
                </Table.Td>
                {entries.map((e) => (
                  <Table.Td key={e.expertId}>
                    {e.status === 'reviewed'
                      ? (e.review.scores.find((x) => x.criterionId === c.id)?.score ?? '')
                      : ''}
                    {e.status === 'reviewed' && (
                      <Text size="xs" c="dimmed">
                        {e.review.criterionComments?.find((x) => x.criterionId === c.id)?.comment}
                      </Text>
                    )}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
            <Table.Tr fw={700}>
              <Table.Td>{s.detail.total}</Table.Td>
              {entries.map((e) => (
                <Table.Td key={e.expertId} data-testid="panel-total">
                  {e.status === 'reviewed' ? e.review.total : ''}
                </Table.Td>
              ))}
            </Table.Tr>
            <Table.Tr>
              <Table.Td>{s.detail.verdict}</Table.Td>
              {entries.map((e) => (
                <Table.Td key={e.expertId}>
                  {e.status === 'reviewed' ? (
                    <Badge color={e.review.verdict === 'pass' ? 'green' : 'red'} variant="light">
                      {s.decision[e.review.verdict]}
                    </Badge>
                  ) : null}
                </Table.Td>
              ))}
            </Table.Tr>
            {entries.some((e) => (reviewed(e)?.hardFails?.length ?? 0) > 0) && (
              <Table.Tr data-testid="panel-hard-fails">
                <Table.Td>{s.detail.hardFails}</Table.Td>
                {entries.map((e) => (
                  <Table.Td key={e.expertId} style={{ verticalAlign: 'top' }}>
                    {reviewed(e)?.hardFails?.map((h) => (
                      <Text key={h.checkId} size="xs" c="red">
                        <b>{hardFailLabel(h.checkId)}</b>：{h.note}
                      </Text>
                    ))}
                  </Table.Td>
                ))}
              </Table.Tr>
            )}
            <Table.Tr>
              <Table.Td>{s.detail.comment}</Table.Td>
              {entries.map((e) => (
                <Table.Td key={e.expertId} style={{ verticalAlign: 'top' }}>
                  <Text size="xs" style={{ whiteSpace: 'pre-wrap' }}>
                    {e.status === 'reviewed'
                      ? e.review.comment
                      : e.status === 'recused'
                        ? e.recusal.reason
                        : ''}
                  </Text>
                </Table.Td>
              ))}
            </Table.Tr>
            {hasAnchors && (
              <Table.Tr data-testid="panel-anchors">
                <Table.Td>{s.detail.anchors}</Table.Td>
                {entries.map((e) => (
                  <Table.Td key={e.expertId} style={{ verticalAlign: 'top' }}>
                    <AnchorChips
                      anchors={reviewed(e)?.anchors ?? []}
                      fileName={(sha) => fileName?.(sha)}
                      onOpen={(a) => onOpenAnchor?.(a)}
                    />
                  </Table.Td>
                ))}
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Card>
    </Stack>
  );
}
