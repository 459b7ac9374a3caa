// The watched ledger: which stretches of a file the auditor actually played, so that "watched
// 10 %" means watched (liveSampleMinutes sums these, not the drawn minutes). The player reports
// each step of media time it saw between two frames; a step counts only when it was played at
// no more than 2×, no seek happened between the two frames, and it advanced no further than the
// wall-clock time allows at that speed, so a seek, a scrub or a fast shuttle adds nothing.

/** 通知 四（一） asks for video watched; we read faster than 2× as skimming, not watching. */
export const MAX_WATCH_RATE = 2;
/**
 * Slack for frame-callback delivery when comparing media time against wall time, seconds. Frame
 * callbacks run on the page's rendering ticks: on a busy machine a few frames arrive late and the
 * next step then spans up to ~0.6 s of media in one 16 ms tick (seen in headless Chromium under
 * load). Seeks are caught by the seek flag; this bound is only the backstop for a jump no event
 * reported.
 */
const STEP_SLACK_SECONDS = 1;
/**
 * Slack over a whole stretch since the anchor, seconds of media. What is left once late and early
 * deliveries cancel out is how stale the stretch's first frame was: up to about one frame of a
 * slow recording at 2×, plus a late tick. With 1 s here, the e2e under load watched 0.9 of 1.0
 * minutes of a 1 fps recording at 2×.
 */
const STRETCH_SLACK_SECONDS = 2;

/** [start, end) in media seconds. */
export type Interval = readonly [number, number];

export interface PlayStep {
  /** Media time at the previous frame and at this one, seconds. */
  from: number;
  to: number;
  /** Playback rate while the step was played. */
  rate: number;
  /** Wall-clock seconds between the two frames. */
  wallSeconds: number;
  /** The element was playing (not paused, not seeking) across the step. */
  playing: boolean;
  /** A seek (or a reverse shuttle tick) happened between the two frames. */
  seeked?: boolean;
  /**
   * Media and wall time since playback last started at this rate (the anchor: play, a seek, a
   * rate change). When given, the wall-time bound is checked over this whole stretch instead of
   * the one step: a frame callback that arrives late makes its step look long and the next one
   * short, which the stretch absorbs, while media running ahead of the clock still shows.
   */
  sinceAnchor?: { advance: number; wallSeconds: number };
}

/** Whether a step is watching: forward, playing, at ≤ 2×, and no longer than the wall time allows. */
export function isWatchedStep(step: PlayStep): boolean {
  const advance = step.to - step.from;
  if (!step.playing || step.seeked || !(advance > 0)) return false;
  if (!(step.rate > 0) || step.rate > MAX_WATCH_RATE) return false;
  const span = step.sinceAnchor ?? { advance, wallSeconds: step.wallSeconds };
  const slack = step.sinceAnchor ? STRETCH_SLACK_SECONDS : STEP_SLACK_SECONDS;
  return advance <= span.advance + 1e-9 && span.advance <= span.wallSeconds * step.rate + slack;
}

/** Sorted, non-overlapping intervals; touching ones are joined. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals
    .filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b) && b > a)
    .map(([a, b]) => [a, b] as [number, number])
    .sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** Adds one step to a file's ledger when it counts; returns the ledger unchanged otherwise. */
export function recordStep(ledger: readonly Interval[], step: PlayStep): Interval[] {
  if (!isWatchedStep(step)) return [...ledger];
  return mergeIntervals([...ledger, [step.from, step.to]]);
}

/** Seconds covered by a merged ledger, optionally clipped to [0, limit). */
export function watchedSeconds(ledger: readonly Interval[], limit = Infinity): number {
  let total = 0;
  for (const [a, b] of mergeIntervals(ledger)) {
    const lo = Math.max(0, a);
    const hi = Math.min(limit, b);
    if (hi > lo) total += hi - lo;
  }
  return total;
}
