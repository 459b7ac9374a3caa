// Per-session verdict and the class conclusion, with what the auditor confirmed about the
// platforms (screening, retention, recorded-course checks): these are what make 合规检查 stop
// reading 待核查 for the class.
import {
  Button,
  Card,
  Checkbox,
  Group,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import {
  sessionVerdicts,
  VERDICT_LABEL,
  type ClassConclusionPayload,
  type SessionVerdict,
} from '../../../src-shared/audit/verdicts';
import { t } from '../../app/strings';

const s = () => t.audit.verdict;
const options = sessionVerdicts.map((v) => ({ value: v, label: VERDICT_LABEL[v] }));

export function SessionVerdictControl(props: {
  value: SessionVerdict | undefined;
  onChange: (v: SessionVerdict) => void;
}) {
  return (
    <Group gap={6}>
      <Text size="xs">{s().session}</Text>
      <SegmentedControl
        size="xs"
        data={options}
        value={props.value ?? ''}
        onChange={(v) => props.onChange(v as SessionVerdict)}
        data-testid="session-verdict"
      />
    </Group>
  );
}

export function ClassConclusionCard(props: {
  current: ClassConclusionPayload | undefined;
  hasLive: boolean;
  hasRecorded: boolean;
  onSave: (c: {
    conclusion: SessionVerdict;
    note: string;
    screened: boolean;
    retention: boolean;
    recorded: boolean;
  }) => Promise<void>;
}) {
  const c = props.current;
  const [conclusion, setConclusion] = useState<SessionVerdict>(c?.conclusion ?? 'pass');
  const [note, setNote] = useState(c?.note ?? '');
  const [screened, setScreened] = useState(c?.liveScreening?.screened ?? false);
  const [retention, setRetention] = useState(c?.videoRetention ?? false);
  const [recorded, setRecorded] = useState(c?.recordedChecks?.transmitted ?? false);
  const values = { conclusion, note, screened, retention, recorded };
  // Saved means the stored conclusion says what the form says: it survives the card being
  // remounted once the first conclusion arrives, and turns back to 保存 on any change.
  const stored = c && {
    conclusion: c.conclusion,
    note: c.note,
    screened: c.liveScreening?.screened ?? false,
    retention: c.videoRetention ?? false,
    recorded: c.recordedChecks?.transmitted ?? false,
  };
  const saved = !!stored && JSON.stringify(stored) === JSON.stringify(values);
  return (
    <Card withBorder padding="sm" data-testid="class-conclusion">
      <Stack gap={6}>
        <Group justify="space-between">
          <Text fw={600} size="sm">
            {s().klass}
          </Text>
          <SegmentedControl
            size="xs"
            data={options}
            value={conclusion}
            onChange={(v) => setConclusion(v as SessionVerdict)}
          />
        </Group>
        {props.hasLive && (
          <Checkbox
            size="xs"
            label={s().screening}
            checked={screened}
            onChange={(e) => setScreened(e.currentTarget.checked)}
          />
        )}
        {props.hasRecorded && (
          <Checkbox
            size="xs"
            label={s().recorded}
            checked={recorded}
            onChange={(e) => setRecorded(e.currentTarget.checked)}
          />
        )}
        <Checkbox
          size="xs"
          label={s().retention}
          checked={retention}
          onChange={(e) => setRetention(e.currentTarget.checked)}
        />
        <Group gap={6} align="flex-end">
          <TextInput
            size="xs"
            label={s().note}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            style={{ flex: 1 }}
          />
          <Button
            size="xs"
            data-testid="class-conclusion-save"
            onClick={() => void props.onSave(values)}
          >
            {saved ? s().saved : s().save}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
