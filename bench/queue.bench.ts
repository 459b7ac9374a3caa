// 评审任务's list at panel scale, in the harness (the goal figure of issue 13): an expert with
// 50,000 assignments against one with 1,000, each in its own harness and Chromium at 1366×768,
// both demo expert profiles that imported a signed package of that size through 设置 and linked
// to its expert (test/e2e/helpers/bigQueue.ts). What is timed is what the expert waits for:
// from the input event of a keystroke in the search box (or the press on a sort option) until
// the list's visible rows hold the right rows — count, ids and names of the first rows as the
// plain reference viewQueue computes them from the package's records — and the page has painted
// them (MutationObserver sees the condition, then two animation frames). One call is one cycle
// of six such actions (type 王, type 芳, Backspace, Backspace, 按培训班, 按截止日期), ending where
// it began; a run repeats the cycle until it lasts >= 100 ms. The Node sub-figure (the index
// alone, bench/queue-node.ts) is printed beside it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { defaultView, type QueueItem, type QueueView } from '../src-renderer/features/review/queue';
import { launchBrowser } from '../test/e2e/harness/browser';
import { ensureRendererBuilt } from '../test/e2e/harness/build';
import { attachHarness } from '../test/e2e/harness/session';
import { startHarness, type Harness } from '../test/e2e/harness/server';
import {
  QUEUE_EXPERT,
  queueExpected,
  queueItemsOf,
  writeQueuePackage,
} from '../test/e2e/helpers/bigQueue';
import { enterDemo } from '../test/e2e/helpers/profiles';
import { compare, ms, resultOf } from './lib/measure';
import { queueNodeFigure } from './queue-node';

const LARGE = Number(process.env.QUEUE_BENCH_LARGE ?? 50_000);
const SMALL = 1_000;
const RUNS = Number(process.env.QUEUE_BENCH_RUNS ?? 15);
/** Rows certainly in view at 1366×768 (the pane shows ~10); each must be drawn and right. */
const IN_VIEW = 8;

type Action =
  { kind: 'type'; text: string } | { kind: 'backspace' } | { kind: 'sort'; label: string };

interface Step {
  action: Action;
  view: QueueView;
}

const base = defaultView();
const STEPS: Step[] = [
  { action: { kind: 'type', text: '王' }, view: { ...base, search: '王' } },
  { action: { kind: 'type', text: '芳' }, view: { ...base, search: '王芳' } },
  { action: { kind: 'backspace' }, view: { ...base, search: '王' } },
  { action: { kind: 'backspace' }, view: base },
  { action: { kind: 'sort', label: '按培训班' }, view: { ...base, sort: 'class' } },
  { action: { kind: 'sort', label: '按截止日期' }, view: base },
];

interface Expected {
  count: number;
  ids: string[];
  names: string[];
  search: string;
  inView: number;
}

function expectedFor(items: readonly QueueItem[], view: QueueView): Expected {
  const { count, ids } = queueExpected(items, view);
  const byId = new Map(items.map((i) => [i.assignment.id, i.traineeName]));
  return {
    count,
    ids,
    names: ids.map((id) => byId.get(id)!),
    search: view.search,
    inView: IN_VIEW,
  };
}

/**
 * Installed in the page: `arm(expected)` starts listening for the next input event (its
 * timeStamp is the start) and resolves `window.__queueBenchDone` with the milliseconds until
 * the list shows `expected` and two frames have passed.
 */
