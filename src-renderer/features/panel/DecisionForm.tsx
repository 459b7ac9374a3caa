import { Alert, Button, Card, Group, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { getHotkeyHandler } from '@mantine/hooks';
import { useState } from 'react';
import type { SubmissionSummary } from '../../../src-shared/panel/summary';
import { formatDateTime } from '../../../src-shared/time';
import { useDb } from '../../app/dbContext';
import { t } from '../../app/strings';
import { recordDecision, type DecisionDraft } from './panelStore';
import { decisionLabel } from './SubmissionList';

const s = t.panel;
type Choice = 'pass' | 'fail' | 'refer';

/** Decide (通过/不通过) or refer to another expert; the reason is required where the rules say. */
export function DecisionForm({
  item,
  profileId,
  chairExpertId,
  panelId,
}: {
  item: SubmissionSummary;
  profileId: string;
  chairExpertId: string;
  panelId: string;
}) {
  const db = useDb();
  const current = item.decision;
  const initial: Choice | null = current
    ? current.action === 'refer'
      ? 'refer'
      : (current.verdict ?? null)
    : (item.stats.majority ?? null);
  const [choice, setChoice] = useState<Choice | null>(initial);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (busy) return;
    setBusy(true);
    const draft: DecisionDraft =
      choice === 'refer'
        ? { action: 'refer', verdict: null, reason }
        : { action: 'decide', verdict: choice, reason };
    const r = await recordDecision(db, { profileId, chairExpertId, panelId, summary: item, draft });
    setBusy(false);
    if (r.ok) {
      setErrors({});
      setReason('');
      setNotice(s.form.recorded);
    } else {
      setNotice(null);
      setErrors(r.errors);
    }
  };
  const onKey = getHotkeyHandler([['mod+Enter', () => void submit()]]);
  const online =
    item.submission.kind === 'online-plan' || item.submission.kind === 'online-portfolio';

  return (
    <Card withBorder mt="sm" padding="sm" data-testid="panel-decision" onKeyDown={onKey}>
      <Stack gap={6}>
        <Group justify="space-between">
          <Text fw={600}>{s.form.title}</Text>
          {current && (
            <Text size="sm" data-testid="panel-current-decision">
              {s.form.current(decisionLabel(item).text, formatDateTime(current.createdAt))}
            </Text>
          )}
        </Group>
        {current?.reason ? (
          <Text size="xs" c="dimmed">
            {s.form.reason}：{current.reason}
          </Text>
        ) : null}
        {online && (
          <Text size="xs" c="dimmed">
            {s.form.online}
          </Text>
        )}
        <SegmentedControl
          data-testid="panel-decision-choice"
          value={choice ?? ''}
          onChange={(v) => setChoice(v as Choice)}
          data={[
            { value: 'pass', label: s.decision.pass },
            { value: 'fail', label: s.decision.fail },
            { value: 'refer', label: s.decision.refer },
          ]}
          w={360}
        />
        {errors.verdict && (
          <Text size="sm" c="red">
            {errors.verdict}
          </Text>
        )}
        <Textarea
          label={s.form.reason}
          description={choice === 'refer' ? s.form.referHint : s.form.reasonHint}
          data-testid="panel-decision-reason"
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={errors.reason}
          autosize
          minRows={2}
          maxRows={5}
        />
        {(errors.reviews || errors.form) && (
          <Alert color="red">{errors.reviews ?? errors.form}</Alert>
        )}
        {notice && (
          <Alert color="green" py={6} data-testid="panel-decision-notice">
            {notice}
          </Alert>
        )}
        <Group>
          <Button data-testid="panel-decision-submit" loading={busy} onClick={() => void submit()}>
            {current ? s.form.change : s.form.submit}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
