// Where the reader's first page goes: opens the two 40-page plans of the reader benchmark in
// turn and writes down, per open, when each stage was reached (ms after the click), read from
// inside the page: the /files fetch and how many there were (resource timing), the viewer's
// status, page 1's canvas appearing, its first ink, its text layer, and how many pages have
// canvases by then. Marks named 'qhx …' (performance.mark, added by hand to a build being
// profiled) are listed too. Not a benchmark (no ratio):
//   npx tsx bench/reader-stages.ts [opens] [--idb] [--profile out.cpuprofile] [--trace out.json]
// --idb lists the page's IndexedDB requests; --profile / --trace record the last open (CDP).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchBrowser } from '../test/e2e/harness/browser';
import { ensureRendererBuilt } from '../test/e2e/harness/build';
import { startHarness } from '../test/e2e/harness/server';
import { attachHarness } from '../test/e2e/harness/session';
import { openLongPlanAsExpert } from '../test/e2e/helpers/longPlan';

type Stages = Record<string, number>;

/** Installed in the page before each click; resolves with the stages once page 1 has ink. */
const watch = (tailMs: number) => `(() => {
  const t0 = { v: 0 };
  const stages = {};
  const at = (name) => { if (!(name in stages)) { stages[name] = performance.now() - t0.v; performance.mark('qh ' + name); } };
  window.__qhStages = new Promise((resolve) => {
    document.addEventListener('pointerdown', () => { t0.v = window.__qhT0 = performance.now(); }, { capture: true, once: true });
    const previous = document.querySelector('[data-testid="pdf-reader"]')?.getAttribute('data-url') ?? null;
    const tick = () => {
      const reader = document.querySelector('[data-testid="pdf-reader"]');
      if (reader && reader.getAttribute('data-url') !== previous) {
        at('viewer mounted');
        if (reader.getAttribute('data-status') === 'ready') at('status ready');
        const page1 = reader.querySelector('.page[data-page-number="1"]');
        if (page1) at('page 1 div');
        const canvas = page1?.querySelector('canvas');
        if (canvas && canvas.width > 0) {
          at('page 1 canvas');
          stages['canvas px'] = canvas.width + 'x' + canvas.height;
          const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
          let ink = false;
          if (data) for (let i = 0; i < data.length; i += 4) if (data[i] < 200) { ink = true; break; }
          if (ink) at('page 1 ink');
        }
        if (page1?.querySelector('.textLayer span')) at('page 1 text layer');
        if ('page 1 ink' in stages) {
          stages['canvases in viewer'] = reader.querySelectorAll('.page canvas').length;
          stages['text layers'] = reader.querySelectorAll('.textLayer span').length > 0
            ? reader.querySelectorAll('.textLayer:has(span)').length : 0;
          for (const e of performance.getEntriesByType('mark')) {
            if (e.startTime >= t0.v && e.name.startsWith('qhx ')) stages[e.name.slice(4)] = e.startTime - t0.v;
          }
          for (const e of performance.getEntriesByType('resource')) {
            if (e.startTime < t0.v) continue;
            const name = new URL(e.name).pathname.split('/').slice(0, 3).join('/');
            stages['fetches of ' + name] = (stages['fetches of ' + name] ?? 0) + 1;
            stages['fetch ' + name + ' start'] = e.startTime - t0.v;
            stages['fetch ' + name + ' first byte'] = e.responseStart - t0.v;
            stages['fetch ' + name + ' end'] = e.responseEnd - t0.v;
          }
          // Keep watching a little: what else happens right after page 1 (text layer, page 2).
          setTimeout(() => {
            if (page1?.querySelector('.textLayer span')) at('page 1 text layer');
            stages['canvases +500 ms'] = reader.querySelectorAll('.page canvas').length;
            for (const e of performance.getEntriesByType('mark')) {
              if (e.startTime >= t0.v && e.name.startsWith('qhx ') && !(e.name.slice(4) in stages)) stages[e.name.slice(4)] = e.startTime - t0.v;
            }
            performance.clearMarks();
            resolve(stages);
          }, ${tailMs});
          return;
        }
      }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
})()`;

