// The 200,000-trainee import of issue 10 in the browser harness, with the long-task probe of
// test/e2e/big-package.spec.ts. Not a registered *.bench.ts: it has no baseline to compare
// with and one import takes minutes, too long for 15 alternating runs. Prints the probe's
// figures and exits 1 when a row-stage task blocks longer than MAX_BLOCK_MS or rows are missing.
// With --cpu it also traces the page's main thread (bench/lib/taskCpu.ts) and prints, for the
// whole import, each long task's CPU time beside its wall time: whether the page was working or
// waiting for a core. The pass/fail stays on the probe's wall times.
//   npx tsx bench/big-import.ts [trainees] [--cpu]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureRendererBuilt } from '../test/e2e/harness/build';
import { startApp } from '../test/e2e/harness/session';
import { writeBigPackage } from '../test/e2e/helpers/bigPackage';
import { importWithProbe, MAX_BLOCK_MS } from '../test/e2e/helpers/blockProbe';
import { enterDemo } from '../test/e2e/helpers/profiles';
import { TaskTracer } from './lib/taskCpu';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const cpu = args.includes('--cpu');
  const trainees = Number(args.find((a) => a !== '--cpu') ?? 200_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'qh-big-import-'));
  try {
    ensureRendererBuilt();
    const started = Date.now();
    const big = await writeBigPackage(path.join(dir, 'big.qhpkg'), trainees);
    console.log(`package written in ${Date.now() - started} ms: ${trainees} trainees`);
    const app = await startApp();
    try {
      await app.page.goto(app.harness.url);
      await enterDemo(app.page, '证书打印员');
      const tracer = cpu ? await TaskTracer.start(app.page) : null;
      const run = await importWithProbe(app, big.path);
      console.log(JSON.stringify(run, null, 2));
      if (tracer)
        console.log(`page main thread, whole import: ${JSON.stringify(await tracer.stop())}`);
      const ok =
        run.rows.trainees === trainees &&
        run.rows.classes === big.classes &&
        run.rowsPhase.longestTaskMs <= MAX_BLOCK_MS &&
        app.pageErrors.length === 0;
      console.log(
        `big-import ${trainees}: row stages longest task ${run.rowsPhase.longestTaskMs} ms (bound ${MAX_BLOCK_MS}), before rows ${run.beforeRows.longestTaskMs} ms, ${ok ? 'ok' : 'FAILED'}`,
      );
      return ok ? 0 : 1;
    } finally {
      await app.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
