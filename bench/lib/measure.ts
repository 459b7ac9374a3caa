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

/**
 * Times ours and the baseline alternately (ours, baseline, ours, …) so that drift in machine
 * load during the run hits both sides equally, then returns both medians in milliseconds.
 */
export async function compare(
  ours: () => unknown,
  baseline: () => unknown,
  options: MeasureOptions = {},
): Promise<{ ours: Sample; baseline: Sample }> {
  const { runs = 5, warmup = 1 } = options;
  if (runs < 1) throw new Error('compare needs at least one timed run');
  for (let i = 0; i < warmup; i++) {
    await ours();
    await baseline();
  }
  const oursTimes: number[] = [];
  const baselineTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    oursTimes.push(await timeOnce(ours));
    baselineTimes.push(await timeOnce(baseline));
  }
  return { ours: summarize(oursTimes), baseline: summarize(baselineTimes) };
}

/** Rounds milliseconds for `details`, so the printed figures stay readable. */
export function ms(value: number): number {
  return Math.round(value * 100) / 100;
}
