// The reader: time from choosing a 40-page plan in the queue until its first page is drawn
// (fetched from main's store and re-hashed, parsed by pdf.js, page 1 on the canvas), against
// the harness's cold start of an empty Mantine screen (the cold-start benchmark's baseline).
// Two different 40-page plans are opened in turn so every call opens a document anew.
// Goal from the issue: first page within 1 s on this machine (printed); the ratio goal is 3.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchBrowser } from '../test/e2e/harness/browser';
import { ensureRendererBuilt } from '../test/e2e/harness/build';
import { startHarness } from '../test/e2e/harness/server';
import { openLongPlanAsExpert } from '../test/e2e/helpers/longPlan';
import { buildBaseline, timeLoad } from './cold-start.bench';
import { compare, ms, resultOf } from './lib/measure';
import { attachHarness } from '../test/e2e/harness/session';

const FIRST_PAGE_GOAL_MS = 1000;

export default {
  name: 'reader',
  goal: 3,
  async run() {
    ensureRendererBuilt();
    const baselineDir = await buildBaseline();
    const app = await startHarness();
    const baseline = await startHarness({ rendererDir: baselineDir });
    const appProfile = mkdtempSync(path.join(tmpdir(), 'qihang-bench-reader-'));
    const baseProfile = mkdtempSync(path.join(tmpdir(), 'qihang-bench-base-'));
    const { context } = await launchBrowser(appProfile);
    await attachHarness(context, app);
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await openLongPlanAsExpert(page, app);
      // Two plans in the queue: each call opens the one not shown now.
      const other = page.locator('[data-testid="review-queue-item"][aria-selected="false"]');
      const openNext = async () => {
        const before = await page
          .getByTestId('pdf-reader')
          .getAttribute('data-url', { timeout: 1000 })
          .catch(() => null);
        await other.first().click();
        // The viewer of the plan just chosen, ready, with ink on its first page's canvas.
        await page.waitForFunction(
          (previousUrl) => {
            const reader = document.querySelector('[data-testid="pdf-reader"]');
            if (!reader || reader.getAttribute('data-url') === previousUrl) return false;
            const selected = document.querySelector(
              '[data-testid="review-queue-item"][aria-selected="true"]',
            );
            const canvas = document.querySelector<HTMLCanvasElement>(
              '[data-testid="pdf-scroll"] .page[data-page-number="1"] canvas',
            );
            if (!reader || !selected || reader.getAttribute('data-status') !== 'ready')
              return false;
            if (!canvas || canvas.width === 0) return false;
            const data = canvas
              .getContext('2d')
              ?.getImageData(0, 0, canvas.width, canvas.height).data;
            if (!data) return false;
            for (let i = 0; i < data.length; i += 4) if (data[i]! < 200) return true;
            return false;
          },
          before,
          { timeout: 30_000, polling: 'raf' },
        );
      };
      // Both plans opened once: pdf.js and the viewer code are loaded, as after the first plan.
      await openNext();
      await openNext();
      const result = await compare(openNext, () => timeLoad(baseline, baseProfile, 'ready'));
      const firstPage = result.ours.median;
      return {
        ...resultOf(result),
        details: {
          'first page of a 40-page plan, median ms': ms(firstPage),
          'empty screen cold start, median ms': ms(result.baseline.median),
          [`first page goal <= ${FIRST_PAGE_GOAL_MS} ms`]:
            firstPage <= FIRST_PAGE_GOAL_MS ? 'met' : 'short',
        },
      };
    } finally {
      await context.close();
      await app.close();
      await baseline.close();
      for (const dir of [appProfile, baseProfile, baselineDir, app.userDataDir])
        rmSync(dir, { recursive: true, force: true });
    }
  },
};
