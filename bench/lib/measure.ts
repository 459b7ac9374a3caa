// Timing helpers shared by the benchmarks. Medians rather than means: one GC pause or page-cache
// miss should not decide a ratio.
import { performance } from 'node:perf_hooks';

export interface Sample {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

export interface MeasureOptions {
  /** Timed runs (default 5). */
  runs?: number;
  /** Untimed runs first, to warm the JIT, caches and lazily loaded modules (default 1). */
  warmup?: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] as number) + upper) / 2;
}

export function summarize(runs: readonly number[]): Sample {
  return { median: median(runs), min: Math.min(...runs), max: Math.max(...runs), runs: [...runs] };
}

/** Milliseconds one call of fn takes. */
export async function timeOnce(fn: () => unknown): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

export async function measure(fn: () => unknown, options: MeasureOptions = {}): Promise<Sample> {
  const { runs = 5, warmup = 1 } = options;
  if (runs < 1) throw new Error('measure needs at least one timed run');
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await timeOnce(fn));
  return summarize(times);
}

/** Fewer alternating runs than this and one noisy run moves the median. */
export const MIN_RUNS = 15;
/** A run shorter than this is mostly timer and scheduler noise: the work is batched up to it. */
export const MIN_RUN_MS = 100;

export interface CompareOptions {
  /** Alternating timed runs per side (at least MIN_RUNS). */
  runs?: number;
  /** Untimed calls of each side first (JIT, caches, lazily loaded modules). */
  warmup?: number;
  /** Each timed run lasts at least this long: fn is called `batch` times in a row. */
  minRunMs?: number;
}

export interface Comparison {
  /** Milliseconds per call of each side, one value per run. */
  ours: Sample;
  baseline: Sample;
  /** Calls per timed run of each side (a run adds calls if it has not reached minRunMs). */
  batch: { ours: number; baseline: number };
  /** The shortest whole run of either side, in ms (≥ minRunMs). */
  shortestRunMs: number;
}

/**
 * Calls fn at least `batch` times and until the calls add up to `minRunMs`; returns the time
 * and the number of calls. A call that needs untimed setup around its work (launching a browser
 * to time a page load) times itself and returns its milliseconds; those are summed instead.
 */
async function timeRun(
  fn: () => unknown,
  batch: number,
  minRunMs: number,
): Promise<{ elapsed: number; calls: number }> {
  const start = performance.now();
  let inner = 0;
  let selfTimed = true;
  let calls = 0;
  const elapsed = () => (selfTimed ? inner : performance.now() - start);
  while (calls < batch || elapsed() < minRunMs) {
    const r = await fn();
    if (typeof r === 'number') inner += r;
    else selfTimed = false;
    calls++;
  }
  return { elapsed: elapsed(), calls };
}

/** How many calls in a row take at least `minRunMs`, from one warm run. */
async function calibrate(fn: () => unknown, minRunMs: number): Promise<number> {
  const { elapsed, calls } = await timeRun(fn, 1, minRunMs);
  // Aim 20 % over, so that most runs need no extra call to clear the floor.
  return Math.max(1, Math.ceil((calls * minRunMs * 1.2) / Math.max(elapsed, 0.01)));
}

/**
 * Times ours and the baseline alternately (ours, baseline, ours, …) so that drift in machine
 * load hits both sides equally. Each side's run repeats its work until it lasts at least
 * `minRunMs`; the samples are milliseconds per call.
 */
export async function compare(
  ours: () => unknown,
  baseline: () => unknown,
  options: CompareOptions = {},
): Promise<Comparison> {
  const { runs = MIN_RUNS, warmup = 1, minRunMs = MIN_RUN_MS } = options;
  if (runs < MIN_RUNS) throw new Error(`compare needs at least ${MIN_RUNS} timed runs`);
  for (let i = 0; i < warmup; i++) {
    await ours();
    await baseline();
  }
  const batch = {
    ours: await calibrate(ours, minRunMs),
    baseline: await calibrate(baseline, minRunMs),
  };
  const oursTimes: number[] = [];
  const baselineTimes: number[] = [];
  let shortestRunMs = Infinity;
  for (let i = 0; i < runs; i++) {
    const a = await timeRun(ours, batch.ours, minRunMs);
    const b = await timeRun(baseline, batch.baseline, minRunMs);
    shortestRunMs = Math.min(shortestRunMs, a.elapsed, b.elapsed);
    oursTimes.push(a.elapsed / a.calls);
    baselineTimes.push(b.elapsed / b.calls);
  }
  return { ours: summarize(oursTimes), baseline: summarize(baselineTimes), batch, shortestRunMs };
}

/** The fields every benchmark returns from a comparison: medians, and the spread to print. */
export function resultOf(c: Comparison): {
  ours: number;
  baseline: number;
  spread: {
    ours: Sample;
    baseline: Sample;
    batch: { ours: number; baseline: number };
    shortestRunMs: number;
  };
} {
  return { ours: c.ours.median, baseline: c.baseline.median, spread: c };
}

/** Rounds milliseconds for `details`, so the printed figures stay readable. */
export function ms(value: number): number {
  return Math.round(value * 100) / 100;
}
