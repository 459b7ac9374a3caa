// The contract between bench/*.bench.ts files and bench/run.ts.
export interface BenchResult {
  /** Our implementation, in milliseconds. */
  ours: number;
  /** The comparison point measured in the same process and run, in milliseconds. */
  baseline: number;
  details?: Record<string, string | number>;
}

export interface Benchmark {
  name: string;
  /** The largest acceptable ours ÷ baseline ratio. */
  goal: number;
  run(): Promise<BenchResult>;
}
