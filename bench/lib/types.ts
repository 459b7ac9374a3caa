// The contract between bench/*.bench.ts files and bench/run.ts.
import type { Sample } from './measure';

export interface BenchResult {
  /** Our implementation, in milliseconds. */
  ours: number;
  /** The comparison point measured in the same process and run, in milliseconds. */
  baseline: number;
  details?: Record<string, string | number>;
  /** Per-run samples of both sides (from compare): min/median/max are printed. */
  spread: {
    ours: Sample;
    baseline: Sample;
    batch: { ours: number; baseline: number };
    shortestRunMs: number;
  };
}

export interface Benchmark {
  name: string;
  /** The largest acceptable ours ÷ baseline ratio. */
  goal: number;
  run(): Promise<BenchResult>;
}
