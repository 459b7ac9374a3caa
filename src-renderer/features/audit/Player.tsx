// The offline player for one verified file. It plays only the same-origin URL main gave for a
// verified hash, reads the current time from requestVideoFrameCallback's media time, records
// what is actually played (≤ 2×, no seeks) into the watched ledger, and takes findings by keyboard.
import { Alert, Box, Group, NativeSelect, Stack, Text } from '@mantine/core';
import type { RuleId } from '../../../src-shared/policy/ruleIds';
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  isWatchedStep,
  mergeIntervals,
  recordStep,
  type Interval,
} from '../../../src-shared/audit/ledger';
import { PLAYBACK_RATES, playerAction, shuttle } from '../../../src-shared/audit/shuttle';
import { formatTimecode, sessionClock } from '../../../src-shared/audit/timecode';
import type { MediaFileStatus } from '../../../src-shared/ipc/media';
import { t } from '../../app/strings';
import type { SessionRow } from '../../db/types';
import { FindingForm, type FindingDraft } from './FindingForm';
import { useFullscreen } from './useFullscreen';
import { grabFrame, type Grab } from './frameGrab';
import { Timeline } from './Timeline';

const s = () => t.audit.player;
/** Until two frames tell the real frame length. */
const DEFAULT_FRAME_SECONDS = 1 / 25;
const FLUSH_MS = 3000;
const REVERSE_TICK_MS = 100;

export interface PlayerFinding {
  id: string;
  start: number;
  end?: number;
  label: string;
}

