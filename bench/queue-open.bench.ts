// 评审任务's first open at panel scale (issue 13 item 6): what an expert waits for every time
// the app starts, since the kept package part of the queue (queueLive.ts) lives in memory only.
// Same sides as bench/queue.bench.ts (a harness and Chromium each at 1366×768, a demo expert
// linked to a signed package of 50,000 assignments against one of 1,000), each imported once,
// untimed. One call is one fresh page load of the same profile: the page is reloaded (nothing
// kept in memory), the app opens the profile and lands on 评审任务, and the call lasts from the
// page's navigation start until the list shows the default view — every row counted
// (aria-setsize), the first rows the plain reference viewQueue puts first — and two frames have
// passed. The page measures itself (performance.now() counts from its navigation start), so
// Playwright's round trips are not in the figure. The small side's load is mostly the app's
// own start, which the large side pays too: the ratio shows what the queue's size adds.
import type { Page } from 'playwright-core';
import { ensureRendererBuilt } from '../test/e2e/harness/build';
import { compare, ms, resultOf } from './lib/measure';
import { median, closeSides, openSide, type Side } from './queue.bench';

const LARGE = Number(process.env.QUEUE_BENCH_LARGE ?? 50_000);
const SMALL = 1_000;
const RUNS = Number(process.env.QUEUE_BENCH_RUNS ?? 15);
/** Rows certainly in view at 1366×768 (the pane shows ~10). */
const IN_VIEW = 8;
/** The step of queue.bench.ts that ends on the default view (its expected rows are reused). */
const DEFAULT_STEP = 3;

interface Opened {
  count: number;
  ids: string[];
}

/**
 * Installed before the page's own scripts on every load: resolves `__queueOpen` with the
 * page's milliseconds (from its navigation start) until the list shows `expected` and two
 * frames have passed. Also notes when a loader first shows on 评审任务 (`__queueOpenLoader`).
 */
function installOpenProbe(expected: Opened) {
  const w = window as unknown as {
    __queueOpen: Promise<number>;
    __queueOpenLoader: number | null;
  };
  w.__queueOpenLoader = null;
  const shows = (): boolean => {
    const rows = document.querySelectorAll<HTMLElement>('[data-testid="review-queue-item"]');
    if (rows.length === 0) return false;
    const seen = new Set<number>();
    for (const row of Array.from(rows)) {
      if (row.getAttribute('aria-setsize') !== String(expected.count)) return false;
      const p = Number(row.getAttribute('aria-posinset'));
      if (
        p <= expected.ids.length &&
        row.getAttribute('data-assignment-id') !== expected.ids[p - 1]
      )
        return false;
      seen.add(p);
    }
    for (let p = 1; p <= Math.min(expected.count, expected.ids.length); p++)
      if (!seen.has(p)) return false;
    return true;
  };
  const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));
  w.__queueOpen = new Promise<number>((resolve, reject) => {
    let settled = false;
    const check = () => {
      if (settled) return;
      if (
        w.__queueOpenLoader === null &&
        document.querySelector('[data-testid="queue-loading"]') !== null
      )
        w.__queueOpenLoader = performance.now();
      if (!shows()) return;
      settled = true;
      observer.disconnect();
      clearTimeout(timer);
      void frame()
        .then(frame)
        .then(() => resolve(performance.now()));
    };
    const observer = new MutationObserver(check);
    observer.observe(document, {
      childList: true,
      subtree: true,
      attributes: true,
    });
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      observer.disconnect();
      reject(new Error('the list did not open in 120 s'));
    }, 120_000);
  });
}

interface OpenSide {
  side: Side;
  times: number[];
  loader: number[];
}

/** One fresh page load, timed by the page. */
async function reopen(s: OpenSide): Promise<number> {
  const { page } = s.side;
  await page.reload({ waitUntil: 'commit' });
  const took = await waitOpen(page);
  if (typeof took !== 'number') throw new Error('the open probe is not in the page');
  const loader = await page.evaluate(
    () => (window as unknown as { __queueOpenLoader: number | null }).__queueOpenLoader,
  );
  s.times.push(took);
  if (loader !== null) s.loader.push(loader);
  return took;
}

const waitOpen = (page: Page) =>
  page.evaluate(() => (window as unknown as { __queueOpen: Promise<number> }).__queueOpen);

export default {
  name: `queue-open: 评审任务 from a fresh page load, ${LARGE.toLocaleString('en')} assignments vs ${SMALL.toLocaleString('en')}`,
  goal: 4,
  async run() {
    ensureRendererBuilt();
    const sides: OpenSide[] = [];
    try {
      for (const size of [LARGE, SMALL]) {
        const side = await openSide(size);
        sides.push({ side, times: [], loader: [] });
        // The default view as the reference computes it from the package's records.
        const { count, ids } = side.expected[DEFAULT_STEP]!;
        // tsx's keepNames wraps the probe's inner functions in __name(), which a fresh page
        // lacks: the identity goes in first.
        await side.page.addInitScript({ content: 'globalThis.__name ??= (f) => f;' });
        await side.page.addInitScript(installOpenProbe, { count, ids: ids.slice(0, IN_VIEW) });
        if (process.env.QUEUE_OPEN_TRACE)
          side.page.on('console', (m) => {
            if (m.text().startsWith('[qo]')) console.log(size, m.text());
          });
      }
      const [large, small] = sides as [OpenSide, OpenSide];
      const r = await compare(
        () => reopen(large),
        () => reopen(small),
        { runs: RUNS, warmup: 1 },
      );
      return {
        ...resultOf(r),
        details: {
          'goal figure':
            'this ratio (harness: page navigation start → the default view painted on 评审任务)',
          'first open, large / small (ms, median)': `${ms(median(large.times))} / ${ms(median(small.times))}`,
          'loader first seen, large / small (ms after navigation start, median)': `${large.loader.length ? ms(median(large.loader)) : '—'} / ${small.loader.length ? ms(median(small.loader)) : '—'}`,
          'list opened after linking, large / small (s, once, not in the ratio)': `${(large.side.openMs / 1000).toFixed(1)} / ${(small.side.openMs / 1000).toFixed(1)}`,
        },
      };
    } finally {
      await closeSides(sides.map((s) => s.side));
    }
  },
};
