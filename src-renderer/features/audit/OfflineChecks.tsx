// Offline sessions: each on-site clip per class hour marked genuine or not (clipChecks), hours
// without a clip named; recorded sessions: each course package's 附件5 checklist, with the
// duration the player measured from the file (coursePackages, measuredSeconds).
import { Button, Card, Checkbox, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type {
  AuditVerdictPayload,
  CoursePackageCheckPayload,
} from '../../../src-shared/audit/verdicts';
import { formatTimecode } from '../../../src-shared/audit/timecode';
import { t } from '../../app/strings';
import type { FileRow, SessionRow, WatchLedgerRow } from '../../db/types';
import type { PlayTarget } from './SamplePanel';
import type { MediaState } from './useMedia';

const s = () => t.audit.offline;
const MINUTES_PER_HOUR = 45;

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

export function OfflineChecks(props: {
  sessions: SessionRow[];
  files: Map<string, FileRow>;
  verdicts: AuditVerdictPayload[];
  ledgers: Map<string, WatchLedgerRow>;
  media: MediaState;
  onPlay: (t: PlayTarget) => void;
  onClip: (sessionId: string, fileId: string, genuine: boolean) => Promise<void>;
  onPackage: (
    fileId: string,
    c: Checklist & { avOk: boolean; contentOk: boolean; measuredSeconds?: number },
  ) => Promise<void>;
}) {
  const offline = props.sessions.filter((x) => x.mode === 'offline');
  const recorded = props.sessions.filter((x) => x.mode === 'recorded');
  if (!offline.length && !recorded.length) return null;
  const clipMark = (fileId: string) =>
    props.verdicts.find((v) => v.subject === 'clip' && v.fileId === fileId);
  const playable = (fileId: string) => props.media.byFile.get(fileId)?.url !== undefined;

  return (
    <Card withBorder padding="sm" data-testid="offline-checks">
      <Stack gap={6}>
        <Text fw={600} size="sm">
          {s().title}
        </Text>
        {offline.map((x) => {
          const hours = Math.floor(x.minutes / MINUTES_PER_HOUR);
          const missing = Math.max(0, hours - x.clipFileIds.length);
          return (
            <Stack key={x.id} gap={2}>
              <Text size="xs" fw={600}>
                {x.date} {x.startTime} · {s().hours(hours, x.clipFileIds.length)}
                {x.videoFileIds.length === 0 ? ` · ${s().noFull}` : ''}
              </Text>
              {missing > 0 && (
                <Text size="xs" c="red">
                  {s().missing(missing)}
                </Text>
              )}
              {x.clipFileIds.map((id, i) => {
                const mark = clipMark(id);
                const short = (props.files.get(id)?.durationSeconds ?? Infinity) < 10;
                return (
                  <Group key={id} gap={6} wrap="nowrap" data-testid={`clip-${id}`}>
                    <Text size="xs" w={70}>
                      {s().hour(i + 1)}
                    </Text>
                    {short && (
                      <Text size="xs" c="red">
                        {s().short}
                      </Text>
                    )}
                    <SegmentedControl
                      size="xs"
                      data={[
                        { value: 'yes', label: s().genuine },
                        { value: 'no', label: s().notGenuine },
                      ]}
                      value={mark?.subject === 'clip' ? (mark.genuine ? 'yes' : 'no') : ''}
                      onChange={(v) => void props.onClip(x.id, id, v === 'yes')}
                    />
                    {playable(id) && (
                      <Button
                        size="compact-xs"
                        variant="light"
                        onClick={() => props.onPlay({ sessionId: x.id, fileId: id })}
                      >
                        {t.audit.sample.play}
                      </Button>
                    )}
                  </Group>
                );
              })}
            </Stack>
          );
        })}
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
          {props.session.date} {props.session.title}
        </Text>
        {props.playable && (
          <Button size="compact-xs" variant="light" onClick={props.onPlay}>
            {t.audit.sample.play}
          </Button>
        )}
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
