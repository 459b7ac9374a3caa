// One class: what it is, whether it is still a plan, its totals, its findings and its trainees.
import { Alert, Badge, Divider, Group, Stack, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { blockedByTitles, type ClassResult, type Totals } from '../../../src-shared/policy/engine';
import type { RuleId } from '../../../src-shared/policy/ruleIds';
import { formatYuan } from '../../../src-shared/money';
import { programLabels, t } from '../../app/strings';
import { FindingsView } from './FindingsView';
import { TraineeTable } from './TraineeTable';
import { classFindingLines, isPlanReview, traineesForRule } from './viewModel';
import { RecordText } from '../../components/RecordText';

const s = () => t.compliance;

function hours(h: number): string {
  return Number.isInteger(h) ? String(h) : h.toFixed(2);
}

export function TotalsBadges({ totals, testId }: { totals: Totals; testId?: string }) {
  return (
    <Group gap={6} data-testid={testId}>
      <Badge variant="default" size="md">
        {s().col.trainees} {totals.trainees}
      </Badge>
      <Badge color="teal" variant="light" size="md">
        {s().col.eligible} {totals.eligible}
      </Badge>
      <Badge color="yellow" variant="light" size="md">
        {s().col.pending} {totals.pending}
      </Badge>
      <Badge color="red" variant="light" size="md">
        {s().col.ineligible} {totals.ineligible}
      </Badge>
      {totals.notApplicable > 0 && (
        <Badge color="gray" variant="light" size="md" data-testid="totals-not-applicable">
          {s().col.notApplicable} {totals.notApplicable}
        </Badge>
      )}
      <Badge color="indigo" variant="filled" size="md">
        {s().col.claimable} {formatYuan(totals.totalYuan)}
      </Badge>
      <Badge color="gray" variant="light" size="md">
        {s().col.potential} {formatYuan(totals.potentialYuan)}
      </Badge>
    </Group>
  );
}

export function ClassDetail({
  cls,
  asOf,
  rule,
}: {
  cls: ClassResult;
  asOf: string;
  rule: RuleId | null;
}) {
  const groups = useMemo(() => classFindingLines(cls, rule), [cls, rule]);
  const trainees = useMemo(() => traineesForRule(cls, rule), [cls, rule]);
  const plan = isPlanReview(cls, asOf);
  // Class errors withhold every trainee's subsidy; said once here rather than in every row.
  const blockedBy = useMemo(() => blockedByTitles(cls, cls.trainees[0]?.blockedBy ?? []), [cls]);
  return (
    <Stack gap="sm" data-testid="class-detail" data-class-id={cls.classId}>
      <Stack gap={2}>
        <Group gap="xs" wrap="nowrap">
          {plan && (
            <Badge color="grape" variant="filled" data-testid="plan-review-badge">
              {s().planReview}
            </Badge>
          )}
          <Title order={2} size="h4" lineClamp={1}>
            <RecordText text={cls.className} max={60} />
          </Title>
        </Group>
        <Text size="xs" c="dimmed">
          {programLabels[cls.program]} · {cls.district} · {s().dates(cls.startDate, cls.endDate)} ·{' '}
          {s().hours(
            hours(cls.hours.filed),
            hours(cls.hours.recorded),
            hours(cls.hours.live),
            hours(cls.hours.offline),
          )}{' '}
          · {s().packLine(cls.packName)}
          {cls.packInForce ? '' : `（${s().referenceBadge}）`}
        </Text>
      </Stack>
      {plan && (
        <Alert color="grape" variant="light" p="xs" data-testid="plan-review">
          <Text size="sm">{s().planReviewHint(cls.startDate)}</Text>
        </Alert>
      )}
      {!cls.packInForce && (
        <Alert
          color="yellow"
          variant="light"
          p="xs"
          title={s().outsidePack}
          role="alert"
          data-testid="outside-pack"
        >
          <Text size="sm">{s().outsidePackBody(cls.neededPack ?? '', cls.packName)}</Text>
        </Alert>
      )}
      <Group gap="xs">
        <Text size="sm" fw={600}>
          {s().classTotals}
        </Text>
        <TotalsBadges totals={cls.totals} testId="class-totals" />
      </Group>
      <Divider label={s().findingsTitle} labelPosition="left" />
      <FindingsView groups={groups} filtered={rule !== null} />
      <Divider label={s().traineesTitle} labelPosition="left" />
      {blockedBy.length > 0 && (
        <Text size="xs" c="red" data-testid="class-blocked">
          {s().classBlockedAll(blockedBy.join('、'))}
        </Text>
      )}
      <TraineeTable
        key={`${cls.classId}|${rule ?? ''}`}
        trainees={trainees}
        filtered={rule !== null}
        blockedBy={blockedBy}
      />
    </Stack>
  );
}
