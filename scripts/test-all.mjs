// What `npm test` runs: every check the project has, in order, stopping at the first failure.
// The last line printed is always `N passed, N failed` (tests summed over the vitest runs);
// the CI reads it, and the exit code says whether everything passed. A step that cannot run on
// this machine (the Electron launch spec without the Electron binary) is printed as SKIPPED with
// its reason, in its summary row and on the line before the counts.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary, NO_ELECTRON_BINARY } from './electron-binary.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(repoRoot, 'node_modules', '.bin', name);
const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qh-test-all-'));

function listFiles(dir, pattern) {
  const absolute = path.join(repoRoot, dir);
  if (!fs.existsSync(absolute)) return [];
  return fs
    .readdirSync(absolute, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && pattern.test(entry.name))
    .map((entry) => path.join(entry.parentPath ?? entry.path, entry.name));
}

/** A vitest run with a JSON report next to the normal output, so the counts can be summed. */
function vitestStep(name, configArgs, specDirs, specPattern) {
  const reportFile = path.join(reportDir, `${name}.json`);
  return {
    name,
    command: [
      bin('vitest'),
      'run',
      ...configArgs,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${reportFile}`,
    ],
    precondition: () => {
      const specs = specDirs.flatMap((dir) => listFiles(dir, specPattern));
      return specs.length > 0 ? null : `no ${specPattern} files under ${specDirs.join(', ')}`;
    },
    reportFile,
  };
}

const steps = [
  { name: 'typecheck:node', command: [bin('tsc'), '-p', 'tsconfig.node.json'] },
  { name: 'typecheck:web', command: [bin('tsc'), '-p', 'tsconfig.web.json'] },
  { name: 'typecheck:e2e', command: [bin('tsc'), '-p', 'tsconfig.e2e.json'] },
  { name: 'lint', command: [bin('eslint'), '--max-warnings', '0', '.'] },
  { name: 'format', command: [bin('prettier'), '--check', '--log-level', 'warn', '.'] },
  // Before the unit tests: the glue contract test checks the preload and renderer it builds.
  { name: 'build', command: [bin('electron-vite'), 'build'] },
  vitestStep(
    'unit',
    [],
    ['test/shared', 'test/main', 'test/renderer', 'test/lint'],
    /\.test\.tsx?$/,
  ),
  {
    name: 'security',
    command: [bin('tsx'), 'scripts/security-scan.ts'],
    noteFrom: /^security: \d+ findings.*$/m,
  },
  vitestStep('e2e', ['--config', 'vitest.e2e.config.mts'], ['test/e2e'], /\.spec\.ts$/),
  {
    ...vitestStep(
      'electron',
      ['--config', 'vitest.electron.config.mts'],
      ['test/electron'],
      /\.spec\.ts$/,
    ),
    // The real app in the Electron binary. Where the binary cannot be installed the step is
    // not run, and the summary says so: a skipped step, never an "ok".
    skipUnless: () => (findElectronBinary(repoRoot) ? null : NO_ELECTRON_BINARY),
  },
];

/** Runs a command with its output shown as it comes; keeps stdout when the summary needs a line of it. */
function run(command, keepOutput) {
  return new Promise((resolve) => {
    const [file, ...args] = command;
    const stdio = keepOutput ? ['inherit', 'pipe', 'inherit'] : 'inherit';
    const child = spawn(file, args, { cwd: repoRoot, stdio, env: process.env });
    let output = '';
    child.stdout?.on('data', (chunk) => {
      process.stdout.write(chunk);
      output += chunk.toString();
    });
    child.on('error', (error) => {
      console.error(`test-all: could not start ${file}: ${error.message}`);
      resolve({ code: 127, output });
    });
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), output }));
  });
}

/** `file > test name` → 'passed' | 'failed' | …, from vitest's JSON report. */
function perTestOutcomes(report) {
  const outcomes = new Map();
  for (const file of report.testResults ?? []) {
    const name = path.relative(repoRoot, file.name ?? '');
    for (const test of file.assertionResults ?? []) {
      outcomes.set(`${name} > ${test.fullName ?? test.title}`, test.status);
    }
    // A file that failed before any test ran (a hook, an import) still has to show up.
    if ((file.assertionResults ?? []).length === 0 && file.status === 'failed')
      outcomes.set(`${name} > (file failed before its tests)`, 'failed');
  }
  return outcomes;
}

/** Reads vitest's JSON report; a missing or empty report is itself a failure. */
function readCounts(step) {
  if (!fs.existsSync(step.reportFile)) return { error: 'vitest wrote no JSON report' };
  let report;
  try {
    report = JSON.parse(fs.readFileSync(step.reportFile, 'utf8'));
  } catch (error) {
    return { error: `unreadable vitest JSON report: ${error.message}` };
  }
  const counts = {
    passed: report.numPassedTests ?? 0,
    failed: report.numFailedTests ?? 0,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
    total: report.numTotalTests ?? 0,
    failedSuites: report.numFailedTestSuites ?? 0,
  };
  counts.perTest = perTestOutcomes(report);
  if (counts.total === 0) return { ...counts, error: 'vitest ran no tests' };
  // The team rule is "no skipped tests": a skip hides a check that no longer runs.
  if (counts.skipped > 0) return { ...counts, error: `${counts.skipped} skipped or todo tests` };
  return counts;
}

// For working on one stage: `npm test -- --from unit` or `npm test -- --only e2e`. The summary
// marks the stages left out, and the exit code is non-zero for a partial run, so nobody takes it
// for a full pass.
const argv = process.argv.slice(2);
const option = (flag) => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : undefined);
const from = option('--from');
const only = option('--only');
// `--repeat N` runs each selected test stage N times in a row (a fresh vitest, hence a fresh
// harness, each time) and prints how often every test passed: the way to find flaky tests.
// CI runs once; flakiness is found here, never hidden by retries.
const repeat = Number(option('--repeat') ?? 1);
if (!Number.isInteger(repeat) || repeat < 1 || repeat > 100) {
  console.error('test-all: --repeat takes a whole number from 1 to 100');
  process.exit(2);
}
for (const wanted of [from, only]) {
  if (wanted !== undefined && !steps.some((s) => s.name === wanted)) {
    console.error(
      `test-all: no step named ${wanted}; steps: ${steps.map((s) => s.name).join(', ')}`,
    );
    process.exit(2);
  }
}
const firstIndex = from ? steps.findIndex((s) => s.name === from) : 0;
const selected = (step, index) => (only ? step.name === only : index >= firstIndex);

/** The per-test table of a repeated stage: every test with how many of the runs it passed. */
function printTally(name, tally, runs) {
  const rows = [...tally.entries()].sort(([a], [b]) => a.localeCompare(b));
  const unsteady = rows.filter(([, t]) => t.passed !== runs);
  console.log(`\n${name}: per-test passes over ${runs} runs`);
  for (const [test, t] of rows) {
    const mark = t.passed === runs ? '  ' : '✗ ';
    console.log(`  ${mark}${String(t.passed).padStart(3)}/${runs}  ${test}`);
  }
  console.log(
    unsteady.length === 0
      ? `${name}: every test passed ${runs}/${runs}`
      : `${name}: ${unsteady.length} test(s) failed at least once`,
  );
}

const results = [];
const totals = { passed: 0, failed: 0 };
let failedStep = null;

for (const [index, step] of steps.entries()) {
  const label = `[${index + 1}/${steps.length}] ${step.name}`;
  if (failedStep || !selected(step, index)) {
    results.push({ label, status: failedStep ? 'not run' : 'left out' });
    continue;
  }
  const skipReason = step.skipUnless?.();
  if (skipReason) {
    console.log(`\n==> ${label}: SKIPPED — ${skipReason}`);
    results.push({ label, name: step.name, status: 'SKIPPED', note: `skipped: ${skipReason}` });
    continue;
  }
  const shown = [
    path.relative(repoRoot, step.command[0]).replace(/^node_modules[\\/]\.bin[\\/]/, ''),
    ...step.command.slice(1),
  ];
  console.log(`\n==> ${label}: ${shown.join(' ')}`);
  const started = Date.now();

  const missing = step.precondition?.();
  const runs = step.reportFile && !missing ? repeat : 1;
  let code = 0;
  let note = '';
  const tally = new Map();
  const stepTotals = { passed: 0, failed: 0 };
  for (let round = 1; round <= runs; round += 1) {
    if (runs > 1) console.log(`\n--> ${step.name}: run ${round} of ${runs}`);
    const outcome = missing
      ? { code: 1, output: '' }
      : await run(step.command, Boolean(step.noteFrom));
    if (outcome.code !== 0 && code === 0) code = outcome.code;
    note = missing ? `missing: ${missing}` : (step.noteFrom?.exec(outcome.output)?.[0] ?? '');
    if (missing) console.error(`test-all: ${step.name} cannot run: ${missing}`);
    if (!step.reportFile || missing) continue;
    const counts = readCounts(step);
    stepTotals.passed += counts.passed ?? 0;
    stepTotals.failed += counts.failed ?? 0;
    for (const [test, status] of counts.perTest ?? []) {
      const entry = tally.get(test) ?? { passed: 0, runs: 0 };
      entry.runs += 1;
      if (status === 'passed') entry.passed += 1;
      tally.set(test, entry);
    }
    if (counts.error) {
      console.error(`test-all: ${step.name}: ${counts.error}`);
      note = counts.error;
      if (code === 0) code = 1;
    }
    fs.rmSync(step.reportFile, { force: true });
    // The table so far after every round, so a long repeat stopped early still says what it saw.
    if (runs > 1 && round < runs)
      printTally(`${step.name} (after ${round} of ${runs})`, tally, round);
  }
  if (step.reportFile && !missing) {
    totals.passed += stepTotals.passed;
    totals.failed += stepTotals.failed;
    note = `${stepTotals.passed} passed, ${stepTotals.failed} failed${note ? ` — ${note}` : ''}`;
    if (runs > 1) printTally(step.name, tally, runs);
  }

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const status = code === 0 ? 'ok' : `FAILED (exit ${code})`;
  results.push({ label, status, seconds, note });
  console.log(`<== ${label}: ${status} in ${seconds} s`);
  if (code !== 0) failedStep = step.name;
}

fs.rmSync(reportDir, { recursive: true, force: true });

console.log('\nSummary');
for (const r of results) {
  const time = r.seconds ? ` ${r.seconds.padStart(6)} s` : '         ';
  console.log(
    `  ${r.label.padEnd(18)} ${r.status.padEnd(16)}${time}${r.note ? `  ${r.note}` : ''}`,
  );
}
const partial = results.some((r) => r.status === 'left out');
const skipped = results.filter((r) => r.status === 'SKIPPED');
if (failedStep) console.log(`npm test FAILED at step: ${failedStep}`);
else if (partial) console.log('npm test: partial run (--from/--only), not a full pass');
else if (skipped.length > 0) {
  console.log(
    `npm test: every step that ran passed; SKIPPED, so unverified here: ${skipped.map((r) => `${r.name} (${r.note})`).join('; ')}`,
  );
}
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exitCode = failedStep || partial ? 1 : 0;
