// A package with tens of thousands of trainees is imported without freezing the window: a
// long-task probe (PerformanceObserver 'longtask', and a requestAnimationFrame gap monitor whose
// figure is printed) is installed before the import; while the rows are looked up and written
// no task may block longer than MAX_BLOCK_MS or an eighth of those stages (whichever is larger:
// load stretches every task alike) and the progress count must keep changing; the
// rows must all arrive. The suite imports 30,000 trainees (the same sliced path as 200,000,
// ≥ 30 slices); `npx tsx bench/big-import.ts` runs the 200,000 of the issue with the same probe.
//
// The verified package no longer arrives as one message: its head comes first, then its rows in
// pages (packages:takeImportRows) that are received, looked up and written one after the other,
// so receiving is part of the row stages the bound covers. What comes before (the dialog,
// verification in main) is printed as beforeRows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppSession } from './harness/session';
import { writeBigPackage, type BigPackage } from './helpers/bigPackage';
import { enterDemo } from './helpers/profiles';
import { importWithProbe, MAX_BLOCK_MS } from './helpers/blockProbe';

const TRAINEES = 30_000;
let app: AppSession;
let work: string;
let big: BigPackage;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'qh-e2e-big-'));
  big = await writeBigPackage(path.join(work, 'big.qhpkg'), TRAINEES);
  app = await startApp();
  await app.page.goto(app.harness.url);
  await enterDemo(app.page, '证书打印员');
});

afterAll(async () => {
  await app?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('a package with 30,000 trainees', () => {
  it('imports with no main-thread block above the bound while the progress moves', async () => {
    const run = await importWithProbe(app, big.path);
    // The summary groups digits like the progress line (30,000).
    const grouped = new Intl.NumberFormat('zh-CN');
    expect(run.summary).toEqual({
      trainees: grouped.format(TRAINEES),
      classes: grouped.format(big.classes),
    });
    expect(run.rows.trainees).toBe(TRAINEES);
    expect(run.rows.classes).toBe(big.classes);
    const seen = JSON.stringify(run);
    console.log(`big package, ${TRAINEES} trainees: ${seen}`);
    // Lookups and writes go in slices of at most 2,000 rows, each one shown: the count moves
    // at least twice per 2,000 rows (once looked up, once written).
    expect(run.rowsPhase.progressSteps, seen).toBeGreaterThanOrEqual((2 * TRAINEES) / 2000);
    // No single task holds a large share of the row stages. A bound in milliseconds alone
    // (MAX_BLOCK_MS, met at 185 ms on a loaded 2-core machine) depends on the machine's load,
    // which stretches every task alike; the share does not. Unsliced, one task was all of it.
    expect(run.rowsPhase.longestTaskMs, seen).toBeLessThanOrEqual(
      Math.max(MAX_BLOCK_MS, run.rowsPhase.ms / 8),
    );
  });

  it('raised no uncaught page errors', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
