// Accessibility as a test: axe-core on every stop of the walk (every screen of every role, the
// picker, the unlock dialog) at 1366×768. Any critical or serious violation fails, listed as
// "stop: rule (impact) — what — where" so the failure says what to fix.
import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppSession } from './harness/session';
import { VIEWPORT, walk } from './helpers/walk';

let app: AppSession;

beforeAll(async () => {
  app = await startApp();
  await app.page.setViewportSize(VIEWPORT);
  await app.page.goto(app.harness.url);
});

afterAll(async () => {
  await app?.close();
});

const blocking = new Set(['critical', 'serious']);

/** One line per distinct problem: rule (impact) — what axe says — where (first element, count). */
async function violations(): Promise<string[]> {
  // Legacy mode runs axe inside the page itself; the default opens a second blank page to merge
  // frame results, which the host guards close (the app never opens windows).
  const result = await new AxeBuilder({ page: app.page }).setLegacyMode(true).analyze();
  const lines = new Map<string, { where: string; count: number }>();
  for (const v of result.violations) {
    if (!blocking.has(v.impact ?? '')) continue;
    for (const node of v.nodes) {
      const what = (node.failureSummary ?? v.help).split('\n').slice(1).join(' ').trim() || v.help;
      const key = `${v.id} (${v.impact}) — ${what}`;
      const seen = lines.get(key);
      if (seen) seen.count += 1;
      else lines.set(key, { where: node.target.join(' '), count: 1 });
    }
  }
  return [...lines].map(
    ([key, { where, count }]) => `${key} — ${where}${count > 1 ? ` (×${count})` : ''}`,
  );
}

describe('every screen of every role at 1366×768 passes axe (no critical or serious)', () => {
  for (const stop of walk()) {
    it(stop.name, async () => {
      await stop.reach(app.page);
      expect(await violations()).toEqual([]);
    });
  }
});