function installProbe() {
  type Exp = Expected;
  const w = window as unknown as {
    __queueBench: { arm(e: Exp): void; done: Promise<number> | null };
  };
  const shows = (e: Exp): boolean => {
    const search = document.querySelector<HTMLInputElement>('[data-testid="queue-search"]');
    if (!search || search.value !== e.search) return false;
    const rows = document.querySelectorAll<HTMLElement>('[data-testid="review-queue-item"]');
    const seen = new Set<number>();
    for (const row of Array.from(rows)) {
      if (row.getAttribute('aria-setsize') !== String(e.count)) return false;
      const p = Number(row.getAttribute('aria-posinset'));
      if (p <= e.ids.length) {
        if (row.getAttribute('data-assignment-id') !== e.ids[p - 1]) return false;
        if (!(row.textContent ?? '').includes(e.names[p - 1]!)) return false;
      }
      seen.add(p);
    }
    for (let p = 1; p <= Math.min(e.count, e.inView); p++) if (!seen.has(p)) return false;
    return true;
  };
  const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));
  w.__queueBench = {
    done: null,
    arm(e) {
      let start: number | null = null;
      const events = ['keydown', 'beforeinput', 'input', 'pointerdown', 'mousedown'];
      const onEvent = (ev: Event) => {
        start ??= ev.timeStamp;
      };
      for (const name of events) window.addEventListener(name, onEvent, true);
      this.done = new Promise<number>((resolve, reject) => {
        let settled = false;
        const finish = () => {
          settled = true;
          observer.disconnect();
          clearTimeout(timer);
          for (const name of events) window.removeEventListener(name, onEvent, true);
        };
        const check = () => {
          if (settled || start === null || !shows(e)) return;
          const began = start;
          finish();
          void frame()
            .then(frame)
            .then(() => resolve(performance.now() - began));
        };
        const observer = new MutationObserver(check);
        observer.observe(document.body, {
          childList: true,
          subtree: true,
          attributes: true,
          characterData: true,
        });
        const timer = setTimeout(() => {
          if (settled) return;
          finish();
          const rows = Array.from(document.querySelectorAll('[data-testid="review-queue-item"]'));
          reject(
            new Error(
              `the list did not show ${JSON.stringify(e).slice(0, 300)} in 30 s; it shows ${rows
                .slice(0, 3)
                .map(
                  (r) =>
                    `${r.getAttribute('aria-posinset')}/${r.getAttribute('aria-setsize')} ${r.getAttribute('data-assignment-id')}`,
                )
                .join(', ')}`,
            ),
          );
        }, 30_000);
      });
    },
  };
}

export interface Side {
  size: number;
  harness: Harness;
  context: BrowserContext;
  page: Page;
  expected: Expected[];
  /** Milliseconds of each step, every cycle (for the per-action medians). */
  steps: number[][];
  dirs: string[];
  /** From 确认 on the expert link to the list's first row (loadQueue and the index). */
  openMs: number;
}

/** A harness and Chromium with a demo expert linked to the package of `size` assignments. */
/** Closes what openSide opened: the browser context, the harness and their folders. */
export async function closeSides(sides: readonly Side[]): Promise<void> {
  for (const s of sides) {
    await s.context.close();
    await s.harness.close();
    for (const dir of s.dirs) rmSync(dir, { recursive: true, force: true });
  }
}

export async function openSide(size: number): Promise<Side> {
  const work = mkdtempSync(path.join(tmpdir(), `qihang-bench-queue-${size}-`));
  const browserDir = mkdtempSync(path.join(tmpdir(), `qihang-bench-queue-browser-`));
  const pkg = await writeQueuePackage(path.join(work, `queue-${size}.qhpkg`), size);
  const items = queueItemsOf(pkg.manifest);
  const harness = await startHarness();
  const { context } = await launchBrowser(browserDir);
  await attachHarness(context, harness);
  const page = context.pages()[0] ?? (await context.newPage());
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(harness.url);
  await enterDemo(page, '评审专家');
  await page.locator('[data-screen="settings"]').click();
  await page.getByTestId('package-import-card').waitFor();
  harness.dialogs.answerNextOpen(pkg.path);
  await page.getByTestId('import-button').click();
  await page.getByTestId('import-summary').waitFor({ timeout: 600_000 });
  await page.getByTestId('import-close').click();
  await page.locator('[data-screen="review"]').click();
  await page.getByTestId('screen-review').waitFor();
  // linkExpert's steps, with the wait for the list as long as the list takes to load.
  await page.getByTestId('expert-link-select').click();
  await page.getByRole('option', { name: new RegExp(`^\u2068?${QUEUE_EXPERT}`) }).click();
  const linked = performance.now();
  await page.getByTestId('expert-link-confirm').click();
  // tsx compiles with keepNames, which wraps the probe's inner functions in __name(); the page
  // has no such helper, so it gets the identity.
  await page.evaluate('globalThis.__name ??= (f) => f');
  await page.evaluate(installProbe);
  const side: Side = {
    size,
    harness,
    context,
    page,
    expected: STEPS.map((s) => expectedFor(items, s.view)),
    steps: STEPS.map(() => []),
    dirs: [work, browserDir, harness.userDataDir],
    openMs: 0,
  };
  // The list as it opens: every row of the default view, before any timing.
  await page.waitForFunction(
    (n) =>
      document.querySelector('[data-testid="review-queue-item"]')?.getAttribute('aria-setsize') ===
      String(n),
    size,
    { timeout: 600_000, polling: 100 },
  );
  side.openMs = performance.now() - linked;
  return side;
}

