import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  isWatchedStep,
  mergeIntervals,
  recordStep,
  watchedSeconds,
  type Interval,
  type PlayStep,
} from '../../../src-shared/audit/ledger';

/** Plays from `from` to `to` at `rate` in frames of 1/25 s of wall time. */
function play(ledger: Interval[], from: number, to: number, rate = 1): Interval[] {
  let t = from;
  let out = ledger;
  const wall = 1 / 25;
  while (t < to) {
    const next = Math.min(to, t + wall * rate);
    out = recordStep(out, { from: t, to: next, rate, wallSeconds: wall, playing: true });
    t = next;
  }
  return out;
}

describe('watched ledger', () => {
  test('counts played stretches and merges overlaps', () => {
    let l: Interval[] = [];
    l = play(l, 0, 30);
    l = play(l, 20, 50);
    l = play(l, 100, 110);
    expect(l).toHaveLength(2);
    expect(watchedSeconds(l)).toBeCloseTo(60, 6);
  });

  test('a seek adds nothing: the jump is longer than the wall time allows', () => {
    let l = play([], 0, 10);
    l = recordStep(l, { from: 10, to: 600, rate: 1, wallSeconds: 0.04, playing: true });
    expect(watchedSeconds(l)).toBeCloseTo(10, 6);
  });

  test('a step across a reported seek adds nothing, however short', () => {
    const l = recordStep([], {
      from: 10,
      to: 10.5,
      rate: 1,
      wallSeconds: 1,
      playing: true,
      seeked: true,
    });
    expect(watchedSeconds(l)).toBe(0);
  });

  test('late frame callbacks still count: 0.6 s of media in one 16 ms tick at 2×', () => {
    const l = recordStep([], { from: 4.9, to: 5.5, rate: 2, wallSeconds: 0.0166, playing: true });
    expect(watchedSeconds(l)).toBeCloseTo(0.6, 6);
  });

  test('a late callback then a prompt one both count when the stretch kept to the clock', () => {
    // 1 fps at 2×: frames due every 0.5 s; the frame at 2 s arrives 0.4 s late, the one at 4 s
    // on time, so that step spans 2 s of media in 0.1 s of wall time.
    const anchor = (advance: number, wallSeconds: number) => ({ advance, wallSeconds });
    let l: Interval[] = [];
    l = recordStep(l, {
      from: 0,
      to: 1,
      rate: 2,
      wallSeconds: 0.5,
      playing: true,
      sinceAnchor: anchor(1, 0.5),
    });
    l = recordStep(l, {
      from: 1,
      to: 2,
      rate: 2,
      wallSeconds: 1.4,
      playing: true,
      sinceAnchor: anchor(2, 1.9),
    });
    l = recordStep(l, {
      from: 2,
      to: 4,
      rate: 2,
      wallSeconds: 0.1,
      playing: true,
      sinceAnchor: anchor(4, 2.0),
    });
    expect(watchedSeconds(l)).toBeCloseTo(4, 6);
    // Without the stretch the same prompt step reads as a jump.
    expect(isWatchedStep({ from: 2, to: 4.5, rate: 2, wallSeconds: 0.1, playing: true })).toBe(
      false,
    );
  });

  test('media running ahead of the clock over the stretch adds nothing', () => {
    // 30 s of media in 10 s of wall time at 2× (at most 20 s + slack): an unreported jump.
    expect(
      isWatchedStep({
        from: 29,
        to: 30,
        rate: 2,
        wallSeconds: 0.5,
        playing: true,
        sinceAnchor: { advance: 30, wallSeconds: 10 },
      }),
    ).toBe(false);
    // A step may not claim more than the stretch it belongs to.
    expect(
      isWatchedStep({
        from: 0,
        to: 5,
        rate: 1,
        wallSeconds: 5,
        playing: true,
        sinceAnchor: { advance: 1, wallSeconds: 5 },
      }),
    ).toBe(false);
  });

  test('a stretch whose first frame was up to 2 s stale still counts; 2.5 s ahead does not', () => {
    // A 1 fps recording at 2×: the stretch's first frame was delivered late, so the media
    // clock is ~1.8 s ahead of the wall time measured from it (the e2e under load saw this).
    const step = (advance: number): PlayStep => ({
      from: advance - 2,
      to: advance,
      rate: 2,
      wallSeconds: 0.3,
      playing: true,
      sinceAnchor: { advance, wallSeconds: 10 },
    });
    expect(isWatchedStep(step(21.8))).toBe(true);
    expect(isWatchedStep(step(22.5))).toBe(false);
  });

  test('playing faster than 2× adds nothing; 2× counts', () => {
    expect(watchedSeconds(play([], 0, 60, 4))).toBe(0);
    expect(watchedSeconds(play([], 0, 60, 2))).toBeCloseTo(60, 6);
  });

  test('paused, backwards and zero steps add nothing', () => {
    const base: PlayStep = { from: 5, to: 5.04, rate: 1, wallSeconds: 0.04, playing: false };
    expect(isWatchedStep(base)).toBe(false);
    expect(isWatchedStep({ ...base, playing: true, to: 4 })).toBe(false);
    expect(isWatchedStep({ ...base, playing: true, to: 5 })).toBe(false);
    expect(isWatchedStep({ ...base, playing: true })).toBe(true);
  });

  test('clips the total to the file length', () => {
    expect(watchedSeconds([[-5, 10]], 8)).toBe(8);
  });

  test('merged total never exceeds the union of the intervals, whatever the order', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc
            .tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 100 }))
            .map(([a, len]) => [a, a + len] as Interval),
          { maxLength: 30 },
        ),
        (list) => {
          const merged = mergeIntervals(list);
          for (let i = 1; i < merged.length; i++)
            expect(merged[i]![0]).toBeGreaterThan(merged[i - 1]![1]);
          // Count covered integer seconds directly.
          const covered = new Set<number>();
          for (const [a, b] of list) for (let s = a; s < b; s++) covered.add(s);
          expect(watchedSeconds(list)).toBe(covered.size);
          expect(mergeIntervals([...list].reverse())).toEqual(merged);
        },
      ),
    );
  });
});
