/// <reference lib="dom" />
// Watches the page's main thread during a package import: every long task the browser reports
// (PerformanceObserver 'longtask', ≥ 50 ms), the longest gap between animation frames, and each
// distinct progress text the import dialog shows. Shared by the big-package spec and bench.
import type { AppSession } from '../harness/session';
import { currentProfileDbName } from './profiles';

/**
 * The most the window may be blocked at once. 200 ms is where a click or a keypress starts to
 * feel unanswered (RAIL puts the response budget at 100 ms; on a loaded 2-core machine the
 * same work takes about twice as long), and it is far under the 5.5 s of the issue.
 */
export const MAX_BLOCK_MS = 200;

export interface ProbeRun {
  summary: { trainees: string; classes: string };
  rows: { trainees: number; classes: number };
  /** Long tasks (≥ 50 ms) while the rows were looked up and written, slice by slice. */
  rowsPhase: { longestTaskMs: number; longTasks: number; progressSteps: number; ms: number };
  /** Long tasks before that: the dialog opening, verification and the head arriving from main. */
  beforeRows: { longestTaskMs: number; longTasks: number };
  longestFrameGapMs: number;
  elapsedMs: number;
}

/** Start time and duration of each long task; time and text of each progress change. */
type Probe = { tasks: [number, number][]; maxGap: number; texts: [number, string][] };

declare global {
  interface Window {
    __qhProbe?: Probe & { stop: () => void };
  }
}

/**
 * The progress texts of the row stages (移除旧版本数据 / 接收数据 / 核对本机已有数据 / 写入数据库
 * n / m 条): from the first page of rows main hands over to the last row written.
 */
const ROWS_TEXT = /(移除旧版本数据|接收数据|核对本机已有数据|写入数据库) [\d,]+ \/ [\d,]+ 条/;

function split(probe: Probe) {
  const rowTexts = probe.texts.filter(([, text]) => ROWS_TEXT.test(text));
  const from = rowTexts[0]?.[0] ?? Infinity;
  const to = rowTexts.at(-1)?.[0] ?? Infinity;
  const longest = (tasks: [number, number][]) =>
    Math.round(Math.max(0, ...tasks.map(([, d]) => d)));
  // A task that ends after the first row slice belongs to the row stages.
  const rows = probe.tasks.filter(([start, d]) => start + d >= from);
  const before = probe.tasks.filter(([start, d]) => start + d < from);
  return {
    rowsPhase: {
      longestTaskMs: longest(rows),
      longTasks: rows.length,
      progressSteps: rowTexts.length,
      ms: Math.round(to - from),
    },
    beforeRows: { longestTaskMs: longest(before), longTasks: before.length },
  };
}

async function rowCounts(app: AppSession): Promise<{ trainees: number; classes: number }> {
  return app.page.evaluate(
    (dbName: string) =>
      new Promise<{ trainees: number; classes: number }>((resolve, reject) => {
        const open = indexedDB.open(dbName);
        open.onerror = () => reject(new Error('open failed'));
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['trainees', 'classes'], 'readonly');
          const out = { trainees: 0, classes: 0 };
          tx.objectStore('trainees').count().onsuccess = (e) =>
            (out.trainees = (e.target as IDBRequest<number>).result);
          tx.objectStore('classes').count().onsuccess = (e) =>
            (out.classes = (e.target as IDBRequest<number>).result);
          tx.oncomplete = () => (db.close(), resolve(out));
        };
      }),
    await currentProfileDbName(app.page),
  );
}

const PROBE = `(() => {
  const tasks = [];
  const texts = [];
  let maxGap = 0;
  let last = performance.now();
  let live = true;
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) tasks.push([e.startTime, e.duration]);
  });
  observer.observe({ type: 'longtask' });
  const frame = (now) => {
    maxGap = Math.max(maxGap, now - last);
    last = now;
    const text = document.querySelector('[data-testid="import-phase"]')?.textContent ?? '';
    if (text && texts[texts.length - 1]?.[1] !== text) texts.push([now, text]);
    if (live) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  window.__qhProbe = {
    tasks,
    texts,
    get maxGap() { return maxGap; },
    stop: () => { live = false; observer.disconnect(); },
  };
})()`;

/** Opens 设置, imports `file` through the open dialog with the probe running, and reports. */
export async function importWithProbe(app: AppSession, file: string): Promise<ProbeRun> {
  const { page } = app;
  await page.locator('[data-screen="settings"]').click();
  await page.getByTestId('package-import-card').waitFor();
  const before = await rowCounts(app);
  // A string, not a function: the test runner's transform would add helpers the page lacks.
  await page.evaluate(PROBE);
  const start = Date.now();
  app.harness.dialogs.answerNextOpen(file);
  await page.getByTestId('import-button').click();
  await page.getByTestId('import-summary').waitFor({ timeout: 600_000 });
  const elapsedMs = Date.now() - start;
  const probe = await page.evaluate((): Probe => {
    const p = window.__qhProbe!;
    p.stop();
    return { tasks: [...p.tasks], maxGap: p.maxGap, texts: [...p.texts] };
  });
  const summary = {
    trainees: (await page.getByTestId('import-count-trainees').textContent()) ?? '',
    classes: (await page.getByTestId('import-count-classes').textContent()) ?? '',
  };
  const after = await rowCounts(app);
  await page.getByTestId('import-close').click();
  return {
    summary,
    rows: { trainees: after.trainees - before.trainees, classes: after.classes - before.classes },
    ...split(probe),
    longestFrameGapMs: Math.round(probe.maxGap),
    elapsedMs,
  };
}
