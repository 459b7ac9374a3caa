// A class's findings, one table per severity. Each line: the rule (hover: the clause's words),
// what was found, the deciding numbers, whom it concerns and the verdict.
import { Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { t } from '../../app/strings';
import { SeverityBadge, RuleBadge, StatusBadge, SEVERITY_COLOR } from './marks';
import { countLines, SEVERITIES, type FindingLine, type SeverityGroups } from './viewModel';
import { isolated } from '../../../src-shared/records/visibleText';
import { idsSharingAName } from '../../../src-shared/records/sameNames';

const s = () => t.compliance;

/** Names are listed in full on hover; the cell shows the first few. */
function Scope({ line }: { line: FindingLine }) {
  if (line.scope === 'class') return <Text size="xs">{s().classScope}</Text>;
  // Names; an id only beside a name two of the trainees share.
  const shared = idsSharingAName(
    line.trainees,
    (x) => x.name,
    (x) => x.id,
  );
  const names = line.trainees.map((x) =>
    shared.has(x.id) ? `${isolated(x.name)}（${x.id}）` : isolated(x.name),
  );
  if (line.trainees.length === 1) return <Text size="xs">{names[0]}</Text>;
  return (
    <Tooltip multiline w={360} label={names.join('、')} withArrow>
      <Text size="xs" td="underline" style={{ textDecorationStyle: 'dotted', cursor: 'help' }}>
        {s().traineeScope(line.trainees.length)}
      </Text>
    </Tooltip>
  );
}

function Facts({ line }: { line: FindingLine }) {
  const [first, ...rest] = line.facts;
  if (!rest.length)
    return (
      <Text size="xs" c="dimmed">
        {first}
      </Text>
    );
  return (
    <Tooltip multiline w={420} label={line.facts.join('\n')} style={{ whiteSpace: 'pre-wrap' }}>
      <Text size="xs" c="dimmed" lineClamp={2}>
        {first}（另 {rest.length} 种情况）
      </Text>
    </Tooltip>
  );
}

export function FindingsView({
  groups,
  filtered,
}: {
  groups: SeverityGroups;
  /** A rule filter is on: the empty state says so. */
  filtered: boolean;
}) {
  if (countLines(groups) === 0)
    return (
      <Text c="dimmed" size="sm" data-testid="findings-empty">
        {filtered ? s().noFindingsForRule : s().noFindings}
      </Text>
    );
  return (
    <Stack gap="md" data-testid="findings">
      {SEVERITIES.filter((sev) => groups[sev].length > 0).map((sev) => (
        <Stack key={sev} gap={4} data-testid={`findings-${sev}`}>
          <Group gap="xs">
            <SeverityBadge severity={sev} count={groups[sev].length} />
          </Group>
          <Table
            striped
            highlightOnHover
            verticalSpacing={4}
            horizontalSpacing="xs"
            fz="xs"
            style={{ borderLeft: `3px solid var(--mantine-color-${SEVERITY_COLOR[sev]}-6)` }}
          >
            <Table.Tbody>
              {groups[sev].map((line) => (
                <Table.Tr
                  key={line.key}
                  data-testid="finding-line"
                  data-rule-id={line.finding.ruleId}
                  data-status={line.finding.status}
                >
                  <Table.Td w={150}>
                    <RuleBadge finding={line.finding} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" fw={500}>
                      {line.finding.message}
                    </Text>
                    <Facts line={line} />
                  </Table.Td>
                  <Table.Td w={110}>
                    <Scope line={line} />
                  </Table.Td>
                  <Table.Td w={70}>
                    <StatusBadge status={line.finding.status} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      ))}
    </Stack>
  );
}
