// The class's sessions with the live sample: draw it with a recorded seed, add sessions, see
// coverage (drawn / watched / target with the 10 % line), pick a session's video to play.
import {
  Badge,
  Box,
  Button,
  Card,
  Group,
  Progress,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { floorMinutes, sessionWatchedSeconds } from '../../../src-shared/audit/policyInputs';
import {
  DEFAULT_SAMPLE_PERCENT,
  newSamplingPlan,
  sampledSessionIds,
  sampleSeedText,
} from '../../../src-shared/audit/sampling';
import { t } from '../../app/strings';
import type { StoredPlan } from '../../db/auditWork';
import type { SessionRow, WatchLedgerRow } from '../../db/types';
import type { MediaState } from './useMedia';
import { isolated } from '../../../src-shared/records/visibleText';

const s = () => t.audit.sample;

export interface PlayTarget {
  sessionId: string;
  fileId: string;
}

async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}

function defaultSeed(): string {
  const d = new Date();
  const ymd = `${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, '0')}${String(d.getDate()).padStart(2, '0')}`;
  return `${ymd}-${String(Math.floor(Math.random() * 10000)).padStart(4, '0')}`;
}

export function SamplePanel(props: {
  packageId: string;
  classId: string;
  sessions: SessionRow[];
  plan: StoredPlan | undefined;
  ledgers: Map<string, WatchLedgerRow>;
  media: MediaState;
  current: PlayTarget | null;
  onPlay: (t: PlayTarget) => void;
  onSave: (plan: StoredPlan['payload']) => Promise<string | null>;
}) {
  const { plan, sessions, ledgers, media } = props;
  const [seed, setSeed] = useState(defaultSeed);
  const [error, setError] = useState<string | null>(null);
  const live = sessions.filter((x) => x.mode === 'live');
  const liveMinutes = live.reduce((a, x) => a + x.minutes, 0);
  const sampled = new Set(plan ? sampledSessionIds(plan.payload) : []);
  const drawn = new Set(plan?.payload.drawnSessionIds ?? []);
  const ledgerMap = new Map(
    [...ledgers.values()].map((l) => [
      l.fileId,
      { fileId: l.fileId, intervals: l.intervals, durationSeconds: l.durationSeconds },
    ]),
  );
  const watchedMin = (x: SessionRow) => sessionWatchedSeconds(x, ledgerMap) / 60;
  const watched = floorMinutes(
    live.filter((x) => sampled.has(x.id)).reduce((a, x) => a + watchedMin(x) * 60, 0),
  );
  const target = (liveMinutes * DEFAULT_SAMPLE_PERCENT) / 100;

  const draw = async () => {
    setError(null);
    const p = newSamplingPlan({
      packageId: props.packageId,
      classId: props.classId,
      auditorSeed: seed.trim(),
      sessions: live,
      digest: await sha256(sampleSeedText(props.packageId, props.classId, seed.trim())),
    });
    setError(await props.onSave(p));
  };
  const add = async (id: string | null) => {
    if (!id || !plan) return;
    setError(
      await props.onSave({
        ...plan.payload,
        addedSessionIds: [...plan.payload.addedSessionIds, id],
      }),
    );
  };

  const row = (x: SessionRow) => {
    const fileId = x.videoFileIds[0];
    const st = fileId ? media.byFile.get(fileId) : undefined;
    const active = props.current?.sessionId === x.id;
    return (
      <Group
        key={x.id}
        gap={6}
        wrap="nowrap"
        data-testid={`session-${x.id}`}
        bg={active ? 'blue.0' : undefined}
      >
        <Text size="xs" w={150} truncate>
          {x.date} {x.startTime} · {x.minutes} 分
        </Text>
        {drawn.has(x.id) && (
          <Badge size="xs" color="orange" data-testid="badge-drawn">
            {s().drawn}
          </Badge>
        )}
        {sampled.has(x.id) && !drawn.has(x.id) && (
          <Badge size="xs" color="grape">
            {s().added}
          </Badge>
        )}
        <Text size="xs" c="dimmed" style={{ flex: 1 }}>
          {x.mode === 'live' ? s().watched(floorMinutes(watchedMin(x) * 60), x.minutes) : ''}
        </Text>
        {fileId && st?.url ? (
          <Button
            size="compact-xs"
            variant={active ? 'filled' : 'light'}
            onClick={() => props.onPlay({ sessionId: x.id, fileId })}
            data-testid={`play-${x.id}`}
          >
            {s().play}
          </Button>
        ) : (
          <Text size="xs" c="dimmed">
            {fileId ? s().notVerified : s().noVideo}
          </Text>
        )}
      </Group>
    );
  };

  return (
    <Card withBorder padding="sm" data-testid="sample-panel">
      <Stack gap={6}>
        <Text fw={600} size="sm">
          {s().title}
        </Text>
        {live.length === 0 ? (
          <Text size="xs" c="dimmed">
            {s().none}
          </Text>
        ) : plan ? (
          <>
            <Text size="xs" data-testid="sample-seed">
              {s().seedLine(plan.payload.auditorSeed, plan.payload.algorithm)}
            </Text>
            <Box pos="relative">
              <Progress
                size="lg"
                value={liveMinutes ? Math.min(100, ((100 * watched) / liveMinutes) * 5) : 0}
                aria-label={s().coverage(plan.payload.drawnMinutes, watched, target, liveMinutes)}
              />
              {/* The bar spans 0–20 % of live minutes; the line marks the 10 % target. */}
              <Box pos="absolute" top={-2} bottom={-2} left="50%" w={2} bg="red.7" />
            </Box>
            <Text size="xs" data-testid="sample-coverage">
              {s().coverage(plan.payload.drawnMinutes, watched, target, liveMinutes)}
            </Text>
            <Select
              size="xs"
              placeholder={s().addPlaceholder}
              data={live
                .filter((x) => !sampled.has(x.id))
                .map((x) => ({
                  value: x.id,
                  label: `${x.date} ${x.startTime} ${isolated(x.title)}`,
                }))}
              value={null}
              onChange={(v) => void add(v)}
              aria-label={s().add}
            />
          </>
        ) : (
          <Group gap={6} align="flex-end">
            <TextInput
              size="xs"
              label={s().seed}
              title={s().seedHint}
              value={seed}
              onChange={(e) => setSeed(e.currentTarget.value)}
              data-testid="sample-seed-input"
              style={{ flex: 1 }}
            />
            <Button
              size="xs"
              onClick={() => void draw()}
              disabled={!seed.trim()}
              data-testid="sample-draw"
            >
              {s().draw}
            </Button>
          </Group>
        )}
        {error && (
          <Text size="xs" c="red">
            {error}
          </Text>
        )}
        <Stack gap={2} mah={260} style={{ overflowY: 'auto' }}>
          {sessions.map(row)}
        </Stack>
      </Stack>
    </Card>
  );
}
