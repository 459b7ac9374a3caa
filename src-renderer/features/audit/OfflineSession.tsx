// One offline session as the auditor checks it (通知 四（三）): per class hour, the on-site clip
// that proves it (by capture time, src-shared/records/clipHours) — present, short or missing —
// each marked genuine or not (clipChecks); the full-session recording and its duration
// (R-OFFLINE-FULL); and the face + location sign-ins against the class roster (R-OFFLINE-SIGNIN),
// read exactly as the policy reads them (src-shared/policy/signIns).
import { Button, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { AuditVerdictPayload } from '../../../src-shared/audit/verdicts';
import { formatTimecode } from '../../../src-shared/audit/timecode';
import { clipHours } from '../../../src-shared/records/clipHours';
import { sessionSignIns } from '../../../src-shared/policy/signIns';
import { t } from '../../app/strings';
import { RecordText } from '../../components/RecordText';
import type { FileRow, SessionRow, WatchLedgerRow } from '../../db/types';
import type { PlayTarget } from './SamplePanel';
import type { MediaState } from './useMedia';

const s = () => t.audit.offline;
export const MINUTES_PER_HOUR = 45;
/** R-OFFLINE-CLIP: about ten seconds per class hour. */
const CLIP_SECONDS = 10;
/** R-OFFLINE-FULL flags a recording under 90 % of the session. */
const FULL_SHARE = 0.9;

export interface OfflineSessionProps {
  session: SessionRow;
  roster: readonly string[];
  names: ReadonlyMap<string, string>;
  files: ReadonlyMap<string, FileRow>;
  verdicts: readonly AuditVerdictPayload[];
  ledgers: ReadonlyMap<string, WatchLedgerRow>;
  media: MediaState;
  onPlay: (t: PlayTarget) => void;
  onClip: (sessionId: string, fileId: string, genuine: boolean) => Promise<void>;
}

const hhmm = (iso: string) => iso.slice(11, 16);

export function OfflineSession(props: OfflineSessionProps) {
  const x = props.session;
  const seconds = (id: string) =>
    props.ledgers.get(id)?.durationSeconds ?? props.files.get(id)?.durationSeconds;
  const playable = (id: string) => props.media.byFile.get(id)?.url !== undefined;
  const { hours, outside } = clipHours(x, (id) => props.files.get(id), MINUTES_PER_HOUR);
  const clipMark = (fileId: string) =>
    props.verdicts.find((v) => v.subject === 'clip' && v.fileId === fileId);

  return (
    <Stack gap={2} data-testid={`offline-session-${x.id}`}>
      <Text size="xs" fw={600}>
        {x.date} {x.startTime} · {x.title} · {s().hours(hours.length, x.clipFileIds.length)}
      </Text>
      {hours.map((h) => {
        const id = h.clipFileIds[0];
        const sec = id ? seconds(id) : undefined;
        const state = !id
          ? 'missing'
          : sec !== undefined && sec < CLIP_SECONDS
            ? 'short'
            : 'present';
        const mark = id ? clipMark(id) : undefined;
        return (
          <Group
            key={h.hour}
            gap={6}
            wrap="nowrap"
            data-testid={`clip-hour-${x.id}-${h.hour}`}
            data-state={state}
          >
            <Text size="xs" w={150}>
              {s().hourWindow(h.hour, hhmm(h.startsAt), hhmm(h.endsAt))}
            </Text>
            {!id ? (
              <Text size="xs" c="red">
                {s().clipMissing}
              </Text>
            ) : (
              <>
                <Text size="xs" c={state === 'short' ? 'red' : 'dimmed'} w={90}>
                  {sec !== undefined ? s().clipSeconds(sec) : ''}
                  {state === 'short' ? ` · ${s().short}` : ''}
                </Text>
                <SegmentedControl
                  size="xs"
                  data-testid={`clip-mark-${id}`}
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
              </>
            )}
          </Group>
        );
      })}
      {outside.map((id) => (
        <Text key={id} size="xs" c="red">
          {s().clipOutside(id)}
        </Text>
      ))}
      <FullRecording {...props} seconds={seconds} playable={playable} />
      <SignIns session={x} roster={props.roster} names={props.names} />
    </Stack>
  );
}

function FullRecording(
  props: OfflineSessionProps & {
    seconds: (id: string) => number | undefined;
    playable: (id: string) => boolean;
  },
) {
  const x = props.session;
  if (x.videoFileIds.length === 0)
    return (
      <Text size="xs" c="red" data-testid={`full-${x.id}`}>
        {s().full}：{s().noFull}
      </Text>
    );
  return (
    <>
      {x.videoFileIds.map((id) => {
        const sec = props.seconds(id);
        const measured = props.ledgers.get(id)?.durationSeconds !== undefined;
        const short = sec !== undefined && sec < x.minutes * 60 * FULL_SHARE;
        const state = props.media.byFile.get(id)?.state;
        return (
          <Stack key={id} gap={0} data-testid={`full-${id}`}>
            <Text size="xs" style={{ wordBreak: 'break-all' }}>
              {s().full}：
              {/* The file's path on the organizer's drive, as the auditor must find it. */}
              <Text span inherit data-verbatim>
                <RecordText text={props.files.get(id)?.path ?? id} />
              </Text>
            </Text>
            <Group gap={6}>
              <Text size="xs" c={short ? 'red' : 'dimmed'}>
                {sec !== undefined
                  ? s().fullDuration(formatTimecode(sec), measured, x.minutes)
                  : ''}
                {short ? ` · ${s().fullShort}` : ''}
              </Text>
              <Text size="xs" c="dimmed">
                {state ? s().fileState(t.audit.media.state[state] ?? state) : s().notAttached}
              </Text>
              {props.playable(id) && (
                <Button
                  size="compact-xs"
                  variant="light"
                  onClick={() => props.onPlay({ sessionId: x.id, fileId: id })}
                >
                  {t.audit.sample.play}
                </Button>
              )}
            </Group>
          </Stack>
        );
      })}
    </>
  );
}

function SignIns(props: {
  session: SessionRow;
  roster: readonly string[];
  names: ReadonlyMap<string, string>;
}) {
  const [open, setOpen] = useState(false);
  const r = sessionSignIns(props.session, props.roster);
  const name = (id: string) => props.names.get(id) ?? id;
  const list = (ids: readonly string[]) => ids.map(name).join('、');
  const complete = r.signed.length === props.roster.length;
  return (
    <Stack gap={0} data-testid={`signins-${props.session.id}`}>
      <Group gap={6}>
        <Text size="xs" c={complete ? 'dimmed' : 'red'} data-testid="signins-count">
          {s().signIns(r.signed.length, props.roster.length)}
          {complete ? ` · ${s().signInsAll}` : ''}
        </Text>
        <Button size="compact-xs" variant="subtle" onClick={() => setOpen((o) => !o)}>
          {open ? s().hideRoster : s().showRoster}
        </Button>
      </Group>
      {r.absent.length > 0 && (
        <Text size="xs" c="red" data-testid="signins-absent">
          {s().signInsMissing(list(r.absent))}
        </Text>
      )}
      {r.incomplete.length > 0 && (
        <Text size="xs" c="red" data-testid="signins-incomplete">
          {s().signInsIncomplete(list(r.incomplete))}
        </Text>
      )}
      {r.offRoster.length > 0 && (
        <Text size="xs" c="orange">
          {s().signInsOffRoster(r.offRoster.join('、'))}
        </Text>
      )}
      {open && (
        <Text size="xs" c="dimmed" data-testid="signins-roster">
          {s().signedMark}：{list(r.signed) || '—'}
        </Text>
      )}
    </Stack>
  );
}
