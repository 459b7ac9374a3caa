// Per trainee: eligibility, what can be claimed now and once 待核查 items pass, and why not.
// Paged: a class has at most ~40 trainees, but a rule filter over a large package may not.
import { Badge, Group, Pagination, Stack, Table, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { idsSharingAName } from '../../../src-shared/records/sameNames';
import type { TraineeResult } from '../../../src-shared/policy/engine';
import { formatYuan } from '../../../src-shared/money';
import { t } from '../../app/strings';
import { ClauseTooltip, TraineeStatusBadge } from './marks';
import { isIssue } from './viewModel';
import { RecordText } from '../../components/RecordText';

const s = () => t.compliance;
const PAGE = 15;
const NOWRAP = { whiteSpace: 'nowrap' } as const;

function Reasons({ trainee, blockedBy }: { trainee: TraineeResult; blockedBy: string[] }) {
  // Own problems (not the shared subsidy verdict, which only repeats them).
  const own = trainee.reasons.filter(
    (f) => isIssue(f) && !f.ruleId.startsWith('R-SUBSIDY') && f.severity !== 'info',
  );
  const pending = trainee.reasons.filter((f) => f.status === 'pending');
  return (
    <Group gap={4}>
      {trainee.blockedBy.length > 0 && (
        <Text size="xs" c="red" title={s().classBlocked(blockedBy.join('、'))}>
          {s().classBlockedShort}
        </Text>
      )}
      {[...own, ...pending].map((f, i) => (
        <ClauseTooltip key={`${f.ruleId}-${i}`} finding={f}>
          <Badge
            size="xs"
            radius="sm"
            variant="light"
            color={f.severity === 'error' ? 'red' : f.severity === 'warning' ? 'orange' : 'yellow'}
            tabIndex={0}
            style={{ textTransform: 'none', cursor: 'help' }}
            data-rule-id={f.ruleId}
          >
            {f.title}
          </Badge>
        </ClauseTooltip>
      ))}
    </Group>
  );
}

/** Where the outcome came from (平台记录 …), or that the sources disagree. */
function OutcomeMark({ trainee }: { trainee: TraineeResult }) {
  if (trainee.outcomeConflict)
    return (
      <Text
        size="10px"
        c="orange"
        fw={600}
        title={s().outcomeConflictTitle}
        data-testid="outcome-conflict"
      >
        {s().outcomeConflict}
      </Text>
    );
  if (!trainee.outcomeSource) return null;
  return (
    <Text
      size="10px"
      c="dimmed"
      title={s().outcomeSourceTitle}
      data-testid="outcome-source"
      data-source={trainee.outcomeSource}
    >
      {s().outcomeSource[trainee.outcomeSource]}
    </Text>
  );
}

export function TraineeTable({
  trainees,
  filtered,
  blockedBy,
}: {
  trainees: TraineeResult[];
  filtered: boolean;
  /** Titles of the class errors that withhold every trainee's subsidy. */
  blockedBy: string[];
}) {
  const [page, setPage] = useState(1);
  const pages = Math.max(1, Math.ceil(trainees.length / PAGE));
  const current = Math.min(page, pages);
  // Names, not ids: an id only under a name another trainee of the class also has.
  const sharedNames = useMemo(
    () =>
      idsSharingAName(
        trainees,
        (tr) => tr.name,
        (tr) => tr.traineeId,
      ),
    [trainees],
  );
  if (trainees.length === 0)
    return (
      <Text c="dimmed" size="sm" data-testid="trainees-empty">
        {filtered ? s().noTraineesForRule : s().noTrainees}
      </Text>
    );
  const from = (current - 1) * PAGE;
  const shown = trainees.slice(from, from + PAGE);
  return (
    <Stack gap="xs">
      <Table striped highlightOnHover verticalSpacing={4} fz="xs" data-testid="trainee-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th style={NOWRAP}>{s().col.trainee}</Table.Th>
            <Table.Th style={NOWRAP}>{s().col.status}</Table.Th>
            <Table.Th ta="right" style={NOWRAP}>
              {s().col.training}
            </Table.Th>
            <Table.Th ta="right" style={NOWRAP}>
              {s().col.practice}
            </Table.Th>
            <Table.Th ta="right" style={NOWRAP}>
              {s().col.potential}
            </Table.Th>
            <Table.Th w="45%">{s().col.blockedBy}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shown.map((tr) => (
            <Table.Tr key={tr.traineeId} data-testid="trainee-row" data-trainee-id={tr.traineeId}>
              <Table.Td style={NOWRAP}>
                <Text size="xs" fw={500}>
                  <RecordText text={tr.name} max={24} />
                </Text>
                {sharedNames.has(tr.traineeId) && (
                  <Text size="10px" c="dimmed" data-testid="same-name-id">
                    {tr.traineeId}
                  </Text>
                )}
              </Table.Td>
              <Table.Td style={NOWRAP}>
                <TraineeStatusBadge status={tr.status} />
                <OutcomeMark trainee={tr} />
              </Table.Td>
              <Table.Td ta="right" style={NOWRAP}>
                {formatYuan(tr.trainingYuan)}
              </Table.Td>
              <Table.Td ta="right" style={NOWRAP}>
                {formatYuan(tr.practiceYuan)}
                {tr.practiceQualifiesOn && tr.practiceYuan === 0 && (
                  <Text size="10px" c="dimmed">
                    {tr.practiceQualifiesOn}
                  </Text>
                )}
              </Table.Td>
              <Table.Td ta="right" style={NOWRAP}>
                {tr.referenceYuan === undefined ? (
                  formatYuan(tr.potentialYuan)
                ) : (
                  <Text size="xs" c="dimmed" data-testid="reference-yuan">
                    {s().referenceYuan(formatYuan(tr.referenceYuan))}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Reasons trainee={tr} blockedBy={blockedBy} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {pages > 1 && (
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            {s().page(from + 1, from + shown.length, trainees.length)}
          </Text>
          <Pagination size="sm" total={pages} value={current} onChange={setPage} />
        </Group>
      )}
    </Stack>
  );
}
