// 合规检查 (区级审核员): the policy engine over the current package, per class and trainee, with
// totals per organizer and the quarter's subsidy sheet.
import { Center, Grid, Group, Loader, Select, Stack, Tabs, Text, TextInput } from '@mantine/core';
import { useMemo, useState } from 'react';
import type { Profile } from '../../../src-shared/profiles/roles';
import type { RuleId } from '../../../src-shared/policy/ruleIds';
import { shanghaiDate } from '../../../src-shared/time';
import { useDb } from '../../app/dbContext';
import { t } from '../../app/strings';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ClassDetail } from './ClassDetail';
import { ClassList } from './ClassList';
import { OrganizerTotals } from './OrganizerTotals';
import { SubsidySheetPanel } from './SubsidySheetPanel';
import { useEvaluation } from './useEvaluation';
import { isCalendarDay, ruleOptions, sortedClasses } from './viewModel';
import { ScreenTitle } from '../../app/ScreenTitle';
import { RecordText } from '../../components/RecordText';

const s = () => t.compliance;

export function ComplianceScreen({ profile }: { profile: Profile }) {
  const db = useDb();
  const [asOfInput, setAsOfInput] = useState(() => shanghaiDate(new Date()));
  // A half-typed date keeps the last complete one rather than re-running on every keystroke.
  const [asOf, setAsOf] = useState(asOfInput);
  const state = useEvaluation(db, asOf);
  const [rule, setRule] = useState<RuleId | null>(null);
  const [selected, setSelected] = useState<string | undefined>();
  const [tab, setTab] = useState<string | null>('findings');

  const evaluation = state.phase === 'ready' ? state.evaluation : undefined;
  const classes = useMemo(() => (evaluation ? sortedClasses(evaluation) : []), [evaluation]);
  const rules = useMemo(() => (evaluation ? ruleOptions(evaluation) : []), [evaluation]);
  const current = classes.find((c) => c.classId === selected) ?? classes[0];

  const header = (
    <Group justify="space-between" align="flex-end">
      <Stack gap={0}>
        <ScreenTitle screen="compliance" />
        {state.phase === 'ready' && (
          <Text size="xs" c="dimmed" data-testid="compliance-package">
            {s().pkg}：<RecordText text={state.input.pkg.title} max={60} />
            {t.shell.packageVersion(state.input.pkg.version)}
          </Text>
        )}
        {state.phase === 'ready' && (
          <Text size="xs" c="dimmed" data-testid="inputs-note">
            {s().inputsNote}
          </Text>
        )}
      </Stack>
      <Group gap="sm" align="flex-end">
        <TextInput
          size="xs"
          w={130}
          label={s().asOf}
          title={s().asOfHint}
          placeholder={s().datePlaceholder}
          value={asOfInput}
          error={isCalendarDay(asOfInput) ? undefined : s().dateFormat}
          onChange={(e) => {
            const v = e.currentTarget.value.trim();
            setAsOfInput(v);
            if (isCalendarDay(v)) setAsOf(v);
          }}
          data-testid="as-of"
        />
        <Select
          size="xs"
          w={320}
          label={s().ruleFilter}
          placeholder={s().ruleFilterPlaceholder}
          searchable
          clearable
          // Mantine hides the clear button from keyboard and screen readers; the filter is used
          // often enough that clearing it must not need the mouse.
          clearButtonProps={{
            'aria-label': s().clearRuleFilter,
            'aria-hidden': false,
            tabIndex: 0,
          }}
          nothingFoundMessage={s().noRuleMatch}
          data={rules.map((r) => ({
            value: r.ruleId,
            label: s().ruleOption(r.title, r.ruleId, r.issues),
          }))}
          value={rule}
          onChange={(v) => setRule(v as RuleId | null)}
          data-testid="rule-filter"
          aria-label={s().ruleFilter}
        />
      </Group>
    </Group>
  );

  let body: React.ReactNode;
  if (state.phase === 'loading')
    body = (
      <Center h={240}>
        <Stack align="center" gap="xs">
          <Loader />
          <Text c="dimmed" size="sm">
            {s().loading}
          </Text>
        </Stack>
      </Center>
    );
  else if (state.phase === 'failed')
    body = <ErrorNotice title={s().failed} error={state.message} />;
  else if (state.phase === 'empty' || !evaluation)
    body = (
      <Text c="dimmed" data-testid="compliance-empty">
        {s().noPackage}
      </Text>
    );
  else if (classes.length === 0)
    body = (
      <Text c="dimmed" data-testid="compliance-empty">
        {s().noClasses}
      </Text>
    );
  else
    body = (
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="findings">{s().tabs.findings}</Tabs.Tab>
          <Tabs.Tab value="organizers">{s().organizerTotals}</Tabs.Tab>
          <Tabs.Tab value="sheet" data-testid="tab-sheet">
            {s().tabs.sheet}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="findings" pt="sm">
          <Grid gap="md">
            <Grid.Col
              span={{ base: 12, md: 3 }}
              // Sticky: scrolling a long detail no longer carries the class list away and leaves
              // the left column blank.
              style={{
                position: 'sticky',
                top: 'calc(var(--app-shell-header-height, 56px) + 8px)',
                alignSelf: 'flex-start',
              }}
            >
              <ClassList
                classes={classes}
                selected={current?.classId}
                onSelect={setSelected}
                rule={rule}
                asOf={asOf}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 9 }}>
              {current && <ClassDetail cls={current} asOf={asOf} rule={rule} />}
            </Grid.Col>
          </Grid>
        </Tabs.Panel>
        <Tabs.Panel value="organizers" pt="sm">
          <OrganizerTotals evaluation={evaluation} />
        </Tabs.Panel>
        <Tabs.Panel value="sheet" pt="sm">
          <SubsidySheetPanel
            key={asOf}
            evaluation={evaluation}
            asOf={asOf}
            profileId={profile.id}
            profileDistrict={profile.district}
            packs={state.phase === 'ready' ? state.input.packs : []}
            shippedPacks={state.phase === 'ready' ? (state.input.pkg.policyPacks ?? []) : []}
          />
        </Tabs.Panel>
      </Tabs>
    );

  return (
    <Stack data-testid="screen-compliance" gap="sm">
      {header}
      {body}
    </Stack>
  );
}
