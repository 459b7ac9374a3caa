// `npm run bench` runs every bench/*.bench.ts; `npm run bench -- <name>` runs the ones whose
// name or file stem matches. A missed goal prints `short` but exits 0: benchmarks inform, tests
// decide. A benchmark that throws or returns nonsense exits 1.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { MIN_RUN_MS, MIN_RUNS, type Sample } from './lib/measure';
import type { Benchmark, BenchResult } from './lib/types';

const BENCH_SUFFIX = '.bench.ts';

interface BenchFile {
  stem: string;
  file: string;
}

export function findBenchFiles(dir: string): BenchFile[] {
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(BENCH_SUFFIX))
    .sort()
    .map((name) => ({ stem: name.slice(0, -BENCH_SUFFIX.length), file: path.join(dir, name) }));
}

function asBenchmark(loaded: unknown, file: string): Benchmark {
  // Under tsx's CommonJS interop a default export may arrive wrapped once more.
  let candidate = (loaded as { default?: unknown }).default;
  const inner = (candidate as { default?: unknown } | undefined)?.default;
  if (inner !== undefined && typeof (candidate as { run?: unknown }).run !== 'function')
    candidate = inner;
  const bench = candidate as Partial<Benchmark> | undefined;
  if (
    !bench ||
    typeof bench.name !== 'string' ||
    typeof bench.goal !== 'number' ||
    !(bench.goal > 0) ||
    typeof bench.run !== 'function'
  ) {
    throw new Error(
      `${file}: default export must be { name: string, goal: number > 0, run(): Promise<{ ours, baseline }> }`,
    );
  }
  return bench as Benchmark;
}

function checkResult(result: BenchResult | undefined): BenchResult {
  const positive = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
  if (!result || !positive(result.ours) || !positive(result.baseline) || result.baseline === 0) {
    throw new Error(
      `run() must resolve to { ours, baseline } in ms (finite, baseline > 0); got ${JSON.stringify(result)}`,
    );
  }
  // Every benchmark times through compare(): enough runs, each long enough to mean something.
  const { spread } = result;
  if (
    !spread ||
    spread.ours.runs.length < MIN_RUNS ||
    spread.baseline.runs.length < MIN_RUNS ||
    !(spread.shortestRunMs >= MIN_RUN_MS)
  ) {
    throw new Error(
      `run() must time both sides with compare() (>= ${MIN_RUNS} runs of >= ${MIN_RUN_MS} ms each)`,
    );
  }
  return result;
}

function figure(value: number): string {
  if (Number.isInteger(value)) return String(value);
  if (value >= 100) return value.toFixed(0);
  if (value >= 1) return value.toFixed(2);
  return value.toPrecision(3);
}

export function formatResult(name: string, goal: number, result: BenchResult): string[] {
  const ratio = result.ours / result.baseline;
  const verdict = ratio <= goal ? 'ok' : 'short';
  const lines = [
    `bench ${name}: ratio ${ratio.toFixed(2)} (goal <= ${goal}) ${verdict}`,
    `    ours ${figure(result.ours)} ms, baseline ${figure(result.baseline)} ms`,
  ];
  // A run repeats its calls until it lasts MIN_RUN_MS: `batch` is the least number it makes.
  const spread = (label: string, sample: Sample, batch: number) =>
    `    ${label} min/median/max ${figure(sample.min)} / ${figure(sample.median)} / ${figure(sample.max)} ms per call (${sample.runs.length} runs of >= ${batch} calls)`;
  lines.push(spread('ours    ', result.spread.ours, result.spread.batch.ours));
  lines.push(spread('baseline', result.spread.baseline, result.spread.batch.baseline));
  lines.push(
    `    shortest run ${figure(result.spread.shortestRunMs)} ms (each >= ${MIN_RUN_MS} ms)`,
  );
  for (const [key, value] of Object.entries(result.details ?? {})) {
    lines.push(`    ${key}: ${typeof value === 'number' ? figure(value) : value}`);
  }
  return lines;
}

function matches(filter: string, stem: string, name: string | undefined): boolean {
  return filter === stem || filter === name || `${filter}.bench` === stem;
}

async function main(): Promise<number> {
  const dir = process.env.BENCH_DIR ? path.resolve(process.env.BENCH_DIR) : __dirname;
  const filters = process.argv.slice(2).filter((a) => a !== '--');
  const files = findBenchFiles(dir);
  if (files.length === 0) {
    console.error(`bench: no *${BENCH_SUFFIX} files in ${dir}`);
    return 1;
  }

  // Filters naming file stems need only those files loaded; a filter naming a benchmark's
  // `name` needs every file loaded to read the names.
  const stemMatch = (f: string, stem: string) => f === stem || `${f}.bench` === stem;
  const allByStem = filters.every((f) => files.some(({ stem }) => stemMatch(f, stem)));
  const candidates =
    filters.length > 0 && allByStem
      ? files.filter(({ stem }) => filters.some((f) => stemMatch(f, stem)))
      : files;

  let failed = 0;
  let ran = 0;
  const unmatched = new Set(filters);
  for (const { stem, file } of candidates) {
    let bench: Benchmark;
    try {
      bench = asBenchmark(await import(pathToFileURL(file).href), file);
    } catch (error) {
      // With a filter, only the requested files must load; without one, every file must.
      if (filters.length > 0 && !filters.includes(stem)) continue;
      console.log(`bench ${stem}: error ${(error as Error).message}`);
      failed++;
      filters.forEach((f) => (f === stem ? unmatched.delete(f) : undefined));
      continue;
    }
    if (filters.length > 0 && !filters.some((f) => matches(f, stem, bench.name))) continue;
    filters.forEach((f) => (matches(f, stem, bench.name) ? unmatched.delete(f) : undefined));
    ran++;
    try {
      const result = checkResult(await bench.run());
      for (const line of formatResult(bench.name, bench.goal, result)) console.log(line);
    } catch (error) {
      console.log(`bench ${bench.name}: error ${(error as Error).stack ?? String(error)}`);
      failed++;
    }
  }

  if (unmatched.size > 0) {
    console.error(
      `bench: no benchmark named ${[...unmatched].join(', ')}; have ${files.map((f) => f.stem).join(', ')}`,
    );
    return 1;
  }
  if (ran === 0 && failed === 0) {
    console.error('bench: nothing ran');
    return 1;
  }
  return failed > 0 ? 1 : 0;
}

const invokedDirectly =
  process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(__filename);
if (invokedDirectly) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error('bench: runner failed:', error);
      process.exit(1);
    },
  );
}