async function act(page: Page, action: Action): Promise<void> {
  const search = page.getByTestId('queue-search');
  switch (action.kind) {
    case 'type':
      await search.focus();
      await page.keyboard.insertText(action.text);
      return;
    case 'backspace':
      await search.press('Backspace');
      return;
    case 'sort':
      await page.getByRole('option', { name: action.label, exact: true }).click();
      return;
  }
}

/** One step: armed, acted, and the page's own figure for it. */
async function step(side: Side, k: number): Promise<number> {
  const { page } = side;
  const { action } = STEPS[k]!;
  // Opening the order's list is not part of the wait: the press on the option is.
  if (action.kind === 'sort') {
    await page.getByTestId('queue-sort').click();
    await page.getByRole('option', { name: action.label, exact: true }).waitFor();
  }
  await page.evaluate((e) => {
    (window as unknown as { __queueBench: { arm(x: Expected): void } }).__queueBench.arm(e);
  }, side.expected[k]!);
  await act(page, action);
  const took = await page.evaluate(
    () => (window as unknown as { __queueBench: { done: Promise<number> } }).__queueBench.done,
  );
  side.steps[k]!.push(took);
  return took;
}

/** One cycle of every step, back to the opening view; its milliseconds. */
async function cycle(side: Side): Promise<number> {
  let total = 0;
  for (let k = 0; k < STEPS.length; k++) total += await step(side, k);
  return total;
}

export const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length ? (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2 : NaN;
};

export default {
  name: `queue: filter + sort in the harness, ${LARGE.toLocaleString('en')} assignments vs ${SMALL.toLocaleString('en')}`,
  goal: 3,
  async run() {
    ensureRendererBuilt();
    const sides: Side[] = [];
    try {
      sides.push(await openSide(LARGE));
      sides.push(await openSide(SMALL));
      const [large, small] = sides as [Side, Side];
      // Warm: each page's code paths and each order's index exist before timing.
      for (let i = 0; i < 2; i++) {
        await cycle(large);
        await cycle(small);
      }
      for (const s of sides) s.steps = STEPS.map(() => []);
      const r = await compare(
        () => cycle(large),
        () => cycle(small),
        { runs: RUNS, warmup: 0 },
      );
      const node = await queueNodeFigure.run();
      const perStep = (s: Side) => s.steps.map((v) => ms(median(v))).join(' / ');
      return {
        ...resultOf(r),
        details: {
          'goal figure': 'this ratio (harness: input event → right rows painted, one cycle of 6)',
          'per action, large (ms, median)': ms(r.ours.median / STEPS.length),
          'per action, small (ms, median)': ms(r.baseline.median / STEPS.length),
          'per step 王/芳/⌫/⌫/按培训班/按截止日期, large': perStep(large),
          'per step 王/芳/⌫/⌫/按培训班/按截止日期, small': perStep(small),
          'list opened after linking, large / small (s, once, not in the ratio)': `${(large.openMs / 1000).toFixed(1)} / ${(small.openMs / 1000).toFixed(1)}`,
          'rows shown for 王 (large / small)': `${large.expected[0]!.count} / ${small.expected[0]!.count}`,
          [`sub-figure, ${queueNodeFigure.label}`]: `ratio ${(node.ours / node.baseline).toFixed(2)} (${ms(node.ours)} / ${ms(node.baseline)} ms per change)`,
        },
      };
    } finally {
      await closeSides(sides);
    }
  },
};