export function Player(props: {
  media: MediaFileStatus;
  session: SessionRow;
  storedWatched: readonly Interval[];
  findings: PlayerFinding[];
  onFlush: (intervals: Interval[], durationSeconds: number | undefined) => Promise<void>;
  onFinding: (
    d: FindingDraft & { start: number; end?: number; wallClock: string },
    grab: (Grab & { mediaTime: number }) | null,
  ) => Promise<void>;
  /** A rule's name for the finding form (the pack in force for this class). */
  ruleName: (id: RuleId) => string;
}) {
  const { media, session } = props;
  const video = useRef<HTMLVideoElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const pending = useRef<Interval[]>([]);
  const last = useRef<{ mediaTime: number; now: number; frames: number } | null>(null);
  /** Where playback last started at its rate: the ledger's wall-time bound runs from here. */
  const anchor = useRef<{ mediaTime: number; now: number; rate: number } | null>(null);
  const frameSeconds = useRef(DEFAULT_FRAME_SECONDS);
  /** Set by the element's seeking event; the next frame step is then not counted. */
  const seekedSince = useRef(false);
  const [now, setNow] = useState(0);
  const [duration, setDuration] = useState<number | undefined>();
  const [rate, setRate] = useState(1);
  const [reverse, setReverse] = useState(0);
  const fullscreen = useFullscreen(box);
  const full = fullscreen.mode !== 'none';
  const [formAt, setFormAt] = useState<number | null>(null);
  const [loadError, setLoadError] = useState(false);
  const [sessionWatched, setSessionWatched] = useState<Interval[]>([]);
  const flushing = useRef(false);
  const onFlush = props.onFlush;

  const flush = useCallback(async () => {
    if (flushing.current) return;
    const v = video.current;
    const list = pending.current;
    const d = v && Number.isFinite(v.duration) ? v.duration : undefined;
    if (!list.length && d === undefined) return;
    flushing.current = true;
    pending.current = [];
    try {
      await onFlush(list, d);
    } finally {
      flushing.current = false;
    }
  }, [onFlush]);

  // Frame callbacks: the displayed time and the ledger.
  useEffect(() => {
    const v = video.current;
    if (!v || typeof v.requestVideoFrameCallback !== 'function') return;
    let handle = 0;
    const onFrame: VideoFrameRequestCallback = (ts, meta) => {
      const prev = last.current;
      if (prev) {
        const df = meta.presentedFrames - prev.frames;
        const dt = meta.mediaTime - prev.mediaTime;
        if (df === 1 && dt > 0 && dt < 0.2) frameSeconds.current = dt;
        const a = anchor.current;
        const step = {
          from: prev.mediaTime,
          to: meta.mediaTime,
          rate: v.playbackRate,
          wallSeconds: (ts - prev.now) / 1000,
          // A frame shown as playback runs into the end arrives with paused already set (the
          // element pauses on ending): it was still played.
          playing: (!v.paused || v.ended) && !v.seeking,
          seeked: seekedSince.current,
          ...(a && a.rate === v.playbackRate && a.mediaTime <= prev.mediaTime
            ? {
                sinceAnchor: {
                  advance: meta.mediaTime - a.mediaTime,
                  wallSeconds: (ts - a.now) / 1000,
                },
              }
            : {}),
        };
        // A seek, a new rate or a step that did not count starts a new stretch at this frame.
        if (step.seeked || !a || a.rate !== v.playbackRate || !isWatchedStep(step))
          anchor.current = { mediaTime: meta.mediaTime, now: ts, rate: v.playbackRate };
        seekedSince.current = false;
        const next = recordStep(pending.current, step);
        if (
          next.length !== pending.current.length ||
          next.some((x, i) => x !== pending.current[i])
        ) {
          pending.current = next;
          setSessionWatched((w) => mergeIntervals([...w, [step.from, step.to]]));
        }
      }
      last.current = { mediaTime: meta.mediaTime, now: ts, frames: meta.presentedFrames };
      setNow(meta.mediaTime);
      handle = v.requestVideoFrameCallback(onFrame);
    };
    handle = v.requestVideoFrameCallback(onFrame);
    const timer = window.setInterval(() => void flush(), FLUSH_MS);
    return () => {
      v.cancelVideoFrameCallback(handle);
      window.clearInterval(timer);
      void flush();
    };
  }, [media.url, flush]);

  // Reverse shuttle: Chromium cannot play backwards, so J seeks back in small ticks (never counted).
  useEffect(() => {
    const v = video.current;
    if (!v || reverse === 0) return;
    v.pause();
    const id = window.setInterval(() => {
      v.currentTime = Math.max(0, v.currentTime + (reverse * REVERSE_TICK_MS) / 1000);
      setNow(v.currentTime);
    }, REVERSE_TICK_MS);
    return () => window.clearInterval(id);
  }, [reverse]);

  const pause = useCallback(() => {
    setReverse(0);
    video.current?.pause();
  }, []);

  const act = (a: NonNullable<ReturnType<typeof playerAction>>) => {
    const v = video.current;
    if (!v) return;
    switch (a.kind) {
      case 'toggle':
        setReverse(0);
        if (v.paused) void v.play();
        else v.pause();
        break;
      case 'shuttle': {
        const cur = reverse !== 0 ? reverse : v.paused ? 0 : v.playbackRate;
        const next = shuttle(cur, a.key);
        if (next > 0) {
          setReverse(0);
          v.playbackRate = next;
          setRate(next);
          void v.play();
        } else if (next < 0) setReverse(next);
        else pause();
        break;
      }
      case 'frame':
        pause();
        v.currentTime = Math.max(0, v.currentTime + a.dir * frameSeconds.current);
        setNow(v.currentTime);
        break;
      case 'seek':
        v.currentTime = Math.max(0, Math.min(v.duration || Infinity, v.currentTime + a.by));
        setNow(v.currentTime);
        break;
      case 'fullscreen':
        void fullscreen.toggle();
        break;
      case 'finding':
        pause();
        setFormAt(v.currentTime);
        break;
    }
  };

  const saveFinding = async (d: FindingDraft) => {
    const v = video.current;
    if (!v || formAt === null) return;
    v.pause();
    const end = d.asRange && v.currentTime > formAt ? v.currentTime : undefined;
    if (d.grab && Math.abs(v.currentTime - formAt) > 0.001) {
      // Grab the frame the finding names, not wherever playback drifted to.
      v.currentTime = formAt;
      await new Promise((res) => v.addEventListener('seeked', res, { once: true }));
    }
    const g = d.grab ? await grabFrame(v) : null;
    await props.onFinding(
      {
        ...d,
        start: formAt,
        ...(end !== undefined ? { end } : {}),
        wallClock: `${session.date}T${sessionClock(session.date, session.startTime, formAt)}+08:00`,
      },
      g ? { ...g, mediaTime: formAt } : null,
    );
    setFormAt(null);
    box.current?.focus();
  };

  const codecMessage =
    media.codec && !media.codec.playable
      ? s().codecProblem(media.path, media.codec.message ?? media.codec.video ?? '')
      : loadError
        ? s().loadError(media.path)
        : null;
  const watched = mergeIntervals([...props.storedWatched, ...sessionWatched]);

  return (
    <Stack gap={6}>
      <Box
        ref={box}
        tabIndex={0}
        data-testid="player"
        data-fullscreen={fullscreen.mode}
        onKeyDown={(e) => {
          const el = e.target as HTMLElement;
          if (el.closest('form, select, input, textarea')) return;
          const a = playerAction(e);
          if (!a) return;
          e.preventDefault();
          act(a);
        }}
        style={{
          outline: 'none',
          background: '#000',
          borderRadius: full ? 0 : 4,
          ...(fullscreen.mode === 'window' ? { position: 'fixed', inset: 0, zIndex: 1000 } : {}),
        }}
      >
        {codecMessage && (
          <Alert color="red" p={6} data-testid="codec-message">
            <Text size="xs">{codecMessage}</Text>
          </Alert>
        )}
        <video
          ref={video}
          src={media.url}
          preload="metadata"
          style={{
            width: '100%',
            maxHeight: full ? '100vh' : 300,
            height: full ? '100vh' : undefined,
            display: 'block',
          }}
          onLoadedMetadata={(e) => {
            const d = e.currentTarget.duration;
            setDuration(Number.isFinite(d) ? d : undefined);
            void flush();
          }}
          onError={() => setLoadError(true)}
          onRateChange={(e) => setRate(e.currentTarget.playbackRate)}
          onPause={() => void flush()}
          onPlaying={(e) => {
            // Playback starts from here: without a frame seen yet (or after a seek while paused),
            // the first presented frame would otherwise open the ledger one frame late.
            const v = e.currentTarget;
            anchor.current = {
              mediaTime: v.currentTime,
              now: performance.now(),
              rate: v.playbackRate,
            };
            if (!last.current || seekedSince.current) {
              last.current = {
                mediaTime: v.currentTime,
                now: performance.now(),
                frames: last.current?.frames ?? 0,
              };
              seekedSince.current = false;
            }
          }}
          onSeeking={() => {
            seekedSince.current = true;
          }}
          onEnded={(e) => {
            // The last frame is shown a frame before the end: count the stretch to the end when
            // playback ran into it, under the same ≤ 2× and wall-time rule as every step.
            const v = e.currentTarget;
            const prev = last.current;
            if (prev && Number.isFinite(v.duration)) {
              const a = anchor.current;
              const now = performance.now();
              const step = {
                from: prev.mediaTime,
                to: v.duration,
                rate: v.playbackRate,
                wallSeconds: (now - prev.now) / 1000,
                playing: true,
                seeked: seekedSince.current,
                ...(a && a.rate === v.playbackRate && a.mediaTime <= prev.mediaTime
                  ? {
                      sinceAnchor: {
                        advance: v.duration - a.mediaTime,
                        wallSeconds: (now - a.now) / 1000,
                      },
                    }
                  : {}),
              };
              pending.current = recordStep(pending.current, step);
              setSessionWatched((w) => recordStep(w, step));
            }
            void flush();
          }}
          data-testid="video"
        />
      </Box>
      <Timeline
        duration={duration ?? 0}
        current={now}
        watched={watched}
        markers={props.findings}
        onSeek={(x) => {
          if (video.current) video.current.currentTime = x;
          setNow(x);
        }}
      />
      <Group gap="md" justify="space-between">
        <Group gap="md">
          <Text size="sm" ff="monospace" data-testid="media-time">
            {s().mediaTime} {formatTimecode(now)}
          </Text>
          <Text size="sm" ff="monospace" data-testid="wall-clock">
            {s().wallClock} {session.date} {sessionClock(session.date, session.startTime, now)}
          </Text>
          {duration !== undefined && (
            <Text size="xs" c="dimmed" data-testid="measured-duration">
              {s().duration(formatTimecode(duration))}
            </Text>
          )}
        </Group>
        <NativeSelect
          size="xs"
          w={90}
          aria-label={s().speed}
          value={String(rate)}
          onChange={(e) => {
            const r = Number(e.currentTarget.value);
            if (video.current) video.current.playbackRate = r;
            setRate(r);
          }}
          data={PLAYBACK_RATES.map((r) => ({ value: String(r), label: `${r}×` }))}
        />
      </Group>
      <Text size="xs" c="dimmed">
        {s().keys}
      </Text>
      <Text size="xs" c="dimmed">
        {s().watchedNote}
      </Text>
      {formAt !== null && (
        <FindingForm
          ruleName={props.ruleName}
          start={formAt}
          now={now}
          onPause={pause}
          onSave={saveFinding}
          onCancel={() => {
            setFormAt(null);
            box.current?.focus();
          }}
        />
      )}
    </Stack>
  );
}
