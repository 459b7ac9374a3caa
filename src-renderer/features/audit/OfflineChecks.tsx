// Offline sessions (OfflineSession: clips per class hour, full recording, sign-ins); recorded sessions: each course package's 附件5 checklist, with the
// duration the player measured from the file (coursePackages, measuredSeconds).
import { Button, Card, Checkbox, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { CoursePackageCheckPayload } from '../../../src-shared/audit/verdicts';
import { formatTimecode } from '../../../src-shared/audit/timecode';
import { t } from '../../app/strings';
import type { SessionRow } from '../../db/types';
import { MINUTES_PER_HOUR, OfflineSession, type OfflineSessionProps } from './OfflineSession';
import { RecordText } from '../../components/RecordText';

const s = () => t.audit.offline;

type Checklist = Pick<
  CoursePackageCheckPayload,
  'hasIntroduction' | 'hasDirectory' | 'hasResources' | 'matchesPlan' | 'copyrightProof'
>;
const ITEMS: (keyof Checklist)[] = [
  'hasIntroduction',
  'hasDirectory',
  'hasResources',
  'matchesPlan',
  'copyrightProof',
];

export function OfflineChecks(
  props: Omit<OfflineSessionProps, 'session'> & {
    sessions: SessionRow[];
    onPackage: (
      fileId: string,
      c: Checklist & { avOk: boolean; contentOk: boolean; measuredSeconds?: number },
    ) => Promise<void>;
  },
) {
  const offline = props.sessions.filter((x) => x.mode === 'offline');
  const recorded = props.sessions.filter((x) => x.mode === 'recorded');
  if (!offline.length && !recorded.length) return null;
  const playable = (fileId: string) => props.media.byFile.get(fileId)?.url !== undefined;

  return (
    <Card withBorder padding="sm" data-testid="offline-checks">
      <Stack gap={6}>
        <Text fw={600} size="sm">
          {s().title}
        </Text>
        {offline.map((x) => (
          <OfflineSession key={x.id} {...props} session={x} />
        ))}
        {recorded.flatMap((x) =>
          x.videoFileIds.map((id) => (
            <PackageChecklist
              key={id}
              fileId={id}
              session={x}
              measured={props.ledgers.get(id)?.durationSeconds}
              current={props.verdicts.find(
                (v): v is CoursePackageCheckPayload =>
                  v.subject === 'course-package' && v.fileId === id,
              )}
              playable={playable(id)}
              driveState={props.media.byFile.get(id)?.state}
              onPlay={() => props.onPlay({ sessionId: x.id, fileId: id })}
              onSave={(c) => props.onPackage(id, c)}
            />
          )),
        )}
      </Stack>
    </Card>
  );
}

function PackageChecklist(props: {
  fileId: string;
  session: SessionRow;
  measured: number | undefined;
  current: CoursePackageCheckPayload | undefined;
  playable: boolean;
  /** The file's state on the attached drive (undefined before any attach). */
  driveState: string | undefined;
  onPlay: () => void;
  onSave: (
    c: Checklist & { avOk: boolean; contentOk: boolean; measuredSeconds?: number },
  ) => Promise<void>;
}) {
  const c = props.current;
  const [items, setItems] = useState<Checklist>({
    hasIntroduction: c?.hasIntroduction ?? false,
    hasDirectory: c?.hasDirectory ?? false,
    hasResources: c?.hasResources ?? false,
    matchesPlan: c?.matchesPlan ?? false,
    copyrightProof: c?.copyrightProof ?? false,
  });
  const [avOk, setAvOk] = useState(c ? c.avIssues.length === 0 : false);
  const [contentOk, setContentOk] = useState(c ? c.contentIssues.length === 0 : false);
  const minutes = props.measured !== undefined ? props.measured / 60 : undefined;
  return (
    <Stack gap={2} data-testid={`package-${props.fileId}`}>
      <Group gap={6}>
        <Text size="xs" fw={600}>
          {props.session.date} <RecordText text={props.session.title} max={60} />
        </Text>
        {props.playable && (
          <Button size="compact-xs" variant="light" onClick={props.onPlay}>
            {t.audit.sample.play}
          </Button>
        )}
        <Text size="xs" c="dimmed">
          {props.driveState
            ? s().fileState(t.audit.media.state[props.driveState] ?? props.driveState)
            : s().notAttached}
        </Text>
      </Group>
      <Text size="xs" c={minutes !== undefined && minutes < MINUTES_PER_HOUR ? 'red' : 'dimmed'}>
        {minutes === undefined
          ? s().unmeasured
          : s().measured(formatTimecode(props.measured!), Math.floor(minutes / MINUTES_PER_HOUR))}
      </Text>
      <Group gap="xs">
        {ITEMS.map((k) => (
          <Checkbox
            key={k}
            size="xs"
            label={s().items[k]}
            checked={items[k]}
            onChange={(e) => {
              const v = e.currentTarget.checked;
              setItems((o) => ({ ...o, [k]: v }));
            }}
          />
        ))}
        <Checkbox
          size="xs"
          label={s().contentOk}
          checked={contentOk}
          onChange={(e) => setContentOk(e.currentTarget.checked)}
        />
        <Checkbox
          size="xs"
          label={s().avOk}
          checked={avOk}
          onChange={(e) => setAvOk(e.currentTarget.checked)}
        />
        <Button
          size="compact-xs"
          onClick={() =>
            void props.onSave({
              ...items,
              avOk,
              contentOk,
              ...(props.measured !== undefined ? { measuredSeconds: props.measured } : {}),
            })
          }
        >
          {s().save}
        </Button>
      </Group>
    </Stack>
  );
}
