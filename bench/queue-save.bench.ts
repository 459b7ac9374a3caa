// The queue while the expert works (issue 13 item 6): from a keystroke in an item's 评审意见 —
// the autosave that makes a 待评审 item a draft — until the list shows that item as 草稿 and the
// page has painted it, at 50,000 assignments against 1,000. Same sides as bench/queue.bench.ts
// (a harness and Chromium each, a demo expert linked to a signed package of that size). One
// call is one item: untimed, the item's unique title is typed into the search box, its row
// picked and its form opened (with 无利害关系 declared the first time an organizer's item
// opens); timed, one character typed into the comment, from the input event until the row
// carries data-state="draft" and two frames have passed. Every call takes a new item, in
// submission order, so every call is a first save. What this times at panel scale is the live
// queue's work on a save: before the split (queueLive.ts) it re-read and rebuilt every item.
import type { Page } from 'playwright-core';
import { ensureRendererBuilt } from '../test/e2e/harness/build';
import { compare, ms, resultOf } from './lib/measure';
import { median, closeSides, openSide, type Side } from './queue.bench';

const LARGE = Number(process.env.QUEUE_BENCH_LARGE ?? 50_000);
const SMALL = 1_000;
const RUNS = Number(process.env.QUEUE_BENCH_RUNS ?? 15);

const pad = (i: number) => String(i).padStart(6, '0');

/**
 * Installed in the page: `arm(id)` listens for the next input event (its timeStamp is the
 * start) and resolves `__queueSave.done` with the milliseconds until the row of `id` shows the
 * draft state and two frames have passed.
 */
function installSaveProbe() {
  const w = window as unknown as {
    __queueSave: { arm(id: string): void; done: Promise<number> | null };
  };
  const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));
  w.__queueSave = {
    done: null,
    arm(id) {
      let start: number | null = null;
      const events = ['keydown', 'beforeinput', 'input'];
      const onEvent = (ev: Event) => {
        start ??= ev.timeStamp;
      };
      for (const name of events) window.addEventListener(name, onEvent, true);
      const shows = () =>
        document
          .querySelector(`[data-testid="review-queue-item"][data-assignment-id="${id}"]`)
          ?.getAttribute('data-state') === 'draft';
      this.done = new Promise<number>((resolve, reject) => {
        let settled = false;
        const finish = () => {
          settled = true;
          observer.disconnect();
          clearTimeout(timer);
          for (const name of events) window.removeEventListener(name, onEvent, true);
        };
        const check = () => {
          if (settled || start === null || !shows()) return;
          const began = start;
          finish();
          void frame()
            .then(frame)
            .then(() => resolve(performance.now() - began));
        };
        const observer = new MutationObserver(check);
        observer.observe(document.body, { subtree: true, attributes: true, childList: true });
        const timer = setTimeout(() => {
          if (settled) return;
          finish();
          reject(new Error(`the row of ${id} did not show 草稿 in 30 s`));
        }, 30_000);
      });
    },
  };
}

interface SaveSide {
  side: Side;
  /** The next item to save a draft of. */
  next: number;
  times: number[];
}

/** Untimed: the item alone in the list, selected, its form open on an empty comment. */
async function openItem(page: Page, i: number): Promise<string> {
  const id = `ASG-Q${pad(i)}`;
  await page.getByTestId('queue-search').fill(`创业计划书第${i}号`);
  const row = page.locator(`[data-testid="review-queue-item"][data-assignment-id="${id}"]`);
  await row.click();
  const form = page.locator(`[data-testid="review-form"][data-assignment-id="${id}"]`);
  // The first item of an organizer opens behind its 回避声明 (answered 无利害关系 once).
  const declare = page.getByTestId('conflict-declare');
  await form.or(declare).first().waitFor();
  if (await declare.isVisible()) {
    await page.getByTestId('conflict-none').check();
    await page.getByTestId('conflict-confirm').click();
  }
  await form.waitFor();
  await page
    .locator(`[data-testid="review-queue-item"][data-assignment-id="${id}"][data-state="todo"]`)
    .waitFor();
  return id;
}

/** One item: opened, then timed from the keystroke to its row painted as a draft. */
async function save(s: SaveSide): Promise<number> {
  const { page } = s.side;
  const id = await openItem(page, s.next++);
  const comment = page.getByLabel('评审意见');
  await comment.focus();
  await page.evaluate((x) => {
    (window as unknown as { __queueSave: { arm(id: string): void } }).__queueSave.arm(x);
  }, id);
  await page.keyboard.insertText('好');
  const took = await page.evaluate(
    () => (window as unknown as { __queueSave: { done: Promise<number> } }).__queueSave.done,
  );
  s.times.push(took);
  return took;
}

export default {
  name: `queue-save: draft autosave → row shows 草稿, ${LARGE.toLocaleString('en')} assignments vs ${SMALL.toLocaleString('en')}`,
  goal: 3,
  async run() {
    ensureRendererBuilt();
    const sides: SaveSide[] = [];
    try {
      for (const size of [LARGE, SMALL]) {
        const side = await openSide(size);
        await side.page.evaluate(installSaveProbe);
        sides.push({ side, next: 0, times: [] });
      }
      const [large, small] = sides as [SaveSide, SaveSide];
      const r = await compare(
        () => save(large),
        () => save(small),
        { runs: RUNS, warmup: 3 },
      );
      if (small.next > SMALL) throw new Error('the small side ran out of items');
      return {
        ...resultOf(r),
        details: {
          'goal figure': 'this ratio (harness: keystroke in 评审意见 → row painted as 草稿)',
          'per save, large / small (ms, median of every call)': `${ms(median(large.times))} / ${ms(median(small.times))}`,
          'items saved, large / small': `${large.next} / ${small.next}`,
          'list opened after linking, large / small (s, once, not in the ratio)': `${(large.side.openMs / 1000).toFixed(1)} / ${(small.side.openMs / 1000).toFixed(1)}`,
        },
      };
    } finally {
      await closeSides(sides.map((s) => s.side));
    }
  },
};
