// Small marks shared by the compliance views: severity and status badges in fixed colours, and
// the rule badge whose tooltip quotes the clause the finding rests on.
import { Badge, Stack, Text, Tooltip } from '@mantine/core';
import type { TraineeStatus } from '../../../src-shared/policy/engine';
import type { Finding, FindingStatus, Severity } from '../../../src-shared/policy/findings';
import { t } from '../../app/strings';

const s = () => t.compliance;

export const SEVERITY_COLOR: Record<Severity, string> = {
  error: 'red',
  warning: 'orange',
  info: 'blue',
};

export const STATUS_COLOR: Record<FindingStatus, string> = {
  fail: 'red',
  pending: 'yellow',
  pass: 'teal',
  'not-applicable': 'gray',
};

export const TRAINEE_COLOR: Record<TraineeStatus, string> = {
  eligible: 'teal',
  pending: 'yellow',
  ineligible: 'red',
  'not-applicable': 'gray',
};

export function SeverityBadge({ severity, count }: { severity: Severity; count?: number }) {
  return (
    <Badge color={SEVERITY_COLOR[severity]} variant="filled" size="sm" radius="sm">
      {s().severityLabels[severity]}
      {count === undefined ? '' : ` ${count}`}
    </Badge>
  );
}

export function StatusBadge({ status }: { status: FindingStatus }) {
  return (
    <Badge color={STATUS_COLOR[status]} variant="light" size="sm" radius="sm">
      {s().statusLabels[status]}
    </Badge>
  );
}

export function TraineeStatusBadge({ status }: { status: TraineeStatus }) {
  return (
    <Badge color={TRAINEE_COLOR[status]} variant="light" size="sm" radius="sm">
      {s().traineeStatusLabels[status]}
    </Badge>
  );
}

/** The clause's own words on hover (and on keyboard focus: the badge is focusable). */
export function ClauseTooltip({
  finding,
  children,
}: {
  finding: Pick<Finding, 'clause' | 'quote' | 'ruleId' | 'title'>;
  children: React.ReactNode;
}) {
  return (
    <Tooltip
      multiline
      w={440}
      withArrow
      openDelay={150}
      events={{ hover: true, focus: true, touch: false }}
      label={
        <Stack gap={4} data-testid="clause-tooltip">
          <Text size="xs" fw={700}>
            {finding.title} · {s().quoteTitle(finding.clause)}
          </Text>
          <Text size="xs" style={{ whiteSpace: 'pre-wrap' }}>
            {finding.quote}
          </Text>
        </Stack>
      }
    >
      {children}
    </Tooltip>
  );
}

/** The rule as a clerk reads it: its name (hover: the clause's words), clause and id small below. */
export function RuleBadge({
  finding,
}: {
  finding: Pick<Finding, 'clause' | 'quote' | 'ruleId' | 'title'>;
}) {
  return (
    <Stack gap={0} align="flex-start">
      <ClauseTooltip finding={finding}>
        <Text
          size="xs"
          fw={600}
          tabIndex={0}
          data-testid="rule-badge"
          style={{ cursor: 'help', textDecoration: 'underline dotted' }}
        >
          {finding.title}
        </Text>
      </ClauseTooltip>
      <Text size="10px" c="dimmed">
        {finding.clause}
      </Text>
      <Text size="10px" c="dimmed" style={{ whiteSpace: 'nowrap' }} data-testid="rule-id">
        {finding.ruleId}
      </Text>
    </Stack>
  );
}