const IDB_LOG = `(() => {
  const log = (window.__qhIdb = []);
  const wrap = (proto, name, label) => {
    const original = proto[name];
    if (!original) return;
    proto[name] = function (...args) {
      const request = original.apply(this, args);
      const entry = { what: label + ' ' + (this.name || (this.objectStore && this.objectStore.name) || ''), at: performance.now(), done: -1 };
      log.push(entry);
      request.addEventListener('success', () => { if (entry.done < 0) entry.done = performance.now(); });
      return request;
    };
  };
  for (const name of ['get', 'getAll', 'getAllKeys', 'count', 'openCursor', 'openKeyCursor', 'put', 'add', 'delete']) {
    wrap(IDBObjectStore.prototype, name, 'store.' + name);
    wrap(IDBIndex.prototype, name, 'index.' + name);
  }
})()`;

async function main() {
  const opens = Number(process.argv[2] ?? 6);
  const profileAt = process.argv.indexOf('--profile');
  const profileOut = profileAt > 0 ? process.argv[profileAt + 1] : undefined;
  const traceAt = process.argv.indexOf('--trace');
  const traceOut = traceAt > 0 ? process.argv[traceAt + 1] : undefined;
  ensureRendererBuilt();
  const app = await startHarness();
  const dir = mkdtempSync(path.join(tmpdir(), 'qihang-reader-stages-'));
  const { context } = await launchBrowser(dir);
  await attachHarness(context, app);
  if (process.argv.includes('--idb'))
    // Every IndexedDB request of the page with when it was made and answered (ms after load).
    await context.addInitScript({ content: IDB_LOG });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await openLongPlanAsExpert(page, app);
    const other = page.locator('[data-testid="review-queue-item"][aria-selected="false"]');
    const cdp = await context.newCDPSession(page);
    const all: Stages[] = [];
    for (let i = 0; i < opens; i++) {
      const profiling = profileOut && i === opens - 1;
      // A profile ends at page 1's ink; otherwise watch half a second more.
      await page.evaluate(watch(profiling ? 0 : 500));
      if (profiling) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
        await cdp.send('Profiler.start');
      }
      const tracing = traceOut && i === opens - 1;
      const events: unknown[] = [];
      if (tracing) {
        cdp.on('Tracing.dataCollected', (e: { value: unknown[] }) => events.push(...e.value));
        await cdp.send('Tracing.start', {
          transferMode: 'ReportEvents',
          traceConfig: {
            includedCategories: [
              'devtools.timeline',
              'disabled-by-default-devtools.timeline',
              'disabled-by-default-devtools.timeline.frame',
              'toplevel',
              'v8.execute',
              'blink.user_timing',
              'loading',
              '__metadata',
            ],
          },
        });
      }
      await other.first().click();
      const stages = (await page.evaluate('window.__qhStages')) as Stages;
      if (tracing) {
        const done = new Promise<void>((resolve) =>
          cdp.once('Tracing.tracingComplete', () => resolve()),
        );
        await cdp.send('Tracing.end');
        await done;
        writeFileSync(traceOut, JSON.stringify({ traceEvents: events }));
      }
      if (profiling) {
        const { profile } = await cdp.send('Profiler.stop');
        writeFileSync(profileOut, JSON.stringify(profile));
      }
      all.push(stages);
      if (process.argv.includes('--idb')) {
        const requests = (await page.evaluate(
          '(() => { const t0 = window.__qhT0; return window.__qhIdb.splice(0).filter((e) => e.at >= t0).map((e) => [e.at - t0, e.done - t0, e.what]); })()',
        )) as [number, number, string][];
        for (const [at, done, what] of requests)
          console.log(
            `  idb ${at.toFixed(0).padStart(5)} -> ${done.toFixed(0).padStart(5)}  ${what}`,
          );
      }
      console.log(`open ${i + 1}${i < 2 ? ' (warm-up)' : ''}`);
      for (const [k, v] of Object.entries(stages).sort((a, b) => Number(a[1]) - Number(b[1])))
        console.log(`  ${k.padEnd(36)} ${typeof v === 'number' ? v.toFixed(0) : v}`);
    }
  } finally {
    await context.close();
    await app.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(app.userDataDir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
